/**
 * Parity of the committed TF.js face models with PyTorch: export2.py (v1 fine-tuned, models/face/tfjs,
 * shipped; v2, models/face/tfjs-v2, shipped for galleries) and export.py (v1, models/face/tfjs-v1) wrote parity.json (synthetic faces + the
 * probabilities of the PyTorch model, float and with the weights as stored). The runtime
 * (preprocessing and temperature included) must reproduce them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { initWasmBackend } from '../../../scripts/lib/tfjs-wasm-node';
import { MODEL_DIR, MODEL_V1_DIR, MODEL_V2_DIR, runParity } from './helpers';

function modelBytes(dir: string) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  let bytes = fs.statSync(path.join(dir, 'model.json')).size;
  for (const g of json.weightsManifest) for (const p of g.paths) bytes += fs.statSync(path.join(dir, p)).size;
  return { json, bytes };
}

const dirs = [['shipped', MODEL_DIR], ['v1', MODEL_V1_DIR], ['v2 (galleries)', MODEL_V2_DIR]] as const;
for (const [name, dir] of dirs.filter(([, d], i) => dirs.findIndex(([, e]) => e === d) === i)) {
  describe.skipIf(!fs.existsSync(path.join(dir, 'model.json')))(`${name} face model parity (tfjs wasm vs PyTorch)`, () => {
    beforeAll(async () => { await initWasmBackend(); });

    it.each([false, true])('matches the PyTorch probabilities (flip TTA %s)', async (flip) => {
      const r = await runParity(dir, flip);
      console.log(`face parity ${name} (flip TTA ${flip}): n=${r.n} max|dp| vs stored-weights torch ${r.vsDeq.toExponential(2)}, vs float torch ${r.vsFloat.toExponential(2)}`);
      expect(r.n).toBeGreaterThanOrEqual(4);
      expect(r.vsDeq).toBeLessThan(2e-4); // same weights: float32 rounding only
      expect(r.vsFloat).toBeLessThan(0.03); // uint8 (v1) or float16 (v2) weights
      expect(r.leaked).toBe(0);
    });

    it('is at most 2 MB and stores its weights compactly', () => {
      const { json, bytes } = modelBytes(dir);
      expect(bytes).toBeLessThanOrEqual(2_000_000);
      const weights = json.weightsManifest.flatMap((g: any) => g.weights);
      if (json.format === 'face-net-v2') {
        // float16 throughout, or (v1's size, export2.py --quant uint8) uint8 kernels and float16 biases
        const quant = json.userDefinedMetadata?.quant === 'uint8' || weights.some((w: any) => w.quantization?.dtype === 'uint8');
        for (const w of weights) expect(w.quantization?.dtype).toBe(quant && /kernel$/.test(w.name) ? 'uint8' : 'float16');
        expect(json.modelTopology.temperature).toBeGreaterThan(0);
      } else {
        const kernels = weights.filter((w: any) => /^conv\d+\/kernel$/.test(w.name));
        expect(kernels.length).toBeGreaterThan(0);
        for (const k of kernels) expect(k.quantization?.dtype).toBe('uint8');
      }
    });
  });
}
