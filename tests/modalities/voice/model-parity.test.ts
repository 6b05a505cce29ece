/**
 * Parity of the TF.js export with PyTorch.
 * (a) the committed model (models/voice/tfjs) on the WASM backend vs the probabilities the exporter
 *     computed with PyTorch for deterministic inputs (parity.json);
 * (b) the exporter itself on a tiny random model (spawns /usr/bin/python3 with python3-torch).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWasmBackend, loadLayersModelFromFile, tf } from '../../../scripts/lib/tfjs-wasm-node';
import { createVoiceModel } from '../../../src/modalities/voice/voice-model';
import { RunningNorm } from '../../../src/modalities/voice/running-norm';
import { EMOTIONS } from '../../../src/core/emotions';
import { parityInputs } from '../../../scripts/voice/parity-inputs';

const ROOT = path.resolve(__dirname, '../../..');


async function maxDiffAgainstParity(dir: string) {
  const parity = JSON.parse(fs.readFileSync(path.join(dir, 'parity.json'), 'utf8'));
  const { n, T, D } = parity.inputs;
  const model = await loadLayersModelFromFile(path.join(dir, 'model.json'));
  const x = tf.tensor3d(parityInputs(n, T, D), [n, T, D]);
  const y = model.predict(x) as tf.Tensor;
  const got = (await y.array()) as number[][];
  x.dispose();
  y.dispose();
  model.dispose();
  let maxDiff = 0;
  got.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - parity.torchProbs[i][j])))));
  return { maxDiff, got, parity };
}

describe('voice model TF.js export', () => {
  it('committed model matches PyTorch on the parity inputs (wasm)', async () => {
    await initWasmBackend();
    const dir = path.join(ROOT, 'models/voice/tfjs');
    const { maxDiff, got } = await maxDiffAgainstParity(dir);
    expect(got.length).toBe(4);
    for (const row of got) {
      expect(row.length).toBe(EMOTIONS.length);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
    expect(maxDiff).toBeLessThan(1e-4);
    // size budget: model.json + shards <= 1 MB
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    const bytes = fs.statSync(path.join(dir, 'model.json')).size +
      json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths).reduce((s: number, p: string) => s + fs.statSync(path.join(dir, p)).size, 0);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
  }, 60000);

  it('VoiceModel wrapper: normalises, returns 7 probabilities, leaks no tensors, disposes', async () => {
    await initWasmBackend();
    const layers = await loadLayersModelFromFile(path.join(ROOT, 'models/voice/tfjs/model.json'));
    const vm = createVoiceModel(layers);
    const { windowFrames: T, frameDim: D } = vm.meta;
    // a raw window through the wrapper's normalisation (per-window mean removal, mean/std) must give
    // the probabilities the exporter computed with the Python preprocessing
    const raw = parityInputs(1, T, D).map((v, i) => v * 2 - 3 + 0.01 * (i % D));
    const before = tf.memory().numTensors;
    const p = vm.predict(raw);
    const batch = vm.predictBatch(new Float32Array([...raw, ...raw]), 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(p.length).toBe(7);
    const parity = JSON.parse(fs.readFileSync(path.join(ROOT, 'models/voice/tfjs/parity.json'), 'utf8'));
    for (let j = 0; j < 7; j++) {
      expect(Math.abs(p[j] - parity.torchProbsFromRaw[j])).toBeLessThan(1e-4);
      expect(batch[7 + j]).toBeCloseTo(p[j], 5);
    }
    expect(() => vm.predict(new Float32Array(10))).toThrow();
    vm.dispose();
    expect(() => vm.predict(raw)).toThrow();
  }, 60000);

  it('exporter: tiny random PyTorch model -> TF.js layers model with the same outputs', async () => {
    await initWasmBackend();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-export-'));
    const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'models/voice/export_tfjs.py'), '--random-tiny', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { maxDiff, got, parity } = await maxDiffAgainstParity(out);
    expect(got.length).toBe(parity.inputs.n);
    // the random model is not degenerate: outputs differ between inputs and classes
    expect(Math.max(...got[0]) - Math.min(...got[0])).toBeGreaterThan(1e-3);
    expect(Math.abs(got[0][0] - got[1][0])).toBeGreaterThan(1e-4);
    expect(maxDiff).toBeLessThan(1e-4);
    fs.rmSync(out, { recursive: true, force: true });
  }, 120000);

  it('exporter + runtime: speaker normalisation (RunningNorm warm-up prior and a fed stream) matches the Python preprocessing', async () => {
    await initWasmBackend();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-export-spk-'));
    const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'models/voice/export_tfjs.py'), '--random-tiny-spk', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { maxDiff } = await maxDiffAgainstParity(out);
    expect(maxDiff).toBeLessThan(1e-4);
    const parity = JSON.parse(fs.readFileSync(path.join(out, 'parity.json'), 'utf8'));
    const vm = createVoiceModel(await loadLayersModelFromFile(path.join(out, 'model.json')));
    const { windowFrames: T, frameDim: D } = vm.meta;
    expect(vm.meta.speakerNorm).toBeTruthy();
    const raw = parityInputs(1, T, D).map((v, i) => v * 2 - 3 + 0.01 * (i % D));
    const before = tf.memory().numTensors;
    // a fresh stream: the prior (no stats passed, or the stats of an empty RunningNorm)
    const rn = new RunningNorm(vm.meta.speakerNorm!);
    const p0 = vm.predict(raw);
    const p0b = vm.predict(raw, rn.stats());
    // the stream has heard this window: its own statistics
    rn.push(raw, T);
    expect(rn.n).toBeGreaterThan(0);
    const p1 = vm.predict(raw, rn.stats());
    expect(tf.memory().numTensors).toBe(before);
    let d0 = 0, d1 = 0, moved = 0;
    for (let j = 0; j < 7; j++) {
      d0 = Math.max(d0, Math.abs(p0[j] - parity.torchProbsFromRaw[j]), Math.abs(p0b[j] - p0[j]));
      d1 = Math.max(d1, Math.abs(p1[j] - parity.torchProbsFromRawWithStream[j]));
      moved = Math.max(moved, Math.abs(p1[j] - p0[j]));
    }
    expect(d0).toBeLessThan(1e-4);
    expect(d1).toBeLessThan(1e-4);
    expect(moved).toBeGreaterThan(1e-3); // the normalisation really changes the input
    vm.dispose();
    fs.rmSync(out, { recursive: true, force: true });
  }, 120000);
});
