/**
 * The text emotion model: a TF.js layers model (models/text/tfjs/model.json, uint8 embedding table)
 * over the hashed n-gram features of featurizer.ts. Its userDefinedMetadata carries the number of
 * hash buckets and the feature config it was trained with (checked against the runtime's).
 *
 *   const m = await loadTextModel('/models/text');          // or a model.json URL, or an IOHandler
 *   const probs = m.predict(['that was great!', '¡qué miedo!']);  // Float32Array(7) each, EMOTIONS order
 *   m.dispose();
 *
 * predict() runs the model in two steps: the mean of the utterance's embedding rows is computed in
 * plain TypeScript from the embedding table (read once from the loaded TF.js model: a 170-row tf.gather
 * costs ~1 ms in the WASM backend, the loop a few microseconds), then the dense layers run in TF.js.
 * predictLayers() runs the whole TF.js layers model (Embedding -> Dot -> Dense) instead; the parity
 * test checks both against PyTorch. All tensors are disposed.
 */
import * as tf from '@tensorflow/tfjs';
import { EMOTIONS } from '../../core/emotions';
import { featureIds, TEXT_FEATURE_CONFIG, type TextFeatureConfig } from './featurizer';

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
  /** The whole TF.js layers model on featurised inputs (ids/weights [n, L], as featurizeBatch makes them). */
  predictLayers(ids: Int32Array, weights: Float32Array, n: number, L: number): Float32Array[];
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
  const K = EMOTIONS.length;
  const emb = model.getLayer('emb').getWeights()[0];
  const [rows, dim] = emb.shape as [number, number];
  if (rows !== meta.buckets + 1) throw new Error(`text model: ${rows} embedding rows for ${meta.buckets} buckets`);
  const table = emb.dataSync() as Float32Array; // dequantised copy, row-major [rows, dim]
  // the dense head: [hidden relu] -> probs softmax, as tensors owned by the layers model
  const head: { kernel: tf.Tensor; bias: tf.Tensor; relu: boolean }[] = [];
  for (const name of ['hidden', 'probs']) {
    const layer = model.layers.find((l) => l.name === name);
    if (!layer) continue;
    const [kernel, bias] = layer.getWeights();
    head.push({ kernel, bias, relu: name === 'hidden' });
  }
  if (!head.length || head[head.length - 1].kernel.shape[1] !== K) throw new Error('text model: no 7-class "probs" layer');

  const check = () => {
    if (disposed) throw new Error('text model disposed');
  };
  const rowsOut = (probs: Float32Array, n: number) =>
    Array.from({ length: n }, (_, i) => Float32Array.from(probs.subarray(i * K, (i + 1) * K)));

  function predictLayers(ids: Int32Array, weights: Float32Array, n: number, L: number): Float32Array[] {
    check();
    if (ids.length !== n * L || weights.length !== n * L) throw new Error(`expected ${n}x${L} ids and weights`);
    if (n === 0) return [];
    const out = tf.tidy(() => model.predict([tf.tensor2d(ids, [n, L], 'int32'), tf.tensor2d(weights, [n, L])]) as tf.Tensor);
    const probs = out.dataSync() as Float32Array;
    out.dispose();
    return rowsOut(probs, n);
  }

  function predict(texts: readonly string[]): Float32Array[] {
    check();
    const n = texts.length;
    if (!n) return [];
    const pooled = new Float32Array(n * dim);
    texts.forEach((t, i) => {
      const ids = featureIds(t, meta.buckets);
      const acc = new Float64Array(dim);
      for (let j = 0; j < ids.length; j++) {
        const base = ids[j] * dim;
        for (let d = 0; d < dim; d++) acc[d] += table[base + d];
      }
      const w = 1 / ids.length; // every utterance has at least its length feature
      for (let d = 0; d < dim; d++) pooled[i * dim + d] = acc[d] * w;
    });
    const out = tf.tidy(() => {
      let x: tf.Tensor = tf.tensor2d(pooled, [n, dim]);
      for (const h of head) x = tf.fused.matMul({ a: x, b: h.kernel, bias: h.bias, activation: h.relu ? 'relu' : 'linear' });
      return tf.softmax(x);
    });
    const probs = out.dataSync() as Float32Array;
    out.dispose();
    return rowsOut(probs, n);
  }

  return {
    meta,
    predict,
    predictLayers,
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
