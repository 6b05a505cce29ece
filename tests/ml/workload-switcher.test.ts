/**
 * The engine follows the workload (src/ml/engine-backend.ts workloadSwitcher): a gallery runs on
 * the calibration's batch-9 choice, single faces on its batch-1 choice; a backend that cannot
 * start leaves the running one. Node: TF.js's CPU and WASM backends stand in for two backends of
 * one document; WebGL cannot start here, as on a machine without a GPU.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { workloadSwitcher, type EngineBackendState } from '../../src/ml/engine-backend';
import { wasmDistDir } from '../../scripts/lib/tfjs-wasm-node';

const state = (chosen: Record<'b1' | 'b9', string>) =>
  Promise.resolve({ choice: { override: null, calibration: { chosen } }, calibration: Promise.resolve(null) } as unknown as EngineBackendState);

afterAll(() => tf.setBackend('cpu'));

describe('workload switcher', () => {
  it('moves a gallery to the batch-9 choice and back, and stays put when a backend cannot start', async () => {
    setWasmPaths(wasmDistDir());
    await tf.setBackend('cpu');
    const use = workloadSwitcher(state({ b1: 'webgl', b9: 'wasm-threads' }));
    await use('b9');
    // the threaded build's choice runs on the document's WASM backend
    expect(tf.getBackend()).toBe('wasm');
    await use('b1');
    // no WebGL in Node: WASM goes on
    expect(tf.getBackend()).toBe('wasm');
  });
});
