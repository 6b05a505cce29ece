import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { PTHREAD_WORKER_FILE, THREADED_WASM_FILE } from './wasm-threads-files';

/**
 * TF.js on its WASM backend, with the .wasm files shipped inside the extension.
 *
 * One WASM build per document (tfjs-backend-wasm keeps its kernels' bindings in module state):
 * the SIMD build, or, with `threads` >= 1 in a cross-origin isolated document, the threaded SIMD
 * build with that many XNNPACK threads. The threaded build spawns its pthread workers from blob:
 * URLs, which the extension CSP (script-src 'self') refuses; withShippedPthreadWorker points them at
 * the shipped worker instead (src/ml/wasm-threads-assets.ts). Should the threaded build still not
 * start (no isolation, a refused worker, a hang), the SIMD build starts instead and `threadsError`
 * says why.
 */
export interface WasmStart {
  backend: 'wasm';
  /** XNNPACK threads of the running build: 0 for the SIMD build. */
  threads: number;
  /** Why threads were asked for but the SIMD build runs. */
  threadsError?: string;
}

export interface WasmOptions {
  /** 0 (default): the SIMD build; n >= 1: the threaded build with n threads. */
  threads?: number;
  /** How long the threaded build may take to start before the SIMD build is used (ms). */
  threadsTimeoutMs?: number;
}

let started: Promise<WasmStart> | null = null;

/** How the WASM backend started in this document (null before startTfWasm). */
export function wasmStarted(): Promise<WasmStart> | null {
  return started;
}

/** Starts the WASM backend once per document and makes it tf's backend; later calls return the first start. */
export function startTfWasm(wasmBaseUrl: string, options: WasmOptions = {}): Promise<WasmStart> {
  started ??= start(wasmBaseUrl, options).catch((error) => {
    started = null;
    throw error;
  });
  return started;
}

/**
 * The engine's entry point (src/engine/hosts/offscreen-host.ts): when the engine document chose its
 * backend already (src/ml/engine-backend.ts), that one; otherwise the SIMD build.
 */
export async function initTfWasm(wasmBaseUrl: string): Promise<string> {
  if (engineBackendReady) return engineBackendReady;
  await startTfWasm(wasmBaseUrl);
  if (tf.getBackend() !== 'wasm' && !(await tf.setBackend('wasm'))) throw new Error('TF.js WASM backend failed to start');
  return tf.getBackend();
}

let engineBackendReady: Promise<string> | null = null;
/** Set by src/ml/engine-backend.ts: initTfWasm then waits for the chosen backend instead. */
export function setEngineBackendReady(ready: Promise<string>): void {
  engineBackendReady = ready;
}

async function start(wasmBaseUrl: string, options: WasmOptions): Promise<WasmStart> {
  const base = wasmBaseUrl.endsWith('/') ? wasmBaseUrl : `${wasmBaseUrl}/`;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': `${base}tfjs-backend-wasm.wasm`,
    'tfjs-backend-wasm-simd.wasm': `${base}tfjs-backend-wasm-simd.wasm`,
    [THREADED_WASM_FILE]: `${base}${THREADED_WASM_FILE}`,
  } as Parameters<typeof setWasmPaths>[0]);
  const threads = Math.max(0, Math.floor(options.threads ?? 0));
  let threadsError: string | undefined;
  if (threads > 0) {
    const why = threadsUnavailable();
    if (why) threadsError = why;
    else {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
      setThreadsCount(threads);
      try {
        const ok = await withLogicalCores(2 * threads, () =>
          withShippedPthreadWorker(`${base}${PTHREAD_WORKER_FILE}`, () =>
            withTimeout(tf.setBackend('wasm'), options.threadsTimeoutMs ?? 15_000, 'the threaded WASM build did not start'),
          ),
        );
        if (ok && tf.getBackend() === 'wasm') return { backend: 'wasm', threads: actualThreads(threads) };
        threadsError = 'the threaded WASM build failed to start (see the console)';
      } catch (error) {
        threadsError = String(error instanceof Error ? error.message : error);
      }
      console.warn(`emotion-overlay: WASM threads off: ${threadsError}; using the SIMD build`);
    }
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // setBackend resolves false (and silently keeps another backend) when WASM fails to start.
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js WASM backend failed to start');
  await tf.ready();
  return { backend: 'wasm', threads: 0, ...(threadsError ? { threadsError } : {}) };
}

/** Null when this document can run the threaded build, else why not. */
export function threadsUnavailable(): string | null {
  if (typeof SharedArrayBuffer === 'undefined' || !globalThis.crossOriginIsolated) return 'the document is not cross-origin isolated (no SharedArrayBuffer)';
  if (typeof Worker === 'undefined') return 'no Worker in this document';
  return null;
}

function actualThreads(asked: number): number {
  try {
    // the package's getter (set when the backend is constructed)
    return (tf.backend() as unknown as { wasm: { tfjs: { getThreadsCount(): number } } }).wasm.tfjs.getThreadsCount();
  } catch {
    return asked;
  }
}

/**
 * The package caps its threads at navigator.hardwareConcurrency / 2 (it takes every other logical
 * core for a hyper-thread), read once while the build starts: 1 thread on a 2-core machine, whatever
 * is asked. To run the threads asked for, the document reports at least 2 x threads cores while the
 * build starts, and its own count again afterwards.
 */
async function withLogicalCores<T>(cores: number, run: () => Promise<T>): Promise<T> {
  if (navigator.hardwareConcurrency >= cores) return run();
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: cores, configurable: true });
  try {
    return await run();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/**
 * While `run` starts the threaded build: the package's pthread worker Blob (the only
 * application/javascript Blob made then) is given the shipped worker's URL instead of a blob: URL.
 * The package creates its whole pool (8 workers) while starting, so nothing is patched afterwards.
 */
async function withShippedPthreadWorker<T>(workerUrl: string, run: () => Promise<T>): Promise<T> {
  const original = URL.createObjectURL;
  URL.createObjectURL = function (this: typeof URL, obj: Blob | MediaSource) {
    if (obj instanceof Blob && obj.type === 'application/javascript') return workerUrl;
    return original.call(URL, obj);
  };
  // a worker that fails to load never answers, and the start would hang: fail on its first error
  let onError: (e: ErrorEvent) => void = () => undefined;
  const workerFailed = new Promise<never>((_, reject) => {
    onError = (e) => reject(new Error(`a pthread worker failed: ${e.message || String(e.error)}`));
  });
  addEventListener('error', onError);
  try {
    return await Promise.race([run(), workerFailed]);
  } finally {
    removeEventListener('error', onError);
    URL.createObjectURL = original;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${message} in ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
