/**
 * Node-side helpers for running TF.js models with the WASM backend (the same kernels the
 * extension uses in the browser) and loading models from the file system.
 *
 *   import { tf, initWasmBackend, loadLayersModelFromFile } from '../lib/tfjs-wasm-node';
 *   await initWasmBackend();
 *   const model = await loadLayersModelFromFile('models/face/tfjs-v1/model.json');
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export { tf };

const require = createRequire(import.meta.url);

/** Folder holding the tfjs-backend-wasm .wasm binaries, with a trailing separator. */
export function wasmDistDir(): string {
  const main = require.resolve('@tensorflow/tfjs-backend-wasm'); // .../dist/tf-backend-wasm.node.js
  return path.dirname(main) + path.sep;
}

let ready: Promise<void> | null = null;

/**
 * Selects the WASM backend (single-threaded, SIMD where Node supports it). Idempotent.
 * Throws if the backend cannot be initialised.
 */
export function initWasmBackend(): Promise<void> {
  if (!ready) {
    ready = (async () => {
      // Node has no Web Workers for the threaded build; force the single-threaded binary.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      setWasmPaths(wasmDistDir());
      const ok = await tf.setBackend('wasm');
      if (!ok) throw new Error('tf.setBackend("wasm") failed');
      await tf.ready();
      if (tf.getBackend() !== 'wasm') throw new Error(`backend is ${tf.getBackend()}, expected wasm`);
    })();
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

/** An IOHandler that reads a TF.js model.json and its weight shards from the file system. */
export function fileIOHandler(modelJsonPath: string): tf.io.IOHandler {
  const dir = path.dirname(modelJsonPath);
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest ?? []) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
      }
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData: toArrayBuffer(Buffer.concat(buffers)),
      };
    },
  };
}

export function loadLayersModelFromFile(modelJsonPath: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileIOHandler(modelJsonPath));
}

export function loadGraphModelFromFile(modelJsonPath: string): Promise<tf.GraphModel> {
  return tf.loadGraphModel(fileIOHandler(modelJsonPath));
}
