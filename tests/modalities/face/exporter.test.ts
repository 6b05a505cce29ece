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

  // the v2 layer list, and the v3 student's (v1's stages with max pooling, depthwise-separable pairs)
  for (const [seed, arch] of [[1, ''], [2, ''], [3, 'v1s_a']] as const) {
    it(`round-trips a random ${arch || 'v2'} model (seed ${seed}): folded BN, float16 weights, temperature`, async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'face-export2-'));
      try {
        execFileSync(PYTHON, [path.join(REPO_ROOT, 'models/face/export2.py'), '--random', '--seed', String(seed), ...(arch ? ['--arch', arch] : []), '--out', out],
          { stdio: 'pipe', env: { ...process.env, OMP_NUM_THREADS: '1' } });
        const r = await runParity(out, seed === 2);
        console.log(`${arch || 'v2'} exporter parity seed ${seed}: max|dp| vs float16 weights ${r.vsDeq.toExponential(2)}, vs float ${r.vsFloat.toExponential(2)}`);
        expect(r.vsDeq).toBeLessThan(1e-4);
        expect(r.vsFloat).toBeLessThan(0.03);
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
