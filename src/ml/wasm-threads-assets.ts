/**
 * Build time (wxt.config.ts): the files tfjs-backend-wasm's threaded build needs, shipped as
 * extension files. At run time the package makes its pthread worker and the worker's copy of the
 * Emscripten glue from blob: URLs, which the extension CSP (script-src 'self') refuses; shipped
 * files are 'self'. The worker is the package's own, with its one blob: importScripts pointed at
 * the shipped glue (the same file the package bundles, so the versions match).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PTHREAD_GLUE_FILE, PTHREAD_WORKER_FILE, THREADED_WASM_FILE } from './wasm-threads-files';

/** The worker's load branch: a string URL is imported as is, a Blob through a blob: URL. */
const BLOB_IMPORT =
  'if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}else{var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)}';

export function threadedWasmAssets(packageDir: string): ({ absoluteSrc: string; relativeDest: string } | { contents: string; relativeDest: string })[] {
  const wasmOut = join(packageDir, 'wasm-out');
  const require = createRequire(import.meta.url);
  const { wasmWorkerContents } = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  // the package escapes the newlines its template literal turned real (see its backend_wasm.js)
  const worker = wasmWorkerContents.replace(/\n/g, '\\n');
  if (!worker.includes(BLOB_IMPORT)) throw new Error('tfjs-backend-wasm pthread worker changed: update src/ml/wasm-threads-assets.ts');
  const glue = readFileSync(join(wasmOut, PTHREAD_GLUE_FILE), 'utf8');
  if (!glue.includes('var WasmBackendModuleThreadedSimd')) throw new Error('tfjs-backend-wasm threaded glue changed: update src/ml/wasm-threads-assets.ts');
  return [
    { absoluteSrc: join(packageDir, 'dist', THREADED_WASM_FILE), relativeDest: `wasm/tfjs/${THREADED_WASM_FILE}` },
    { contents: worker.replace(BLOB_IMPORT, `importScripts(${JSON.stringify(PTHREAD_GLUE_FILE)});`), relativeDest: `wasm/tfjs/${PTHREAD_WORKER_FILE}` },
    { absoluteSrc: join(wasmOut, PTHREAD_GLUE_FILE), relativeDest: `wasm/tfjs/${PTHREAD_GLUE_FILE}` },
  ];
}
