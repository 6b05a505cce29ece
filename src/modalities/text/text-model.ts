/**
 * The text emotion model: a TF.js layers model (models/text/tfjs/model.json, uint8 embedding table)
 * over the hashed n-gram features of featurizer.ts. Its userDefinedMetadata carries the number of
 * hash buckets and the feature config it was trained with (checked against the runtime's).
 *
 *   const m = await loadTextModel('/models/text');          // or a model.json URL, or an IOHandler
 *   const probs = m.predict(['that was great!', '¡qué miedo!']);  // Float32Array(7) each, EMOTIONS order
 *   m.dispose();
 *
 * One model call per predict() (the batch is padded to its longest utterance); all tensors disposed.
 */
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../core/emotions';
import { featurizeBatch, TEXT_FEATURE_CONFIG, type TextFeatureConfig } from './featurizer';

export interface TextModelMeta {
  emotions: string[];
  buckets: number;
  dim: number;
  featureConfig?: TextFeatureConfig;
  temperature?: number;
  trainedOn?: string;
  [key: string]: unknown;
}

export interface TextModel {
  readonly meta: TextModelMeta;
  /** One row of 7 probabilities (EMOTIONS order) per text. */
  predict(texts: readonly string[]): Float32Array[];
  /** The model on already featurised inputs (ids/weights [n, L], as featurizeBatch makes them). */
  predictFeatures(ids: Int32Array, weights: Float32Array, n: number, L: number): Float32Array[];
  dispose(): void;
}

function checkMeta(meta: TextModelMeta | undefined): TextModelMeta {
  if (!meta || !Number.isInteger(meta.buckets) || meta.buckets < 1) {
    throw new Error('text model: model.json has no "buckets" in userDefinedMetadata');
  }
  if (meta.emotions && meta.emotions.join() !== EMOTIONS.join()) {
    throw new Error(`text model: class order ${meta.emotions.join()} differs from ${EMOTIONS.join()}`);
  }
  const cfg = meta.featureConfig;
  if (cfg) {
    for (const k of Object.keys(TEXT_FEATURE_CONFIG) as (keyof TextFeatureConfig)[]) {
      if (cfg[k] !== TEXT_FEATURE_CONFIG[k]) {
        throw new Error(`text model: trained with ${k}=${cfg[k]}, runtime featuriser uses ${TEXT_FEATURE_CONFIG[k]}`);
      }
    }
  }
  return meta;
}

/** Wraps a loaded layers model (with its metadata) as a TextModel. */
export function createTextModel(model: tf.LayersModel, metaIn?: TextModelMeta): TextModel {
  const meta = checkMeta(metaIn ?? (model.getUserDefinedMetadata() as TextModelMeta | undefined));
  let disposed = false;

  function predictFeatures(ids: Int32Array, weights: Float32Array, n: number, L: number): Float32Array[] {
    if (disposed) throw new Error('text model disposed');
    if (ids.length !== n * L || weights.length !== n * L) throw new Error(`expected ${n}x${L} ids and weights`);
    if (n === 0) return [];
    const out = tf.tidy(() => model.predict([tf.tensor2d(ids, [n, L], 'int32'), tf.tensor2d(weights, [n, L])]) as tf.Tensor);
    const probs = out.dataSync() as Float32Array;
    out.dispose();
    const K = EMOTIONS.length;
    return Array.from({ length: n }, (_, i) => Float32Array.from(probs.subarray(i * K, (i + 1) * K)));
  }

  return {
    meta,
    predict(texts) {
      if (disposed) throw new Error('text model disposed');
      if (!texts.length) return [];
      const b = featurizeBatch(texts, meta.buckets);
      return predictFeatures(b.ids, b.weights, b.n, b.L);
    },
    predictFeatures,
    dispose() {
      if (!disposed) model.dispose();
      disposed = true;
    },
  };
}

/**
 * Loads the model from a folder URL (`${url}/model.json`, e.g. the extension's /models/text), a
 * model.json URL, or a TF.js IOHandler (e.g. scripts/lib/tfjs-wasm-node's fileIOHandler in Node).
 */
export async function loadTextModel(source: string | tf.io.IOHandler): Promise<TextModel> {
  const src = typeof source === 'string' ? (/\.json($|\?)/.test(source) ? source : source.replace(/\/+$/, '') + '/model.json') : source;
  const model = await tf.loadLayersModel(src);
  try {
    return createTextModel(model);
  } catch (e) {
    model.dispose();
    throw e;
  }
}
