import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * TF.js on its WASM backend, with the .wasm files shipped inside the extension.
 *
 * The threaded build is never used: an offscreen document sees SharedArrayBuffer, but the
 * extension CSP blocks the blob: workers that build needs, and setBackend would then hang.
 * WebGL is not tried: on the small 48x48 model WASM measures faster, and software GL (no GPU)
 * is 10-20x slower.
 */
export async function initTfWasm(wasmBaseUrl: string): Promise<string> {
  if (tf.getBackend() === 'wasm') return 'wasm';
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const base = wasmBaseUrl.endsWith('/') ? wasmBaseUrl : `${wasmBaseUrl}/`;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': `${base}tfjs-backend-wasm.wasm`,
    'tfjs-backend-wasm-simd.wasm': `${base}tfjs-backend-wasm-simd.wasm`,
    'tfjs-backend-wasm-threaded-simd.wasm': `${base}tfjs-backend-wasm-simd.wasm`,
  });
  // setBackend resolves false (and silently keeps another backend) when WASM fails to start.
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js WASM backend failed to start');
  await tf.ready();
  return tf.getBackend();
}
