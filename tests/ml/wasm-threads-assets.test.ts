/** The threaded build's shipped files, made from the installed tfjs-backend-wasm (no blob: URL left to load). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { threadedWasmAssets } from '../../src/ml/wasm-threads-assets';

describe('threaded WASM assets', () => {
  const assets = threadedWasmAssets(resolve(import.meta.dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm'));
  it('ships the threaded .wasm, the pthread worker and the glue under /wasm/tfjs/', () => {
    expect(assets.map((a) => a.relativeDest).sort()).toEqual([
      'wasm/tfjs/tfjs-backend-wasm-threaded-simd.js',
      'wasm/tfjs/tfjs-backend-wasm-threaded-simd.wasm',
      'wasm/tfjs/tfjs-backend-wasm-threaded-simd.worker.js',
    ]);
  });
  it('the worker imports the shipped glue, never a blob: URL, and parses', () => {
    const worker = assets.find((a) => a.relativeDest.endsWith('.worker.js'));
    if (!worker || !('contents' in worker)) throw new Error('no generated worker');
    expect(worker.contents).toContain('importScripts("tfjs-backend-wasm-threaded-simd.js");');
    expect(worker.contents).not.toContain('createObjectURL');
    expect(() => new Function(worker.contents)).not.toThrow();
  });
});
