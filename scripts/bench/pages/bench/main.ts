/**
 * Benchmark page (not shipped: scripts/bench/build-pages.ts bundles it into a copy of the built
 * extension, .cache/bench/extension, as /bench.html). It runs in the extension origin with the
 * extension's CSP, the same WASM and model files and the same code as the offscreen document, and is
 * driven by scripts/bench/bench.ts through puppeteer: window.__bench.*.
 */
import * as tf from '@tensorflow/tfjs';
import { loadExpressionModel, preprocess, type ExpressionModel } from '../../../../src/modalities/face/expression-model';
import { loadFaceDetector, type FaceDetectorModel } from '../../../../src/modalities/face/face-detector';
import { analyseFaceFrame, createRegionCanvas } from '../../../../src/modalities/face/face-frame';
import { windowedDetector } from '../../../../src/modalities/face/windowed-detector';
import { initTfWasm, startTfWasm } from '../../../../src/ml/tf-backend';
import { threadsFor } from '../../../../src/ml/engine-backend';
import { loadVoiceModel, type VoiceModel } from '../../../../src/modalities/voice/voice-model';
import { FusionEngine } from '../../../../src/fusion/fusion-engine';
import { EMOTIONS } from '../../../../src/core/emotions';
import type { ModalityReading } from '../../../../src/core/types';
import { FRAME_H, FRAME_W, loadFrames } from './frames';
import { sampleCrops } from '../../../../src/modalities/face/align';
import { grayPixels } from '../../../../src/modalities/face/gray-pixels';
import { decodeClip, timeVoice, type VoiceRun } from './voice-run';
import { runParticipantTiles } from './participant-tiles';
import { faceBudget } from '../../../../src/engine/sources/participants-budget';
import { loadGalleryModel } from '../../../../src/engine/packaged-models';


let detector: FaceDetectorModel | null = null;
let expression: ExpressionModel | null = null;
/** The engine's gallery face model (participants' rounds of more than GALLERY_MIN_TILES), if packaged. */
let galleryExpression: ExpressionModel | null = null;
let voiceModel: VoiceModel | null = null;
let backend = '';
const faceProbs: number[][] = [];
const voiceProbs: number[][] = [];

/** `threads` 'engine': the threaded WASM build with the engine's thread count (where the calibration chose it). */
async function init(threads: number | 'engine' = 0): Promise<{ backend: string; loadMs: number; simd: boolean; multithread: boolean; threads: number }> {
  const t0 = performance.now();
  const started = await startTfWasm('/wasm/tfjs/', { threads: threads === 'engine' ? threadsFor(navigator.hardwareConcurrency) : threads });
  backend = await initTfWasm('/wasm/tfjs/');
  [detector, expression, galleryExpression, voiceModel] = await Promise.all([
    loadFaceDetector({
      wasmLoaderUrl: '/wasm/mediapipe/vision_wasm_internal.js',
      wasmBinaryUrl: '/wasm/mediapipe/vision_wasm_internal.wasm',
      modelUrl: '/models/face-detector/blaze_face_short_range.tflite',
    }),
    loadExpressionModel('/models/face/model.json'),
    loadGalleryModel((path) => path).catch(() => null),
    loadVoiceModel('/models/voice/'),
  ]);
  const loadMs = performance.now() - t0;
  return {
    backend: tf.getBackend(),
    loadMs,
    simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean,
    multithread: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean,
    threads: started.threads,
  };
}

interface FaceRun {
  backend: string;
  detectMs: number[];
  classifyMs: number[];
  frameMs: number[];
  /** Per still: what the pipeline read on it (last iteration). */
  stills: { url: string; state: string; faces: number; score: number; dominant: string | null }[];
}

async function runFace(urls: string[], warmup: number, iterations: number): Promise<FaceRun> {
  const canvases = await loadFrames(urls);
  const ctx = createRegionCanvas();
  const run: FaceRun = { backend, detectMs: [], classifyMs: [], frameMs: [], stills: [] };
  const last: ReturnType<typeof analyseFaceFrame>[] = [];
  let lastTs = 0;
  for (let i = 0; i < warmup + iterations; i++) {
    const k = i % canvases.length;
    // strictly increasing timestamps, as the live loop's performance.now()
    let started = performance.now();
    if (started <= lastTs) started = lastTs + 0.001;
    lastTs = started;
    const result = analyseFaceFrame(canvases[k], detector!, expression!, ctx, started);
    const { timing } = result;
    last[k] = result;
    if (i >= warmup) {
      run.detectMs.push(timing.detectMs);
      run.classifyMs.push(timing.classifyMs);
      run.frameMs.push(timing.detectMs + timing.classifyMs);
      if (result.faces[0]) faceProbs.push(Array.from(result.faces[0].probs));
    }
    // yield now and then, as the live loop does between frames
    if (i % 8 === 7) await new Promise((r) => setTimeout(r, 0));
  }
  run.stills = urls.map((url, k) => {
    const r = last[k];
    const face = r.faces[0];
    const probs = face ? Array.from(face.probs) : null;
    const top = probs ? EMOTIONS[probs.indexOf(Math.max(...probs))] : null;
    const state = r.faces.length === 0 ? 'no-face' : r.faces.length > 1 ? 'several-faces' : 'ok';
    return { url, state, faces: r.faces.length, score: face?.score ?? 0, dominant: top };
  });
  return run;
}

async function runVoice(wavUrl: string, warmup: number, passes: number, chunk = 1600): Promise<VoiceRun> {
  return timeVoice(voiceModel!, await decodeClip(wavUrl), warmup, passes, chunk, (probs) => voiceProbs.push(Array.from(probs)));
}

/**
 * Where the classify time goes, per frame (the box from one detection per still): crop drawn into
 * the 96x96 canvas + getImageData, tf.browser.fromPixels, expression.predict (preprocess + CNN + read).
 */
async function runClassifyBreakdown(urls: string[], warmup: number, iterations: number): Promise<Record<string, number[]>> {
  const canvases = await loadFrames(urls);
  const ctx = createRegionCanvas();
  const side = ctx.canvas.width;
  const boxes = canvases.map((c) => detector!.detect(c, performance.now())[0]?.box ?? null);
  const out: Record<string, number[]> = { cropMs: [], fromPixelsMs: [], predictMs: [], preprocessMs: [], cnnMs: [] };
  for (let i = 0; i < warmup + iterations; i++) {
    const k = i % canvases.length;
    const box = boxes[k];
    if (!box) continue;
    const crop = { x: box.x + box.width / 2, y: box.y + box.height / 2, s: Math.max(box.width, box.height) * expression!.cropPolicy.scale };
    const t0 = performance.now();
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, side, side);
    ctx.drawImage(canvases[k], crop.x - crop.s / 2, crop.y - crop.s / 2 + expression!.cropPolicy.shiftY * box.height, crop.s, crop.s, 0, 0, side, side);
    const data = ctx.getImageData(0, 0, side, side);
    const t1 = performance.now();
    const pixels = tf.browser.fromPixels(data, 3);
    const t2 = performance.now();
    expression!.predict(pixels, null);
    const t3 = performance.now();
    // the same predict in two halves: preprocess (crop/resize, gray, standardise), then CNN + read back
    const x = preprocess(pixels, null, expression!.cropPolicy);
    x.dataSync();
    const t4 = performance.now();
    const y = expression!.model.predict(x) as tf.Tensor;
    y.dataSync();
    const t5 = performance.now();
    x.dispose();
    y.dispose();
    pixels.dispose();
    if (i >= warmup) {
      out.cropMs.push(t1 - t0);
      out.fromPixelsMs.push(t2 - t1);
      out.predictMs.push(t3 - t2);
      out.preprocessMs.push(t4 - t3);
      out.cnnMs.push(t5 - t4);
    }
  }
  Object.assign(out, atlasCosts(canvases, warmup, iterations));
  return out;
}

/**
 * A participants' atlas of 1088x800 (the demo stills' faces, 9 cells of about 260 px on one block
 * grid): its read-back by tf.browser.fromPixels (RGB, then cast in the crops) against grayPixels, and
 * the 9 crops pooled together (one convolution of the atlas) against one by one (a region copy each).
 */
function atlasCosts(stills: HTMLCanvasElement[], warmup: number, iterations: number): Record<string, number[]> {
  const atlas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  atlas.canvas.width = 1088;
  atlas.canvas.height = 800;
  const cell = 264;
  const crops = Array.from({ length: 9 }, (_, i) => {
    const x = (i % 4) * cell; const y = Math.floor(i / 4) * cell;
    atlas.drawImage(stills[i % stills.length], 190, 110, cell, cell, x, y, cell, cell);
    return { cx: x + cell / 2 - 0.5, cy: y + cell / 2 - 0.5, side: 240, theta: 0 };
  });
  const out: Record<string, number[]> = { atlasFromPixelsMs: [], atlasGrayMs: [], cropsTogetherMs: [], cropsEachMs: [] };
  for (let i = 0; i < warmup + iterations; i++) {
    const data = atlas.getImageData(0, 0, 1088, 800);
    const t0 = performance.now();
    const rgb = tf.browser.fromPixels(data, 3);
    const t1 = performance.now();
    const gray = grayPixels(data);
    const t2 = performance.now();
    const together = sampleCrops(gray, crops);
    together.dataSync();
    const t3 = performance.now();
    const each = crops.map((g) => sampleCrops(gray, [g]));
    each.forEach((t) => t.dataSync());
    const t4 = performance.now();
    tf.dispose([rgb, gray, together, ...each]);
    if (i >= warmup) {
      out.atlasFromPixelsMs.push(t1 - t0);
      out.atlasGrayMs.push(t2 - t1);
      out.cropsTogetherMs.push(t3 - t2);
      out.cropsEachMs.push(t4 - t3);
    }
  }
  return out;
}

/**
 * MediaPipe's detect cost by input type (the same pixels): canvas, ImageData, ImageBitmap. All go
 * through MediaPipe's WebGL upload (software SwiftShader here), so this shows what the input type costs.
 */
async function runDetectInputs(urls: string[], warmup: number, iterations: number): Promise<Record<string, number[]>> {
  const canvases = await loadFrames(urls);
  const inputs: Record<string, TexImageSource[]> = {
    canvas: canvases,
    imageData: canvases.map((c) => c.getContext('2d')!.getImageData(0, 0, FRAME_W, FRAME_H)),
    imageBitmap: await Promise.all(canvases.map((c) => createImageBitmap(c))),
    // the same frame at a quarter of the pixels: what the per-pixel conversion costs
    canvas320x240: canvases.map((c) => {
      const small = document.createElement('canvas');
      small.width = FRAME_W / 2;
      small.height = FRAME_H / 2;
      small.getContext('2d')!.drawImage(c, 0, 0, small.width, small.height);
      return small;
    }),
  };
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(inputs)) out[name] = [];
  let ts = performance.now();
  // round-robin over the input types, so that load from elsewhere falls on all alike
  for (let i = 0; i < warmup + iterations; i++) {
    for (const [name, list] of Object.entries(inputs)) {
      const t0 = performance.now();
      ts = Math.max(ts + 0.001, t0);
      const faces = detector!.detect(list[i % list.length], ts);
      const ms = performance.now() - t0;
      if (faces.length === 0) throw new Error(`no face detected on ${name} input`);
      if (i >= warmup) out[name].push(ms);
    }
  }
  return out;
}

/** The WebGL renderer this page gets (MediaPipe converts input frames through WebGL). */
function glRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL2';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
}

/** FusionEngine.update on recorded-like inputs (this run's face and voice outputs, 10 Hz). */
function runFusion(batches: number, callsPerBatch: number): { msPerCall: number[]; fusedNonNull: number } {
  const uniform = EMOTIONS.map(() => 1 / EMOTIONS.length);
  const fp = faceProbs.length ? faceProbs : [uniform];
  const vp = voiceProbs.length ? voiceProbs : [uniform];
  const faces: ModalityReading[] = fp.map((probs) => ({ modality: 'face', state: 'ok', probs, quality: 0.9, tMedia: 0, faces: 1 }));
  // every third voice window is silence, as between phrases
  const voices: ModalityReading[] = vp.map((probs, i) =>
    i % 3 === 2 ? { modality: 'voice', state: 'silence', probs: null, quality: 0.1, tMedia: 0 } : { modality: 'voice', state: 'ok', probs, quality: 0.9, tMedia: 0 },
  );
  const engine = new FusionEngine({ halfLifeSeconds: 2 });
  let t = Date.now();
  let n = 0;
  let fusedNonNull = 0;
  const msPerCall: number[] = [];
  for (let b = 0; b < batches + 2; b++) {
    const t0 = performance.now();
    for (let i = 0; i < callsPerBatch; i++, n++) {
      t += 100;
      if (engine.update({ face: faces[n % faces.length], voice: voices[(n >> 2) % voices.length] }, t)) fusedNonNull++;
    }
    const ms = (performance.now() - t0) / callsPerBatch;
    if (b >= 2) msPerCall.push(ms);
  }
  return { msPerCall, fusedNonNull };
}

/**
 * The participants path: a gallery frame of n tiles (the demo stills, tiled in a square grid on a
 * 1280x720 frame, as a meeting's gallery), detect + classify every face in one call per frame.
 */
/**
 * The tab-capture path: n tiles in one 1280x720 gallery frame, searched whole and in windows as
 * the tab-capture source does (windowed-detector.ts). `cold`: a new detector every frame, so every
 * window is detected (a gallery in motion); else the windows of the still gallery keep theirs.
 */
async function runParticipants(urls: string[], n: number, warmup: number, iterations: number, cold = false): Promise<{ frameMs: number[]; faces: number[] }> {
  const stills = await loadFrames(urls);
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const frame = document.createElement('canvas');
  frame.width = 1280;
  frame.height = 720;
  const g = frame.getContext('2d')!;
  g.fillStyle = '#222';
  g.fillRect(0, 0, frame.width, frame.height);
  const tw = frame.width / cols;
  const th = frame.height / rows;
  for (let i = 0; i < n; i++) g.drawImage(stills[i % stills.length], (i % cols) * tw, Math.floor(i / cols) * th, tw, th);
  const ctx = createRegionCanvas();
  const out = { frameMs: [] as number[], faces: [] as number[] };
  let lastTs = 0;
  let windowed: FaceDetectorModel | null = null;
  for (let i = 0; i < warmup + iterations; i++) {
    let started = performance.now();
    if (started <= lastTs) started = lastTs + 0.001;
    lastTs = started;
    if (cold || !windowed) windowed = windowedDetector(detector!);
    // as the engine reads a captured gallery (run-modality.ts): the model and flip for that many faces
    const r = analyseFaceFrame(frame, windowed, expression!, ctx, started, (faces) => faceBudget(faces, expression!, galleryExpression));
    if (i >= warmup) {
      out.frameMs.push(r.timing.detectMs + r.timing.classifyMs);
      out.faces.push(r.faces.length);
    }
    if (i % 8 === 7) await new Promise((res) => setTimeout(res, 0));
  }
  return out;
}

/** The participants path on received tracks: n tiles per round (see participant-tiles.ts). */
const runTiles = (urls: string[], n: number, maxPerRound: number, warmup: number, iterations: number, mode: 'reuse' | 'detect-all' = 'reuse') =>
  runParticipantTiles(detector!, expression!, galleryExpression, urls, n, maxPerRound, warmup, iterations, mode);

Object.assign(globalThis, { __bench: { init, runFace, runVoice, runFusion, runClassifyBreakdown, runDetectInputs, runParticipants, runTiles, glRenderer } });
document.title = 'bench ready';
