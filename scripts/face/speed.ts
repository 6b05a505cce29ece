/**
 * Runtime speed of a face expression model in TF.js WASM (SIMD, one thread) in Node, a proxy for
 * the extension's Chromium WASM: one CNN pass for 1 face and for a batch of 9, and the whole
 * predictBatch (crop + align + gray + standardise + CNN + read back) on a 640x480 frame with 1 and
 * 9 faces. This machine's cores are shared, so each figure is the 10th percentile of many calls
 * (the uncontended cost; medians are printed too). Last line JSON.
 *
 *   npx tsx scripts/face/speed.ts [--model-path models/face/tfjs/model.json] [--reps 200] [--v1]
 */
import * as path from 'node:path';
import { tf, initWasmBackend, fileIOHandler } from '../lib/tfjs-wasm-node';
import { loadExpressionModel, type ExpressionModel } from '../../src/modalities/face/expression-model';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const argv = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };

function stats(fn: () => void, reps: number) {
  for (let i = 0; i < 10; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); fn(); t.push(performance.now() - t0); }
  t.sort((a, b) => a - b);
  return { p10: +t[Math.floor(reps / 10)].toFixed(3), median: +t[Math.floor(reps / 2)].toFixed(3) };
}

async function measure(name: string, modelPath: string, flipTTA: boolean, reps: number) {
  const m: ExpressionModel = await loadExpressionModel(fileIOHandler(modelPath), { flipTTA });
  const frame = tf.randomUniform([480, 640, 3], 0, 255, 'int32') as tf.Tensor3D;
  // 9 faces of 60..120 px in a 3x3 grid, rolled a little, with MediaPipe-order keypoints
  const faces = Array.from({ length: 9 }, (_, i) => {
    const side = 60 + 8 * i; const x = 40 + (i % 3) * 200; const y = 20 + Math.floor(i / 3) * 150;
    const r = ((i - 4) * 3 * Math.PI) / 180; const e = side * 0.2;
    const cx = x + side / 2; const cy = y + side * 0.4;
    return { box: { x, y, width: side, height: side }, keypoints: [
      { x: cx - e * Math.cos(r), y: cy - e * Math.sin(r) }, { x: cx + e * Math.cos(r), y: cy + e * Math.sin(r) },
      { x: cx, y: y + side * 0.6 }, { x: cx, y: y + side * 0.8 }, { x: x, y: cy }, { x: x + side, y: cy }] };
  });
  const x1 = tf.randomNormal([flipTTA ? 2 : 1, 48, 48, 1]) as tf.Tensor4D;
  const x9 = tf.randomNormal([flipTTA ? 18 : 9, 48, 48, 1]) as tf.Tensor4D;
  const cnn = (x: tf.Tensor4D) => () => { const p = m.model.predict(x); p.dataSync(); p.dispose(); };
  const before = tf.memory().numTensors;
  const r = {
    model: name, flipTTA,
    cnnOne: stats(cnn(x1), reps), cnnNine: stats(cnn(x9), Math.max(20, reps / 4)),
    predictOne: stats(() => m.predictBatch(frame, [faces[4]]), reps), predictNine: stats(() => m.predictBatch(frame, faces), Math.max(20, reps / 4)),
  };
  if (tf.memory().numTensors !== before) throw new Error(`${name}: ${tf.memory().numTensors - before} tensors leaked`);
  console.log(`${name}${flipTTA ? ' +flip' : ''}: CNN 1 face ${r.cnnOne.p10} ms (median ${r.cnnOne.median}), 9 faces ${r.cnnNine.p10} ms (${r.cnnNine.median}); ` +
    `predictBatch 1 face ${r.predictOne.p10} ms (${r.predictOne.median}), 9 faces ${r.predictNine.p10} ms (${r.predictNine.median})`);
  tf.dispose([frame, x1, x9]); m.dispose();
  return r;
}

async function main() {
  await initWasmBackend();
  const reps = Number(opt('--reps', '200'));
  const rows = [await measure('ours', opt('--model-path', path.join(ROOT, 'models/face/tfjs/model.json')), false, reps)];
  if (argv.includes('--flip')) rows.push(await measure('ours', opt('--model-path', path.join(ROOT, 'models/face/tfjs/model.json')), true, reps));
  if (argv.includes('--v1')) rows.push(await measure('v1', path.join(ROOT, 'models/face/tfjs-v1/model.json'), false, reps));
  console.log(JSON.stringify({ backend: tf.getBackend(), simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), results: rows }));
}
main().catch((e) => { console.error(e); process.exit(1); });
