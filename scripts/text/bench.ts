/**
 * tsx scripts/text/bench.ts [FILE.csv] [--model models/text/tfjs/model.json] [--n 2000]
 *
 * Cost of the runtime text path (featuriser + model, TF.js WASM backend in Node), one utterance per
 * call as captions arrive: median, mean and 95th percentile ms per utterance over n calls on the texts
 * of FILE.csv (default: the MELD dev slice written by the feature extraction), after a warm-up. The
 * median is the robust figure on a shared machine (preempted calls inflate the mean). Also the
 * featuriser alone and a batch of 32. Last line: one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileIOHandler, initWasmBackend, tf } from '../lib/tfjs-wasm-node';
import { csvRecords } from '../lib/csv-records';
import { featureIds } from '../../src/modalities/text/featurizer';
import { loadTextModel } from '../../src/modalities/text/text-model';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
let file = path.join(ROOT, 'models/text/work/features/dev/meld.csv');
let model = path.join(ROOT, 'models/text/tfjs/model.json');
let n = 2000;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--model') model = path.resolve(argv[++i]);
  else if (argv[i] === '--n') n = Number(argv[++i]);
  else file = path.resolve(argv[i]);
}
const texts = csvRecords(fs.readFileSync(file, 'utf8')).map((r) => r.text);
const pick = (i: number) => texts[i % texts.length];
await initWasmBackend();
const m = await loadTextModel(fileIOHandler(model));
for (let i = 0; i < 200; i++) m.predict([pick(i)]);
const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))];
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const single: number[] = [];
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  m.predict([pick(i)]);
  single.push(performance.now() - t0);
}
const feat: number[] = [];
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  featureIds(pick(i), m.meta.buckets);
  feat.push(performance.now() - t0);
}
const batch: number[] = [];
for (let i = 0; i + 32 <= n; i += 32) {
  const b = Array.from({ length: 32 }, (_, j) => pick(i + j));
  const t0 = performance.now();
  m.predict(b);
  batch.push((performance.now() - t0) / 32);
}
const tensors = tf.memory().numTensors;
m.dispose();
const res = {
  n, file: path.relative(ROOT, file), backend: tf.getBackend(), loadavg1: r4(os.loadavg()[0]), cpus: os.cpus().length,
  single: { median: r4(q(single, 0.5)), mean: r4(single.reduce((a, b) => a + b, 0) / n), p95: r4(q(single, 0.95)) },
  featuriserMedian: r4(q(feat, 0.5)),
  batch32PerUtteranceMedian: r4(q(batch, 0.5)),
  liveTensors: tensors,
};
console.log(`single utterance: median ${res.single.median} ms, mean ${res.single.mean} ms, p95 ${res.single.p95} ms ` +
  `(featuriser alone median ${res.featuriserMedian} ms; batch of 32: ${res.batch32PerUtteranceMedian} ms per utterance); load ${res.loadavg1} on ${res.cpus} CPUs`);
console.log(JSON.stringify(res));
