/**
 * Backends benchmark and parity page (not shipped: scripts/bench/build-pages.ts bundles it into a copy
 * of the built extension as /bench-backends.html). One WASM build per document, so the page is opened
 * once per flavour: `?threads=0` (the SIMD build), `?threads=N` (the threaded build, N threads).
 * Driven by scripts/bench/bench.ts and tests/e2e/backends.test.ts through puppeteer: window.__backends.*.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { loadExpressionModel, type ExpressionModel } from '../../../../src/modalities/face/expression-model';
import { loadVoiceModel, type VoiceModel } from '../../../../src/modalities/voice/voice-model';
import { startTfWasm, type WasmStart } from '../../../../src/ml/tf-backend';
import { gpuRenderer, onBackend, startGpuBackend, type GpuBackend } from '../../../../src/ml/backends';
import { timeFaceNet } from '../../../../src/ml/backend-timing';
import { parityInputs } from '../../../voice/parity-inputs';

let face: ExpressionModel | null = null;
let voice: VoiceModel | null = null;

async function init(): Promise<WasmStart & { packageThreads: number; flipTTA: boolean; crossOriginIsolated: boolean; hardwareConcurrency: number; loadMs: number }> {
  const threads = Number(new URLSearchParams(location.search).get('threads') ?? 0);
  const t0 = performance.now();
  const started = await startTfWasm('/wasm/tfjs/', { threads });
  [face, voice] = await Promise.all([loadExpressionModel('/models/face/model.json'), loadVoiceModel('/models/voice/')]);
  return { ...started, packageThreads: getThreadsCount(), flipTTA: face!.flipTTA, crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, loadMs: performance.now() - t0 };
}

/** Starts a GPU backend; null when it runs, else why not. */
const start = (name: GpuBackend) => startGpuBackend(name);

/**
 * Face net ms per face at batch 1 and 9 on a backend ('wasm' is this page's flavour); each batch's
 * timed calls stop once `budgetMs` is spent (software WebGL takes seconds a call).
 */
function timeFace(name: string, iterations: number, warmup = 2, budgetMs = Infinity): { b1: number; b9: number } {
  return onBackend(name, () => ({
    b1: timeFaceNet(face!.model, 1, iterations, warmup, budgetMs),
    b9: timeFaceNet(face!.model, 9, iterations, warmup, budgetMs),
  }));
}

/** Voice model ms per window at batch 1 (the live path: one window per call). */
function timeVoice(name: string, iterations: number): number {
  const { windowFrames: T, frameDim: D } = voice!.meta;
  const x = parityInputs(1, T, D);
  return onBackend(name, () => {
    const ms: number[] = [];
    for (let i = 0; i < iterations + 2; i++) {
      const t0 = performance.now();
      voice!.predict(x);
      if (i >= 2) ms.push(performance.now() - t0);
    }
    return ms.sort((a, b) => a - b)[ms.length >> 1];
  });
}

/** The shipped runtime's probabilities on a backend: the face parity crops (box null); the voice parity raw window, then `voiceN` windows. */
function probabilities(name: string, faceInputs: number[][], voiceN: number): { face: number[][]; voice: number[][]; leaked: number } {
  return onBackend(name, () => {
    const before = tf.memory().numTensors;
    const faceOut = faceInputs.map((pixels) => {
      const img = tf.tensor3d(Float32Array.from(pixels), [48, 48, 1]);
      try {
        return Array.from(face!.predict(img, null));
      } finally {
        img.dispose();
      }
    });
    const { windowFrames: T, frameDim: D } = voice!.meta;
    // first the raw window of the voice parity fixture (through the runtime's normalisation), then `voiceN` more
    const raw = parityInputs(1, T, D).map((v, i) => v * 2 - 3 + 0.01 * (i % D));
    const windows = new Float32Array((voiceN + 1) * T * D);
    windows.set(raw);
    windows.set(parityInputs(voiceN, T, D), T * D);
    const v = voice!.predictBatch(windows, voiceN + 1);
    const voiceOut = Array.from({ length: voiceN + 1 }, (_, i) => Array.from(v.subarray(i * 7, i * 7 + 7)));
    return { face: faceOut, voice: voiceOut, leaked: tf.memory().numTensors - before };
  });
}

Object.assign(globalThis, { __backends: { init, start, timeFace, timeVoice, probabilities, renderer: gpuRenderer, backend: () => tf.getBackend() } });
document.title = 'bench ready';
