/**
 * Parity of the text model across languages and runtimes:
 * (a) the committed model (models/text/tfjs): the TypeScript featuriser gives the ids the training
 *     extraction stored for the parity sentences, and TextModel.predict (JS mean pooling + TF.js head,
 *     WASM) and the whole TF.js layers model both give the PyTorch probabilities (parity.json);
 * (b) the exporter itself on a tiny random model (spawns /usr/bin/python3 with python3-torch).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileIOHandler, initWasmBackend, loadLayersModelFromFile, tf } from '../../../scripts/lib/tfjs-wasm-node';
import { featureIds, featurizeBatch, TEXT_FEATURE_CONFIG } from '../../../src/modalities/text/featurizer';
import { createTextModel, loadTextModel, type TextModelMeta } from '../../../src/modalities/text/text-model';
import { PARITY_SENTENCES } from '../../../scripts/text/parity-sentences';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, 'models/text/tfjs');

function maxDiff(a: ArrayLike<number>[], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => Array.from(row).forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j])))));
  return m;
}

function padIds(rows: number[][]) {
  const L = Math.max(1, ...rows.map((r) => r.length));
  const ids = new Int32Array(rows.length * L);
  const weights = new Float32Array(rows.length * L);
  rows.forEach((r, i) => { ids.set(r, i * L); weights.fill(1 / r.length, i * L, i * L + r.length); });
  return { ids, weights, n: rows.length, L };
}

describe('text model TF.js export', () => {
  it('committed model: TS featuriser + TF.js (wasm) == PyTorch on the parity sentences; size <= 3 MB', async () => {
    await initWasmBackend();
    const parity = JSON.parse(fs.readFileSync(path.join(DIR, 'parity.json'), 'utf8'));
    expect(parity.sentences).toEqual(PARITY_SENTENCES);
    const model = await loadTextModel(fileIOHandler(path.join(DIR, 'model.json')));
    const B = model.meta.buckets;
    // the featuriser still makes the ids the model was trained and exported with
    PARITY_SENTENCES.forEach((s, i) => expect(Array.from(featureIds(s, B)), s).toEqual(parity.ids[i]));
    const before = tf.memory().numTensors;
    const fast = model.predict(PARITY_SENTENCES);
    const b = featurizeBatch(PARITY_SENTENCES, B);
    const layers = model.predictLayers(b.ids, b.weights, b.n, b.L);
    expect(tf.memory().numTensors).toBe(before);
    expect(fast.length).toBe(PARITY_SENTENCES.length);
    for (const row of fast) {
      expect(row.length).toBe(7);
      expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 4);
    }
    expect(maxDiff(fast, parity.torchProbs)).toBeLessThan(1e-4);
    expect(maxDiff(layers, parity.torchProbs)).toBeLessThan(1e-4);
    // the sentences are not all read the same way (the model is not constant)
    const tops = new Set(fast.map((r) => r.indexOf(Math.max(...r))));
    expect(tops.size).toBeGreaterThanOrEqual(3);
    // one at a time == in a batch
    expect(maxDiff(model.predict([PARITY_SENTENCES[6]]), [Array.from(fast[6])])).toBeLessThan(1e-6);
    expect(model.predict([])).toEqual([]);
    model.dispose();
    expect(() => model.predict(['x'])).toThrow();
    const json = JSON.parse(fs.readFileSync(path.join(DIR, 'model.json'), 'utf8'));
    const bytes = fs.statSync(path.join(DIR, 'model.json')).size +
      json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths).reduce((s: number, p: string) => s + fs.statSync(path.join(DIR, p)).size, 0);
    expect(bytes).toBeLessThanOrEqual(3_000_000);
  }, 60000);

  it('rejects a model trained with another featuriser config', async () => {
    await initWasmBackend();
    const layers = await loadLayersModelFromFile(path.join(DIR, 'model.json'));
    const meta = layers.getUserDefinedMetadata() as TextModelMeta;
    const cfg = { ...TEXT_FEATURE_CONFIG, ...meta.featureConfig, charNgramMax: 9 };
    expect(() => createTextModel(layers, { ...meta, featureConfig: cfg })).toThrow(/charNgramMax/);
    expect(() => createTextModel(layers, { ...meta, emotions: ['happy', 'sad'] })).toThrow(/class order/);
    layers.dispose();
  }, 60000);

  it('exporter: tiny random PyTorch model -> TF.js layers model with the same outputs', async () => {
    await initWasmBackend();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'text-export-'));
    const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'models/text/export_tfjs.py'), '--random-tiny', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const parity = JSON.parse(fs.readFileSync(path.join(out, 'parity.json'), 'utf8'));
    const model = await loadTextModel(fileIOHandler(path.join(out, 'model.json')));
    const b = padIds(parity.ids);
    const got = model.predictLayers(b.ids, b.weights, b.n, b.L);
    expect(got.length).toBe(4);
    // not degenerate: outputs differ between inputs and classes
    expect(Math.max(...got[0]) - Math.min(...got[0])).toBeGreaterThan(1e-3);
    expect(Math.abs(got[0][0] - got[1][0])).toBeGreaterThan(1e-4);
    expect(maxDiff(got, parity.torchProbs)).toBeLessThan(1e-5);
    model.dispose();
    fs.rmSync(out, { recursive: true, force: true });
  }, 120000);
});
