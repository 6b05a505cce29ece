/**
 * Parity of the committed TF.js face model with PyTorch: models/face/export.py wrote
 * models/face/tfjs/parity.json (synthetic faces + the probabilities of the PyTorch model, float and
 * with the dequantised weights). The runtime (preprocessing included) must reproduce them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { initWasmBackend } from '../../../scripts/lib/tfjs-wasm-node';
import { MODEL_DIR, runParity } from './helpers';

describe('committed face model parity (tfjs wasm vs PyTorch)', () => {
  beforeAll(async () => { await initWasmBackend(); });

  it.each([false, true])('matches the PyTorch probabilities (flip TTA %s)', async (flip) => {
    const r = await runParity(MODEL_DIR, flip);
    console.log(`face parity (flip TTA ${flip}): n=${r.n} max|dp| vs dequantised torch ${r.vsDeq.toExponential(2)}, vs float torch ${r.vsFloat.toExponential(2)}`);
    expect(r.n).toBeGreaterThanOrEqual(4);
    expect(r.vsDeq).toBeLessThan(2e-4); // same weights: float32 rounding only
    expect(r.vsFloat).toBeLessThan(0.03); // uint8 kernel quantisation
    expect(r.leaked).toBe(0);
  });

  it('is at most 2 MB and uses quantised kernels', () => {
    const json = JSON.parse(fs.readFileSync(path.join(MODEL_DIR, 'model.json'), 'utf8'));
    let bytes = fs.statSync(path.join(MODEL_DIR, 'model.json')).size;
    for (const g of json.weightsManifest) for (const p of g.paths) bytes += fs.statSync(path.join(MODEL_DIR, p)).size;
    expect(bytes).toBeLessThanOrEqual(2_000_000);
    const kernels = json.weightsManifest.flatMap((g: any) => g.weights).filter((w: any) => /^conv\d+\/kernel$/.test(w.name));
    expect(kernels.length).toBeGreaterThan(0);
    for (const k of kernels) expect(k.quantization?.dtype).toBe('uint8');
  });
});
