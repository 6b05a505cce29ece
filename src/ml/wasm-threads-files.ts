/** File names of tfjs-backend-wasm's threaded build, as shipped under /wasm/tfjs/ (wasm-threads-assets.ts). */
export const THREADED_WASM_FILE = 'tfjs-backend-wasm-threaded-simd.wasm';
export const PTHREAD_WORKER_FILE = 'tfjs-backend-wasm-threaded-simd.worker.js';
export const PTHREAD_GLUE_FILE = 'tfjs-backend-wasm-threaded-simd.js';
