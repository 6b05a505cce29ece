/**
 * The calibration: a short timing of each backend this browser can run, on a copy of the real face
 * network at 1 face per call and of the gallery network at 9 (the models that run those
 * workloads), and the fastest per workload (backend-choice.ts). It runs in
 * child documents of the engine page (engine-backend.ts), one per WASM build, so the engine's own tf
 * state (its backend, its tensors) is never touched. Each timing is one synchronous stretch, with the
 * event loop free between them: a live call's frames go on in between (off the critical path).
 */
import type { ExpressionModel } from '../modalities/face/expression-model';
import { onBackend, softwareRenderer, startGpuBackend, type EngineBackend, type GpuBackend } from './backends';
import { CALIBRATION_REVISION, pickFastest, type Calibration, type FaceTiming } from './backend-choice';
import { timeFaceNet } from './backend-timing';

/** What one document measured: its WASM flavour, and the GPU backends it was asked to time. */
export interface Measured {
  timings: Partial<Record<EngineBackend, FaceTiming>>;
  unavailable: Partial<Record<EngineBackend, string>>;
}

export interface MeasureOptions {
  /** A copy of the face model for the timing (disposed at the end). */
  loadFaceModel: () => Promise<ExpressionModel>;
  /**
   * A copy of the gallery face model, which runs the batches of 9 (participants-source.ts): batch 9
   * is timed on it where given (a depthwise-separable net may prefer another backend than v1).
   */
  loadGalleryModel?: () => Promise<ExpressionModel | null>;
  /** The WASM flavour of this document ('wasm': the SIMD build). */
  wasmFlavour: 'wasm' | 'wasm-threads';
  gpu?: GpuBackend[];
  /** Timed calls per backend and batch (after one warm-up call). */
  iterations?: number;
  /** false: time GPU backends on a software rasteriser too (default: skipped). */
  skipSoftware?: boolean;
}

const yieldToLoop = () => new Promise((r) => setTimeout(r, 0));

/** The longest the engine's thread may be held by one timed call (ms): a live call's frames wait meanwhile. */
export const MAX_STALL_MS = 250;
/** Timed calls per backend and batch stop once this much is spent (ms). */
export const BUDGET_MS = 150;

/**
 * Times one backend at batch 1, then at batch 9 unless (`guardStall`, GPU backends) one batch-9 call
 * would hold the thread longer than MAX_STALL_MS (then `b9` is null). WASM, the engine's own backend
 * and the baseline, is always timed. Each batch is one synchronous stretch.
 */
export async function timeBackend(tfName: string, model: ExpressionModel, iterations: number, guardStall = tfName !== 'wasm', gallery: ExpressionModel | null = null): Promise<{ b1: number; b9: number | null }> {
  // the first call on a GPU backend compiles its shaders and uploads the weights: warm up apart
  onBackend(tfName, () => timeFaceNet(model.model, 1, 0, 1));
  if (gallery) onBackend(tfName, () => timeFaceNet(gallery.model, 9, 0, 1));
  await yieldToLoop();
  const b1 = onBackend(tfName, () => timeFaceNet(model.model, 1, iterations, 1, BUDGET_MS, 'min'));
  await yieldToLoop();
  if (guardStall && 9 * b1 > MAX_STALL_MS) return { b1, b9: null };
  const b9 = onBackend(tfName, () => timeFaceNet((gallery ?? model).model, 9, iterations, 1, BUDGET_MS, 'min'));
  await yieldToLoop();
  return { b1, b9 };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Times this document's WASM flavour and the GPU backends asked for. */
export async function measure(opts: MeasureOptions): Promise<Measured> {
  const iterations = opts.iterations ?? 5;
  const out: Measured = { timings: {}, unavailable: {} };
  const model = await opts.loadFaceModel();
  const gallery = (await opts.loadGalleryModel?.().catch(() => null)) ?? null;
  const record = (name: EngineBackend, t: { b1: number; b9: number | null }) => {
    if (t.b9 !== null) out.timings[name] = { b1: t.b1, b9: t.b9 };
    else out.unavailable[name] = `too slow here: ${fmt(t.b1)} per face at batch 1; batch 9 not timed (one call would hold the engine about ${fmt(9 * t.b1)})`;
  };
  try {
    record(opts.wasmFlavour, await timeBackend('wasm', model, iterations, false, gallery));
    for (const gpu of opts.gpu ?? []) {
      const why = await startGpuBackend(gpu);
      if (why) {
        out.unavailable[gpu] = why;
        continue;
      }
      // a software rasteriser is no GPU: 10-200x slower than WASM here, and its first call compiles
      // shaders for seconds, holding the engine; the bench times it anyway (scripts/bench)
      const soft = opts.skipSoftware === false ? null : softwareRenderer(gpu);
      if (soft) {
        out.unavailable[gpu] = `software rendering, no GPU (${soft}): not timed, it would hold the engine for seconds`;
        continue;
      }
      try {
        record(gpu, await timeBackend(gpu, model, iterations, true, gallery));
      } catch (error) {
        out.unavailable[gpu] = `failed while timed: ${String(error)}`;
      }
    }
  } finally {
    model.dispose();
    gallery?.dispose();
  }
  return out;
}

/** The calibration from the measurements of each document: the fastest per workload. */
export function calibrationFrom(parts: Measured[], tookMs: number, userAgent: string = navigator.userAgent): Calibration {
  const timings: Partial<Record<EngineBackend, FaceTiming>> = {};
  const unavailable: Partial<Record<EngineBackend, string>> = {};
  for (const p of parts) {
    Object.assign(timings, p.timings);
    Object.assign(unavailable, p.unavailable);
  }
  for (const name of Object.keys(timings) as EngineBackend[]) delete unavailable[name];
  return { browser: userAgent, at: Date.now(), timings, unavailable, chosen: pickFastest(timings), tookMs: Math.round(tookMs), revision: CALIBRATION_REVISION };
}
