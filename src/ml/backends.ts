/**
 * The engine's TF.js backends. Both WASM flavours are tf's one 'wasm' backend (one build per
 * document, src/ml/tf-backend.ts); WebGL ships in @tensorflow/tfjs; WebGPU registers itself here
 * where the browser has navigator.gpu.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';

import type { EngineBackend, GpuBackend } from './backend-names';

export { ENGINE_BACKENDS, type EngineBackend, type GpuBackend } from './backend-names';

/** tf's backend name of an engine backend. */
export const tfBackendName = (b: EngineBackend): string => (b === 'wasm-threads' ? 'wasm' : b);

/**
 * Starts a GPU backend (the first time is async: a GL context, a WebGPU device) and leaves tf on the
 * backend it was on. Null when it runs, else why not, in words.
 */
export async function startGpuBackend(name: GpuBackend): Promise<string | null> {
  if (name === 'webgpu') {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
    if (!(await gpu.requestAdapter().catch(() => null))) return 'no WebGPU adapter (no usable GPU, or the GPU is blocklisted)';
    if (!tf.findBackendFactory('webgpu')) return 'the WebGPU backend did not register';
  } else {
    const canvas = new OffscreenCanvas(1, 1);
    if (!canvas.getContext('webgl2') && !new OffscreenCanvas(1, 1).getContext('webgl')) return 'no WebGL context in this document';
  }
  if (tf.findBackend(name)) return null;
  const previous = tf.getBackend();
  let ok = false;
  let error = '';
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    error = `: ${String(e)}`;
  }
  // a failed setBackend leaves tf naming the failed backend: put the previous one back
  if (previous) await tf.setBackend(previous);
  return ok ? null : `tf.setBackend('${name}') failed${error}`;
}

/**
 * Runs `fn` with tf on an already started backend, then puts the previous one back, all in one
 * synchronous stretch: nothing else in the document (a live frame) ever runs on the borrowed backend.
 * Tensors that `fn` uses move to `name` (tf copies them on first use).
 */
export function onBackend<T>(name: string, fn: () => T): T {
  const previous = tf.getBackend();
  if (previous === name) return fn();
  if (!tf.findBackend(name)) throw new Error(`backend ${name} is not started`);
  // an already started backend is switched to before setBackend's first await
  void tf.setBackend(name);
  if (tf.getBackend() !== name) throw new Error(`could not switch to ${name}`);
  try {
    return fn();
  } finally {
    void tf.setBackend(previous);
  }
}

/** The GPU a backend runs on, in words (for the settings page and the bench). */
export function gpuRenderer(name: GpuBackend): string {
  try {
    if (name === 'webgl') {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
      if (!gl) return 'no WebGL2';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    }
    const info = (tf.findBackend('webgpu') as unknown as { adapterInfo?: { vendor?: string; architecture?: string; description?: string } } | undefined)?.adapterInfo;
    return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'WebGPU adapter' : 'no WebGPU';
  } catch (e) {
    return `unknown (${String(e)})`;
  }
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The renderer when a GPU backend would run on a software rasteriser (no GPU), else null. */
export function softwareRenderer(name: GpuBackend): string | null {
  const renderer = gpuRenderer(name);
  if (SOFTWARE.test(renderer)) return renderer;
  const info = (tf.findBackend('webgpu') as unknown as { adapterInfo?: { isFallbackAdapter?: boolean } } | undefined)?.adapterInfo;
  return name === 'webgpu' && info?.isFallbackAdapter ? `${renderer} (fallback adapter)` : null;
}
