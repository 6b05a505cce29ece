/**
 * Exporter test: export a tiny randomly initialised PyTorch FaceNet with models/face/export.py
 * (needs /usr/bin/python3 with torch: apt-get install -y python3-torch python3-numpy), load it
 * with tfjs and compare probabilities.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it, beforeAll } from 'vitest';
import { initWasmBackend } from '../../../scripts/lib/tfjs-wasm-node';
import { PYTHON, REPO_ROOT, runParity } from './helpers';

describe('PyTorch -> TF.js exporter (v2, face-net-v2)', () => {
  beforeAll(async () => { await initWasmBackend(); });

  // the v2 layer list, the v3 student's (v1's stages with max pooling, depthwise-separable pairs), and
  // v1's own layer list with uint8 kernels (the fine-tuned v1's encoding)
  for (const [seed, arch, quant] of [[1, '', 'float16'], [2, '', 'float16'], [3, 'v1s_a', 'float16'], [4, 'v1_plain', 'uint8']] as const) {
    it(`round-trips a random ${arch || 'v2'} model (seed ${seed}): folded BN, ${quant} weights, temperature`, async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'face-export2-'));
      try {
        execFileSync(PYTHON, [path.join(REPO_ROOT, 'models/face/export2.py'), '--random', '--seed', String(seed), ...(arch ? ['--arch', arch] : []), '--quant', quant, '--out', out],
          { stdio: 'pipe', env: { ...process.env, OMP_NUM_THREADS: '1' } });
        const r = await runParity(out, seed === 2);
        console.log(`${arch || 'v2'} exporter parity seed ${seed}: max|dp| vs ${quant} weights ${r.vsDeq.toExponential(2)}, vs float ${r.vsFloat.toExponential(2)}`);
        // the runtime computes what PyTorch computes with the same (dequantized) weights
        expect(r.vsDeq).toBeLessThan(1e-4);
        // uint8 kernels of a random net with amplified logits move its probabilities more than float16 does
        expect(r.vsFloat).toBeLessThan(quant === 'uint8' ? 0.1 : 0.03);
        expect(r.leaked).toBe(0);
        const p = JSON.parse(fs.readFileSync(path.join(out, 'parity.json'), 'utf8')).torchFloat as number[][];
        expect(Math.max(...p.flatMap((r) => r.map((v, j) => Math.abs(v - p[0][j]))))).toBeGreaterThan(0.05);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });
  }
});

describe('PyTorch -> TF.js exporter (v1, layers model)', () => {
  beforeAll(async () => { await initWasmBackend(); });

  for (const seed of [1, 2]) {
    it(`round-trips a random tiny model (seed ${seed})`, async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'face-export-'));
      try {
        execFileSync(PYTHON, [path.join(REPO_ROOT, 'models/face/export.py'), '--random-tiny', '--seed', String(seed), '--out', out],
          { stdio: 'pipe', env: { ...process.env, OMP_NUM_THREADS: '1' } });
        const r = await runParity(out, seed === 2); // seed 2 also checks the flip-TTA path
        console.log(`tiny exporter parity seed ${seed}: max|dp| vs dequantised ${r.vsDeq.toExponential(2)}, vs float ${r.vsFloat.toExponential(2)}`);
        // exact check: tfjs must reproduce the network with the weights it was given (the float-vs-
        // quantised gap of a random net with amplified logits says nothing; see parity.test.ts)
        expect(r.vsDeq).toBeLessThan(1e-3); // float32 in tfjs vs float64 reference, logits amplified
        expect(r.leaked).toBe(0);
        // the probabilities are not all the same (the test would be blind to a constant output)
        const p = JSON.parse(fs.readFileSync(path.join(out, 'parity.json'), 'utf8')).torchFloat as number[][];
        expect(Math.max(...p.flatMap((r) => r.map((v, j) => Math.abs(v - p[0][j]))))).toBeGreaterThan(0.05);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
