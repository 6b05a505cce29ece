/**
 * The voice emotion model: a TF.js layers model (models/voice/tfjs/model.json, float16 weights)
 * whose userDefinedMetadata carries the feature config and the normalisation applied to every
 * window (optional per-window mean removal of some feature dims, then per-feature mean/std). predict() takes raw frame features (features.ts) for one
 * window and returns the seven probabilities in EMOTIONS order. All tensors are disposed.
 */
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../core/emotions';
import { VOICE_FEATURE_CONFIG } from './features';
import { normFromSums, type NormStats, type SpeakerNormConfig } from './running-norm';

export interface VoiceModelMeta {
  emotions: string[];
  windowFrames: number;
  frameDim: number;
  mean: number[];
  std: number[];
  featureConfig?: Record<string, unknown>;
  /** [start, end): feature dims whose mean over the window is removed before normalisation. */
  windowMeanNorm?: [number, number] | null;
  /**
   * Speaker / channel normalisation (running-norm.ts): when present, the caller keeps a RunningNorm
   * of the stream and passes its stats() with each window; applied before windowMeanNorm and mean/std.
   */
  speakerNorm?: SpeakerNormConfig | null;
  [key: string]: unknown;
}

export interface VoiceModel {
  readonly meta: VoiceModelMeta;
  /**
   * One window: raw features [windowFrames * frameDim] -> 7 probabilities. `norm`: the stream's
   * running statistics (RunningNorm.stats()) for a model with meta.speakerNorm; without it such a
   * model uses its prior (the statistics of a fresh stream).
   */
  predict(features: Float32Array, norm?: NormStats): Float32Array;
  /** n windows concatenated -> n * 7 probabilities (one model call); `norm` one for all or one per window. */
  predictBatch(windows: Float32Array, n: number, norm?: NormStats | NormStats[]): Float32Array;
  dispose(): void;
}

function checkMeta(meta: VoiceModelMeta | undefined): VoiceModelMeta {
  if (!meta || !Array.isArray(meta.mean) || !Array.isArray(meta.std)) {
    throw new Error('voice model: model.json has no normalisation statistics in userDefinedMetadata');
  }
  if (meta.emotions && meta.emotions.join() !== EMOTIONS.join()) {
    throw new Error(`voice model: class order ${meta.emotions.join()} differs from ${EMOTIONS.join()}`);
  }
  const cfg = meta.featureConfig as Partial<typeof VOICE_FEATURE_CONFIG> | undefined;
  if (cfg && cfg.frameDim !== undefined) {
    for (const k of ['sampleRate', 'frameSize', 'hopSize', 'melBands', 'mfccCoefficients', 'frameDim'] as const) {
      if (cfg[k] !== VOICE_FEATURE_CONFIG[k]) {
        throw new Error(`voice model: trained with ${k}=${cfg[k]}, runtime uses ${VOICE_FEATURE_CONFIG[k]}`);
      }
    }
  }
  return meta;
}

/** Wraps a loaded layers model (with its metadata) as a VoiceModel. */
export function createVoiceModel(model: tf.LayersModel, metaIn?: VoiceModelMeta): VoiceModel {
  const meta = checkMeta(metaIn ?? (model.getUserDefinedMetadata() as VoiceModelMeta | undefined));
  const { windowFrames: T, frameDim: D } = meta;
  const mean = Float32Array.from(meta.mean);
  const invStd = Float32Array.from(meta.std, (s) => 1 / s);
  let disposed = false;

  const sn = meta.speakerNorm ?? null;
  const priorNorm = sn ? normFromSums(sn, new Float64Array(sn.dims[1] - sn.dims[0]), new Float64Array(sn.dims[1] - sn.dims[0]), 0, D) : null;

  function predictBatch(windows: Float32Array, n: number, norm?: NormStats | NormStats[]): Float32Array {
    if (disposed) throw new Error('voice model disposed');
    if (windows.length !== n * T * D) throw new Error(`expected ${n}x${T}x${D} features, got ${windows.length}`);
    if (Array.isArray(norm) && norm.length !== n) throw new Error(`expected ${n} norm stats, got ${norm.length}`);
    const x = Float32Array.from(windows);
    if (sn) {
      const [a, b] = sn.dims;
      for (let w = 0; w < n; w++) {
        const st = (Array.isArray(norm) ? norm[w] : norm) ?? priorNorm!;
        const base = w * T * D;
        for (let t = 0; t < T; t++) {
          const o = base + t * D;
          for (let d = a; d < b; d++) x[o + d] = (x[o + d] - st.mean[d]) * st.invStd[d];
        }
      }
    }
    const cmn = meta.windowMeanNorm;
    if (cmn) {
      const [a, b] = cmn;
      const m = new Float64Array(D);
      for (let w = 0; w < n; w++) {
        const base = w * T * D;
        m.fill(0);
        for (let t = 0; t < T; t++) for (let d = a; d < b; d++) m[d] += x[base + t * D + d];
        for (let d = a; d < b; d++) m[d] /= T;
        for (let t = 0; t < T; t++) for (let d = a; d < b; d++) x[base + t * D + d] -= m[d];
      }
    }
    for (let i = 0; i < x.length; i++) {
      const d = i % D;
      x[i] = (x[i] - mean[d]) * invStd[d];
    }
    const out = tf.tidy(() => model.predict(tf.tensor3d(x, [n, T, D])) as tf.Tensor);
    const probs = out.dataSync() as Float32Array;
    out.dispose();
    return Float32Array.from(probs);
  }

  return {
    meta,
    predict: (features, norm) => predictBatch(features, 1, norm),
    predictBatch,
    dispose() {
      if (!disposed) model.dispose();
      disposed = true;
    },
  };
}

/** Loads `${baseUrl}/model.json` (e.g. the extension's /models/voice). */
export async function loadVoiceModel(baseUrl: string): Promise<VoiceModel> {
  const url = baseUrl.replace(/\/+$/, '') + '/model.json';
  const model = await tf.loadLayersModel(url);
  try {
    return createVoiceModel(model);
  } catch (e) {
    model.dispose();
    throw e;
  }
}
