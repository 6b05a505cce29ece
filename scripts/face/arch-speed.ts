/**
 * Chooses the v2 face architecture by measurement: builds each candidate (models/face/archs.json,
 * random weights) with the runtime's executor (src/modalities/face/face-net.ts) and times one CNN
 * pass for 1 face and for a batch of 9 in TF.js WASM (SIMD, one thread) in Node. Last line JSON.
 *
 *   npx tsx scripts/face/arch-speed.ts [--arch NAME] [--reps 200]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf, initWasmBackend } from '../lib/tfjs-wasm-node';
import { createFaceNet, type FaceNetSpec, type NetLayer } from '../../src/modalities/face/face-net';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const argv = process.argv.slice(2);
const opt = (k: string, d: string) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };

export function macs(spec: FaceNetSpec): number {
  let s = spec.inputSize; let m = 0;
  for (const l of spec.layers) {
    if (l.op === 'conv') { s = Math.ceil(s / l.s); m += s * s * l.k * l.k * l.cin * l.cout; }
    else if (l.op === 'dw') { s = Math.ceil(s / l.s); m += s * s * l.k * l.k * l.c; }
    else if (l.op === 'pool') s = Math.floor(s / 2);
    else if (l.op === 'dense') m += l.cin * l.units;
  }
  return m;
}

function randomWeights(layers: NetLayer[]): tf.NamedTensorMap {
  const w: tf.NamedTensorMap = {};
  for (const l of layers) {
    if (l.op === 'conv') { w[`${l.name}/kernel`] = tf.randomNormal([l.k, l.k, l.cin, l.cout], 0, Math.sqrt(2 / (l.k * l.k * l.cin))); w[`${l.name}/bias`] = tf.zeros([l.cout]); }
    if (l.op === 'dw') { w[`${l.name}/kernel`] = tf.randomNormal([l.k, l.k, l.c, 1], 0, Math.sqrt(2 / (l.k * l.k))); w[`${l.name}/bias`] = tf.zeros([l.c]); }
    if (l.op === 'dense') { w[`${l.name}/kernel`] = tf.randomNormal([l.cin, l.units], 0, 0.1); w[`${l.name}/bias`] = tf.zeros([l.units]); }
  }
  return w;
}

/** 10th percentile of the per-call times: this machine's cores are shared, and the low tail is the
 * uncontended cost (the median is printed too). */
function time(fn: () => void, reps: number): number {
  for (let i = 0; i < 20; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); fn(); t.push(performance.now() - t0); }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 10)];
}

async function main() {
  await initWasmBackend();
  const archs = JSON.parse(fs.readFileSync(path.join(ROOT, 'models/face/archs.json'), 'utf8')) as Record<string, NetLayer[]>;
  const only = opt('--arch', '');
  const reps = Number(opt('--reps', '200'));
  const rows: Record<string, unknown>[] = [];
  for (const [name, layers] of Object.entries(archs)) {
    if (only && !only.split(',').includes(name)) continue;
    const spec: FaceNetSpec = { format: 'face-net-v2', inputSize: 48, inputChannels: 1, layers, temperature: 1 };
    const net = createFaceNet(spec, randomWeights(layers));
    const x1 = tf.randomNormal([1, 48, 48, 1]) as tf.Tensor4D;
    const x9 = tf.randomNormal([9, 48, 48, 1]) as tf.Tensor4D;
    const run = (x: tf.Tensor4D) => () => { const p = net.predict(x); p.dataSync(); p.dispose(); };
    const one = time(run(x1), reps);
    const nine = time(run(x9), Math.max(20, reps / 4));
    const params = layers.reduce((a, l) => a + (l.op === 'conv' ? l.k * l.k * l.cin * l.cout + l.cout : l.op === 'dw' ? l.k * l.k * l.c + l.c : l.op === 'dense' ? l.cin * l.units + l.units : 0), 0);
    const r = { arch: name, mmacs: +(macs(spec) / 1e6).toFixed(2), params, ops: layers.length, msOne: +one.toFixed(3), msNine: +nine.toFixed(3) };
    console.log(JSON.stringify(r));
    rows.push(r);
    tf.dispose([x1, x9]); net.dispose();
  }
  if (argv.includes('--v1')) {
    // reference: the v1 layers model (117 M MACs), same harness
    const { loadLayersModelFromFile } = await import('../lib/tfjs-wasm-node');
    const m = await loadLayersModelFromFile(path.join(ROOT, 'models/face/tfjs-v1/model.json'));
    const x1 = tf.randomNormal([1, 48, 48, 1]) as tf.Tensor4D;
    const x9 = tf.randomNormal([9, 48, 48, 1]) as tf.Tensor4D;
    const run = (x: tf.Tensor4D) => () => { const p = m.predict(x) as tf.Tensor; p.dataSync(); p.dispose(); };
    const r = { arch: 'v1 (layers model)', mmacs: 117, params: 1165159, ops: 25, msOne: +time(run(x1), reps).toFixed(3), msNine: +time(run(x9), Math.max(20, reps / 4)).toFixed(3) };
    console.log(JSON.stringify(r)); rows.push(r);
    tf.dispose([x1, x9]); m.dispose();
  }
  console.log(JSON.stringify({ backend: tf.getBackend(), results: rows }));
}
main().catch((e) => { console.error(e); process.exit(1); });
