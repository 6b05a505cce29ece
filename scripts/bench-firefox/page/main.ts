/**
 * The Firefox benchmark and parity page (not shipped: scripts/bench-firefox/build-page.ts bundles it
 * into a copy of a build, as /bench-firefox.html). It runs in the extension origin with the
 * extension's CSP and the engine's own code and packaged models (loadPackagedModels, the loader of
 * the engine host), and is driven over WebDriver BiDi (Firefox) or CDP (Chromium): window.__benchFirefox.*.
 * The same page runs in both browsers, so the parity test compares like with like.
 */
import * as tf from '@tensorflow/tfjs';
import { loadPackagedModels, type PackagedModels } from '../../../src/engine/packaged-models';
import { loadExpressionModel } from '../../../src/modalities/face/expression-model';
import { analyseFaceFrame, createRegionCanvas } from '../../../src/modalities/face/face-frame';
import { VoiceWindowProcessor } from '../../../src/modalities/voice/voice-pipeline';
import { EMOTIONS } from '../../../src/core/emotions';
import { parityInputs } from '../../voice/parity-inputs';
import { parsePcm16Wav } from './wav';
import { loadFrames } from '../../bench/pages/bench/frames';
import { decodeClip, timeVoice } from '../../bench/pages/bench/voice-run';

/** The Chromium bench's frame size: the demo stills drawn into 640x480 canvases. */

let models: PackagedModels | null = null;
const packaged = (path: string) => new URL(path, location.origin).href;

async function init(): Promise<{ backend: string; loadMs: number; simd: boolean; multithread: boolean; userAgent: string; webgl: string; webgpu: boolean }> {
  const t0 = performance.now();
  models = await loadPackagedModels(packaged);
  const loadMs = performance.now() - t0;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return {
    backend: tf.getBackend(),
    loadMs,
    simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean,
    multithread: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean,
    userAgent: navigator.userAgent,
    webgpu: 'gpu' in navigator && !!(await (navigator as unknown as { gpu: { requestAdapter(): Promise<unknown> } }).gpu.requestAdapter().catch(() => null)),
    webgl: gl ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2',
  };
}

interface FaceRun {
  detectMs: number[];
  classifyMs: number[];
  frameMs: number[];
  /** Per still (last iteration): what the pipeline read, with the first face's probabilities. */
  stills: { url: string; faces: number; score: number; dominant: string | null; probs: number[] | null }[];
}

/** The face frame path of the live loop (analyseFaceFrame), round-robin over the stills. */
async function runFace(urls: string[], warmup: number, iterations: number): Promise<FaceRun> {
  const { detector, expression } = models!;
  const canvases = await loadFrames(urls);
  const ctx = createRegionCanvas();
  const run: FaceRun = { detectMs: [], classifyMs: [], frameMs: [], stills: [] };
  const last: ReturnType<typeof analyseFaceFrame>[] = [];
  let lastTs = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const k = i % canvases.length;
    // strictly increasing timestamps, as the live loop's performance.now()
    let started = performance.now();
    if (started <= lastTs) started = lastTs + 0.001;
    lastTs = started;
    const result = analyseFaceFrame(canvases[k], detector, expression, ctx, started);
    last[k] = result;
    if (i >= warmup) {
      run.detectMs.push(result.timing.detectMs);
      run.classifyMs.push(result.timing.classifyMs);
      run.frameMs.push(result.timing.detectMs + result.timing.classifyMs);
    }
    if (i % 8 === 7) await new Promise((r) => setTimeout(r, 0));
  }
  run.stills = urls.map((url, k) => {
    const face = last[k]?.faces[0];
    const probs = face ? Array.from(face.probs) : null;
    return { url, faces: last[k]?.faces.length ?? 0, score: face?.score ?? 0, dominant: probs ? EMOTIONS[probs.indexOf(Math.max(...probs))] : null, probs };
  });
  return run;
}

/** Voice features + classify (VoiceWindowProcessor) on demo.wav in 1600-sample chunks, as the Chromium bench. */
async function runVoice(wavUrl: string, warmup: number, passes: number, chunk = 1600) {
  return timeVoice(models!.voice, await decodeClip(wavUrl), warmup, passes, chunk);
}

/** Parity of the face model: the exporter's fixed 48x48 crops (parity.json) through the shipped model, flip TTA off and on. */
async function faceParity(parityUrl: string): Promise<{ plain: number[][]; flip: number[][]; leaked: number }> {
  const parity = (await (await fetch(parityUrl)).json()) as { inputs: number[][] };
  const before = tf.memory().numTensors;
  const out = { plain: [] as number[][], flip: [] as number[][], leaked: 0 };
  for (const flipTTA of [false, true]) {
    const model = await loadExpressionModel(packaged('/models/face/model.json'), { flipTTA });
    for (const px of parity.inputs) {
      const img = tf.tensor3d(Uint8Array.from(px), [48, 48, 1], 'int32');
      (flipTTA ? out.flip : out.plain).push(Array.from(model.predict(img, null)));
      img.dispose();
    }
    model.dispose();
  }
  out.leaked = tf.memory().numTensors - before;
  return out;
}

/** Parity of the voice model: the exporter's fixed inputs through the layers model, and one raw window through the engine's wrapper. */
async function voiceParity(parityUrl: string): Promise<{ probs: number[][]; fromRaw: number[] }> {
  const parity = (await (await fetch(parityUrl)).json()) as { inputs: { n: number; T: number; D: number } };
  const { n, T, D } = parity.inputs;
  const layers = await tf.loadLayersModel(packaged('/models/voice/model.json'));
  const x = tf.tensor3d(parityInputs(n, T, D), [n, T, D]);
  const y = layers.predict(x) as tf.Tensor;
  const probs = (await y.array()) as number[][];
  x.dispose();
  y.dispose();
  layers.dispose();
  const vm = models!.voice;
  const raw = parityInputs(1, vm.meta.windowFrames, vm.meta.frameDim).map((v, i) => v * 2 - 3 + 0.01 * (i % vm.meta.frameDim));
  return { probs, fromRaw: Array.from(vm.predict(raw)) };
}

/** The whole voice path (features, VAD, speaker norm, model) on demo.wav's own samples: every window's probabilities. */
async function voiceWindows(wavUrl: string): Promise<{ windows: number; probs: (number[] | null)[] }> {
  const { samples } = parsePcm16Wav(await (await fetch(wavUrl)).arrayBuffer());
  const proc = new VoiceWindowProcessor(models!.voice, 0.5);
  const probs: (number[] | null)[] = [];
  for (let i = 0; i < samples.length; i += 1600) for (const r of proc.push(samples.slice(i, i + 1600))) probs.push(r.probs);
  return { windows: probs.length, probs };
}

Object.assign(globalThis, {
  __benchFirefox: { init, runFace, runVoice, faceParity, voiceParity, voiceWindows, tensors: () => tf.memory().numTensors },
});
document.title = 'bench ready';
