/**
 * The engine document's backend: started from the stored choice (backend-choice.ts) before the
 * models load, calibrated at first start and after a browser update (calibration.ts, a few seconds
 * after start, off the critical path), and guarded by the WASM fallback (backend-fallback.ts).
 *
 * The calibration runs in child documents: the engine page itself in a hidden iframe,
 * `?calibrate=<wasm flavour>`, which runs runCalibrationChild() only and posts its timings back.
 */
import * as tf from '@tensorflow/tfjs';
import type { EngineHost, EngineModels } from '../engine/engine-host';
import { loadExpressionModel, type ExpressionModel } from '../modalities/face/expression-model';
import type { VoiceModel } from '../modalities/voice/voice-model';
import type { TextModel } from '../modalities/text/text-model';
import { startGpuBackend, type EngineBackend } from './backends';
import { NO_CHOICE, backendFor, needsCalibration, type BackendChoice, type Calibration, type ChoiceStore, type Workload } from './backend-choice';
import { BackendFallback, guardModel } from './backend-fallback';
import { calibrationFrom, measure, type Measured } from './calibration';
import { setEngineBackendReady, startTfWasm, threadsUnavailable, type WasmStart } from './tf-backend';

/** Threads the threaded build runs with: half the logical cores (as tfjs), at least 2, at most 4. */
export const threadsFor = (logicalCores: number) => Math.min(4, Math.max(2, Math.floor(logicalCores / 2)));

export interface EngineBackendUrls {
  wasmBase: string;
  faceModel: string;
  /** The gallery face model (batches of 9), where packaged. */
  galleryModel?: string;
  /** This document's own URL (the calibration child is the same page). */
  page: string;
}

export interface EngineBackendState {
  /** What the stored choice asked for. */
  wanted: EngineBackend;
  /** What runs now. */
  running: EngineBackend;
  wasm: WasmStart;
  /** Why `wanted` does not run, when it does not. */
  error?: string;
  choice: BackendChoice;
  calibration: Promise<Calibration | null>;
}

const CALIBRATE_PARAM = 'calibrate';
const CHILD_MESSAGE = 'emotion-overlay/calibration-child';

/** Whether this document is a calibration child (then it must run nothing but runCalibrationChild). */
export const isCalibrationChild = (search = location.search) => new URLSearchParams(search).has(CALIBRATE_PARAM);

/**
 * Starts the chosen backend; initTfWasm (the host's model loading) waits for it. Returns at once;
 * `ready` resolves with the state once tf runs on it. A wanted backend that does not start leaves
 * WASM running, and says why.
 */
export function startEngineBackend(urls: EngineBackendUrls, store: ChoiceStore, opts: { calibrateAfterMs?: number } = {}): Promise<EngineBackendState> {
  const ready = (async (): Promise<EngineBackendState> => {
    let readable = true;
    const choice = await store.read().catch((error) => {
      console.warn('emotion-overlay: no stored engine backend choice, WASM without calibration:', error);
      readable = false;
      return NO_CHOICE;
    });
    // one WASM build per document: the threaded one when either workload chose it (the
    // calibration picks threads only when they are clearly faster)
    const b9 = backendFor(choice, 'b9');
    const wanted = b9 === 'wasm-threads' && backendFor(choice, 'b1') === 'wasm' ? b9 : backendFor(choice, 'b1');
    const wasm = await startTfWasm(urls.wasmBase, { threads: wanted === 'wasm-threads' ? threadsFor(navigator.hardwareConcurrency) : 0 });
    let running: EngineBackend = wasm.threads > 0 ? 'wasm-threads' : 'wasm';
    let error = wanted === 'wasm-threads' && wasm.threads === 0 ? wasm.threadsError : undefined;
    if (wanted === 'webgl' || wanted === 'webgpu') {
      const why = await startGpuBackend(wanted);
      if (!why && (await tf.setBackend(wanted))) running = wanted;
      else error = why ?? `tf.setBackend('${wanted}') failed`;
    }
    if (error) console.warn(`emotion-overlay: engine backend ${wanted} not running (${error}); running ${running}`);
    // a store that cannot be read could not keep a calibration either: none, rather than one per start
    const calibration = readable && needsCalibration(choice, navigator.userAgent)
      ? delay(opts.calibrateAfterMs ?? 5000).then(() => runCalibration(urls, store))
      : Promise.resolve(choice.calibration);
    return { wanted, running, wasm, choice, calibration, ...(error ? { error } : {}) };
  })();
  setEngineBackendReady(ready.then(() => tf.getBackend()));
  return ready;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Calibrates in child documents (the SIMD build with WebGL and WebGPU, then the threaded build),
 * then stores the result, keeping the user's override; null when it failed.
 */
export async function runCalibration(urls: EngineBackendUrls, store: ChoiceStore): Promise<Calibration | null> {
  try {
    const t0 = performance.now();
    const simd = await measureInChild(urls.page, 'wasm');
    const why = threadsUnavailable();
    const threads: Measured = why ? { timings: {}, unavailable: { 'wasm-threads': why } } : await measureInChild(urls.page, 'wasm-threads');
    const calibration = calibrationFrom([simd, threads], performance.now() - t0);
    console.info('emotion-overlay: backend calibration', JSON.stringify(calibration));
    await store.writeCalibration(calibration).catch((error) => console.warn('emotion-overlay: the calibration could not be stored:', error));
    return calibration;
  } catch (error) {
    console.warn('emotion-overlay: backend calibration failed', error);
    return null;
  }
}

/** Runs measure() in a hidden child document (the same page in calibration mode) with one WASM build. */
export function measureInChild(page: string, flavour: 'wasm' | 'wasm-threads', timeoutMs = 60_000): Promise<Measured> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.hidden = true;
    const url = new URL(page);
    url.searchParams.set(CALIBRATE_PARAM, flavour);
    frame.src = url.href;
    const done = (r: Measured) => {
      clearTimeout(timer);
      removeEventListener('message', onMessage);
      frame.remove();
      resolve(r);
    };
    const timer = setTimeout(() => done({ timings: {}, unavailable: { [flavour]: `its calibration did not answer in ${timeoutMs} ms` } }), timeoutMs);
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow || e.origin !== location.origin || e.data?.type !== CHILD_MESSAGE) return;
      done(e.data.result as Measured);
    };
    addEventListener('message', onMessage);
    document.body.append(frame);
  });
}

/** The calibration child: starts its WASM build, times it (and, in the SIMD child, WebGL and WebGPU), posts the result to its parent. */
export async function runCalibrationChild(urls: Pick<EngineBackendUrls, 'wasmBase' | 'faceModel' | 'galleryModel'>): Promise<void> {
  const flavour = new URLSearchParams(location.search).get(CALIBRATE_PARAM) === 'wasm-threads' ? 'wasm-threads' : 'wasm';
  let result: Measured;
  try {
    const wasm = await startTfWasm(urls.wasmBase, { threads: flavour === 'wasm-threads' ? threadsFor(navigator.hardwareConcurrency) : 0 });
    if (flavour === 'wasm-threads' && wasm.threads === 0) result = { timings: {}, unavailable: { 'wasm-threads': wasm.threadsError ?? 'the threaded build did not start' } };
    else
      result = await measure({
        loadFaceModel: () => loadExpressionModel(urls.faceModel),
        loadGalleryModel: urls.galleryModel ? () => loadExpressionModel(urls.galleryModel!) : undefined,
        wasmFlavour: flavour,
        gpu: flavour === 'wasm' ? ['webgl', 'webgpu'] : [],
      });
  } catch (error) {
    result = { timings: {}, unavailable: { [flavour]: String(error) } };
  }
  parent.postMessage({ type: CHILD_MESSAGE, result }, location.origin);
}

/**
 * Switches the running engine to another backend of the same WASM build (WASM, WebGL, WebGPU):
 * the models' weights move on their next call. For a new choice mid-document, e.g. b1 <-> b9 when
 * the participants gallery starts or ends. The threaded and SIMD builds need a new document.
 */
export async function switchEngineBackend(name: EngineBackend): Promise<string> {
  if (name === 'wasm-threads' || name === 'wasm') {
    if (!(await tf.setBackend('wasm'))) throw new Error('WASM did not start');
  } else {
    const why = await startGpuBackend(name);
    if (why) throw new Error(why);
    if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  }
  return tf.getBackend();
}

/**
 * Follows the workload: a participants' gallery (batches of 9) runs on the backend the
 * calibration chose for b9, the rest on b1's. Only GPU and WASM backends of the running build can
 * swap within the document; a failing GPU backend is caught by the fallback as at start.
 */
export function workloadSwitcher(state: Promise<EngineBackendState>): (workload: Workload) => Promise<void> {
  let choice: BackendChoice | null = null;
  void state.then((s) => {
    choice = s.choice;
    // a calibration finished since the start counts from now on
    void s.calibration.then((calibration) => {
      if (calibration) choice = { ...s.choice, calibration };
    });
  });
  return async (workload) => {
    await state;
    const want = backendFor(choice ?? NO_CHOICE, workload);
    const target = want === 'webgl' || want === 'webgpu' ? want : 'wasm';
    if (tf.getBackend() === target) return;
    await switchEngineBackend(target).catch((error) => console.warn(`emotion-overlay: backend ${target} for ${workload} not started; staying on ${tf.getBackend()}:`, error));
  };
}

/** Loads every model again (on tf's current backend: WASM after a fallback). */
export interface ModelReloaders {
  expression: () => Promise<ExpressionModel>;
  galleryExpression: () => Promise<ExpressionModel | null>;
  voice: () => Promise<VoiceModel>;
  text: () => Promise<TextModel | null>;
}

/**
 * The host with its models guarded by a BackendFallback: a failing GPU backend falls back to WASM
 * and the call goes on. On a lost context the models are reloaded with `reloaders`.
 */
export function withBackendFallback(host: EngineHost, reloaders: ModelReloaders): { host: EngineHost; fallback: BackendFallback } {
  let current: EngineModels | null = null;
  const fallback = new BackendFallback(async () => {
    const old = current;
    if (!old) return;
    const [expression, galleryExpression, voice, text] = await Promise.all([reloaders.expression(), reloaders.galleryExpression(), reloaders.voice(), reloaders.text()]);
    // the session's settings live on the model (crop policy, flip TTA, alignment)
    for (const [fresh, was] of [[expression, old.expression], [galleryExpression, old.galleryExpression]] as const) {
      if (!fresh || !was) continue;
      fresh.cropPolicy = was.cropPolicy;
      fresh.flipTTA = was.flipTTA;
      fresh.align = was.align;
    }
    current = { ...old, expression, galleryExpression, voice, text };
    for (const m of [old.expression, old.galleryExpression, old.voice, old.text]) {
      try {
        m?.dispose();
      } catch {
        // its backend is gone: nothing left to free there
      }
    }
  });
  let guarded: Promise<EngineModels> | null = null;
  const wrapped: EngineHost = {
    ...host,
    models() {
      guarded ??= host.models().then(
        (models) => {
          current = models;
          return {
            ...models,
            expression: guardModel(() => current!.expression, ['predict', 'predictBatch'], fallback),
            galleryExpression: models.galleryExpression ? guardModel(() => current!.galleryExpression ?? current!.expression, ['predict', 'predictBatch'], fallback) : null,
            voice: guardModel(() => current!.voice, ['predict', 'predictBatch'], fallback),
            text: models.text ? guardModel(() => current!.text!, ['predict', 'predictLayers'], fallback) : null,
          };
        },
        (error) => {
          guarded = null;
          throw error;
        },
      );
      return guarded;
    },
  };
  return { host: wrapped, fallback };
}
