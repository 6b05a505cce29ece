/**
 * Evaluate a face expression model with the TF.js WASM backend (the browser's kernels) in Node.
 *
 *   npm run eval:face -- ../shared/data/faces/fer2013_publictest.bin [--model ours|v1|human|faceapi|ours,v1,human,faceapi]
 *        [--model-path models/face/tfjs/model.json] [--ferplus ../shared/data/faces/ferplus_votes.csv]
 *        [--limit N] [--offset N] [--tta on|off]   (ours: flip test-time augmentation, default: the runtime's for that model)
 *   npm run eval:face -- ../shared/data/faces/fer2013_publictest.bin ../shared/data/faces/muxspace_train.bin --holdout --model ours,v1,human,faceapi
 *        (several data sets in one run; --holdout: of a muxspace file, only the identities held out of
 *         training, models/face/train_data.py muxspace_split; v1: models/face/tfjs-v1 with flip TTA, as it shipped until 2026-12-03)
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
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { tf, initWasmBackend } from '../lib/tfjs-wasm-node';
import { EMOTIONS } from '../../src/core/emotions';
import { ferplusMajority, labelIndex } from '../../src/modalities/face/labels';
import { summarize, formatConfusion, formatTable, argmaxRow, round4 } from '../lib/metrics';
import { csvRecords } from '../lib/csv-records';
import { detectFacesInBrowser } from './browser-detector';
import { ours, human, faceapi, type Predictor, type FaceInput } from './peers';
import { muxspaceHoldout, expectedCalibrationError } from './eval-lib';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

// ---------- arguments ----------
interface Args { flipTTA?: boolean; data: string[]; models: string[]; modelPath: string; v1Path: string; ferplus?: string; limit?: number; offset: number; detect: boolean; holdout: boolean }
const MODELS = ['ours', 'v1', 'human', 'faceapi'];
function parseArgs(argv: string[]): Args {
  const a: Args = { data: [], models: ['ours'], modelPath: path.join(ROOT, 'models/face/tfjs/model.json'), v1Path: path.join(ROOT, 'models/face/tfjs-v1/model.json'), offset: 0, detect: false, holdout: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${k} needs a value`); return v; };
    if (k === '--model') a.models = next().split(',');
    else if (k === '--model-path') a.modelPath = next();
    else if (k === '--ferplus') a.ferplus = next();
    else if (k === '--limit') a.limit = Number(next());
    else if (k === '--offset') a.offset = Number(next());
    else if (k === '--detect') a.detect = true;
    else if (k === '--holdout') a.holdout = true;
    else if (k === '--v1-path') a.v1Path = next();
    else if (k === '--tta') a.flipTTA = next() !== 'off';
    else if (k.startsWith('--')) throw new Error(`unknown option ${k}`);
    else a.data.push(k);
  }
  if (!a.data.length) throw new Error('usage: eval-face <NAME.bin | manifest.csv>... [--model ours|v1|human|faceapi] [--ferplus VOTES.csv] [--limit N] [--offset N] [--holdout]');
  for (const m of a.models) if (!MODELS.includes(m)) throw new Error(`unknown model ${m}`);
  return a;
}

// ---------- data ----------
interface Sample { image: () => tf.Tensor3D; label: number; index: number; file?: string; face?: FaceInput | null }
interface Dataset { name: string; samples: Sample[]; ferplusUsage?: string; total: number }

function loadFer(binPath: string, offset: number, limit?: number, holdout = false): Dataset {
  const bin = fs.readFileSync(binPath);
  const labels = fs.readFileSync(binPath.replace(/\.bin$/, '.labels'));
  const n = labels.length;
  if (bin.length !== n * 48 * 48) throw new Error(`${binPath}: ${bin.length} bytes for ${n} labels`);
  const isMux = path.basename(binPath).startsWith('muxspace');
  const rows = holdout && isMux ? muxspaceHoldout(binPath) : Array.from({ length: n }, (_, i) => i);
  const end = Math.min(rows.length, limit !== undefined ? offset + limit : rows.length);
  const samples: Sample[] = [];
  for (let r = offset; r < end; r++) {
    const i = rows[r];
    const px = bin.subarray(i * 2304, (i + 1) * 2304);
    samples.push({ index: i, label: labels[i], image: () => tf.tensor3d(Int32Array.from(px), [48, 48, 1], 'int32') });
  }
  const base = path.basename(binPath).toLowerCase();
  const ferplusUsage = !base.startsWith('fer2013') ? undefined : base.includes('publictest') ? 'PublicTest' : base.includes('privatetest') ? 'PrivateTest' : base.includes('train') ? 'Training' : undefined;
  return { name: path.basename(binPath) + (holdout && isMux ? ' (held-out identities)' : ''), samples, ferplusUsage, total: n };
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

// ---------- main ----------
async function evaluate(pred: Predictor, ds: Dataset, ferplus: number[] | null) {
  const yTrue: number[] = []; const yPred: number[] = [];
  const fpTrue: number[] = []; const fpPred: number[] = [];
  const conf: number[] = []; const correct: boolean[] = [];
  // warm-up (first call compiles/allocates)
  { const t = ds.samples[0].image(); pred.predict(t, ds.samples[0].face); t.dispose(); }
  const before = tf.memory().numTensors;
  let ms = 0;
  for (const s of ds.samples) {
    const img = s.image();
    const t0 = performance.now();
    const p = pred.predict(img, s.face);
    ms += performance.now() - t0;
    img.dispose();
    const k = argmaxRow(p);
    yTrue.push(s.label); yPred.push(k);
    conf.push(p[k]); correct.push(k === s.label);
    if (ferplus && ferplus[s.index] >= 0) { fpTrue.push(ferplus[s.index]); fpPred.push(k); }
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) console.warn(`${pred.name}: ${leaked} tensors leaked`);
  const sum = summarize(yTrue, yPred, EMOTIONS);
  const res: Record<string, unknown> = { model: pred.name, data: ds.name, n: sum.n, accuracy: sum.accuracy, macroF1: sum.macroF1, perClass: sum.perClass, ece: round4(expectedCalibrationError(conf, correct)), msPerFace: round4(ms / ds.samples.length) };
  if (ferplus) {
    const f = summarize(fpTrue, fpPred, EMOTIONS);
    res.ferplus = { n: f.n, accuracy: f.accuracy, macroF1: f.macroF1, perClass: f.perClass };
  }
  console.log(`\n== ${pred.name} on ${ds.name} (n=${sum.n}) ==`);
  console.log(`accuracy ${(100 * sum.accuracy).toFixed(2)}%  macro-F1 ${(100 * sum.macroF1).toFixed(2)}%  ECE ${(100 * (res.ece as number)).toFixed(2)}%  ${(ms / ds.samples.length).toFixed(2)} ms/face`);
  console.log(formatConfusion(sum.confusion, EMOTIONS));
  if (ferplus) console.log(`FER+ majority labels (n=${fpTrue.length}): accuracy ${(100 * (res.ferplus as any).accuracy).toFixed(2)}%  macro-F1 ${(100 * (res.ferplus as any).macroF1).toFixed(2)}%`);
  return res;
}

async function loadDataset(args: Args, data: string): Promise<{ ds: Dataset; noFace: number; ferplus: number[] | null }> {
  const ds = data.endsWith('.csv') ? loadManifest(data, args.offset, args.limit) : loadFer(data, args.offset, args.limit, args.holdout);
  if (!ds.samples.length) throw new Error(`no samples in ${data}`);
  let noFace = 0;
  if (args.detect) {
    // photos, not face crops: the runtime's detector (in Chromium) and crop policy pick the face
    if (!ds.samples[0].file) throw new Error('--detect needs a manifest of image files');
    const detections = await detectFacesInBrowser(ds.samples.map((s) => s.file!));
    ds.samples.forEach((s, i) => {
      const f = detections[i].faces[0] as (FaceInput & { score: number }) | undefined;
      s.face = f ? { box: f.box, ...(f.keypoints ? { keypoints: f.keypoints } : {}) } : null;
    });
    const without = ds.samples.filter((s) => !s.face).map((s) => path.basename(s.file!));
    noFace = without.length;
    ds.samples = ds.samples.filter((s) => s.face);
    const named = noFace && noFace <= 10 ? ` (${without.join(', ')})` : '';
    console.log(`face detector: a face in ${ds.samples.length} of ${ds.samples.length + noFace} images of ${ds.name}; the ${noFace} without one${named} are left out of the scores`);
    if (!ds.samples.length) throw new Error('no face found in any image');
  }
  let ferplus: number[] | null = null;
  if (args.ferplus && ds.ferplusUsage) {
    ferplus = ferplusLabels(args.ferplus, ds.ferplusUsage);
    if (ferplus.length !== ds.total) throw new Error(`FER+ has ${ferplus.length} ${ds.ferplusUsage} rows, data has ${ds.total}`);
  } else if (args.ferplus && args.data.length === 1) {
    throw new Error('--ferplus needs a FER2013 split (.bin named train/publictest)');
  }
  return { ds, noFace, ferplus };
}

async function makePredictor(name: string, args: Args): Promise<Predictor> {
  if (name === 'ours') return ours(args.modelPath, args.flipTTA);
  if (name === 'v1') return ours(args.v1Path, true, 'v1');
  return name === 'human' ? human() : faceapi();
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await initWasmBackend();
  const sets = [];
  for (const d of args.data) sets.push(await loadDataset(args, d));
  const results: Record<string, unknown>[] = [];
  for (const name of args.models) {
    const pred = await makePredictor(name, args);
    for (const { ds, noFace, ferplus } of sets) results.push({ ...(await evaluate(pred, ds, ferplus)), ...(args.detect ? { noFace } : {}) });
    pred.dispose();
  }
  if (results.length > 1) {
    const multi = sets.length > 1;
    console.log('\n' + formatTable([...(multi ? ['data'] : []), 'model', 'n', 'accuracy', 'macroF1', 'ECE', ...EMOTIONS, 'ms/face'],
      [...results].sort((a: any, b: any) => (multi ? String(a.data).localeCompare(String(b.data)) : 0)).map((r: any) => [...(multi ? [r.data] : []), r.model, r.n, (100 * r.accuracy).toFixed(2), (100 * r.macroF1).toFixed(2), (100 * r.ece).toFixed(2),
        ...EMOTIONS.map((e) => (Number.isNaN(r.perClass[e]) ? '-' : (100 * r.perClass[e]).toFixed(1))), r.msPerFace.toFixed(2)])));
    if (multi) {
      console.log('\nmean over the data sets (accuracy, macro-F1):');
      for (const m of args.models) {
        const rs = results.filter((r) => r.model === m) as any[];
        console.log(`  ${m.padEnd(8)} ${(100 * rs.reduce((s, r) => s + r.accuracy, 0) / rs.length).toFixed(2)}  ${(100 * rs.reduce((s, r) => s + r.macroF1, 0) / rs.length).toFixed(2)}`);
      }
    }
    console.log(JSON.stringify({ model: args.models.join(','), n: results[0].n, results }));
  } else {
    console.log(JSON.stringify(results[0]));
  }
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
