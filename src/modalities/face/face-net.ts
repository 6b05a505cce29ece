/**
 * A small feed-forward CNN executor for the v2/v3 face expression models (models/face/facenet2.py,
 * exported by models/face/export2.py). The network is a list of layers run with TF.js's fused
 * kernels only (conv + bias + ReLU in one op, depthwise conv + bias + ReLU in one op), which is what
 * the WASM backend (XNNPACK) runs fastest; a TF.js layers model would run depthwise convolutions,
 * bias and activation as three ops.
 *
 * model.json (format "face-net-v2"): modelTopology = FaceNetSpec, weightsManifest as usual
 * (float16 weights, decoded by tf.io.decodeWeights), userDefinedMetadata with the preprocessing.
 */
import * as tf from '@tensorflow/tfjs';

export const FACE_NET_FORMAT = 'face-net-v2';

export type NetActivation = 'relu' | 'linear';

export type NetLayer =
  /** k x k convolution (k odd), stride s, symmetric zero padding (k-1)/2, bias, activation. */
  | { op: 'conv'; name: string; k: number; s: number; cin: number; cout: number; act: NetActivation; add?: string }
  /** k x k depthwise convolution, as conv. */
  | { op: 'dw'; name: string; k: number; s: number; c: number; act: NetActivation; add?: string }
  /** 2 x 2 max pooling, stride 2 (v1's stages; the v1-derived student keeps them). */
  | { op: 'pool'; name: string }
  /** global average pooling to N x C. */
  | { op: 'gap'; name: string }
  /** fully connected layer to the logits. */
  | { op: 'dense'; name: string; cin: number; units: number };

export interface FaceNetSpec {
  format: typeof FACE_NET_FORMAT;
  inputSize: number;
  inputChannels: number;
  layers: NetLayer[];
  /** Logits are divided by this before the softmax (fitted on validation data; 1 = none). */
  temperature: number;
}

/** The compiled network: predict() takes N x S x S x C input and returns N x 7 probabilities. */
export interface FaceNet {
  readonly spec: FaceNetSpec;
  /** N x classes logits (before temperature). Caller owns the result. */
  logits(x: tf.Tensor4D): tf.Tensor2D;
  /** N x classes probabilities, softmax(logits / temperature). Caller owns the result. */
  predict(x: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

function layerOutputName(l: NetLayer): string {
  return l.name;
}

export function createFaceNet(spec: FaceNetSpec, weights: tf.NamedTensorMap): FaceNet {
  if (spec.format !== FACE_NET_FORMAT) throw new Error(`not a ${FACE_NET_FORMAT} model: ${spec.format}`);
  const need = (n: string, shape: number[]) => {
    const t = weights[n];
    if (!t) throw new Error(`face net: missing weight ${n}`);
    if (JSON.stringify(t.shape) !== JSON.stringify(shape)) throw new Error(`face net: ${n} has shape ${JSON.stringify(t.shape)}, expected ${JSON.stringify(shape)}`);
    return t;
  };
  // validate every weight's shape once, at load
  for (const l of spec.layers) {
    if (l.op === 'conv') { need(`${l.name}/kernel`, [l.k, l.k, l.cin, l.cout]); need(`${l.name}/bias`, [l.cout]); }
    else if (l.op === 'dw') { need(`${l.name}/kernel`, [l.k, l.k, l.c, 1]); need(`${l.name}/bias`, [l.c]); }
    else if (l.op === 'dense') { need(`${l.name}/kernel`, [l.cin, l.units]); need(`${l.name}/bias`, [l.units]); }
  }
  const needed = new Set(spec.layers.map((l) => l.op === 'conv' || l.op === 'dw' ? (l.add ?? null) : null).filter((a): a is string => a !== null));
  const logits = (x: tf.Tensor4D): tf.Tensor2D => tf.tidy(() => {
    const saved: Record<string, tf.Tensor> = { input: x };
    let h: tf.Tensor = x;
    for (const l of spec.layers) {
      if (l.op === 'conv' || l.op === 'dw') {
        const pad = (l.k - 1) / 2;
        const args = { x: h as tf.Tensor4D, strides: [l.s, l.s] as [number, number], pad, bias: weights[`${l.name}/bias`], activation: l.act };
        h = l.op === 'conv'
          ? tf.fused.conv2d({ ...args, filter: weights[`${l.name}/kernel`] as tf.Tensor4D })
          : tf.fused.depthwiseConv2d({ ...args, filter: weights[`${l.name}/kernel`] as tf.Tensor4D });
        if (l.add) h = tf.add(h, saved[l.add]);
      } else if (l.op === 'pool') {
        h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
      } else if (l.op === 'gap') {
        h = tf.mean(h, [1, 2]);
      } else {
        h = tf.fused.matMul({ a: h as tf.Tensor2D, b: weights[`${l.name}/kernel`] as tf.Tensor2D, bias: weights[`${l.name}/bias`] });
      }
      if (needed.has(layerOutputName(l))) saved[layerOutputName(l)] = h;
    }
    return h as tf.Tensor2D;
  });
  return {
    spec,
    logits,
    predict: (x) => tf.tidy(() => tf.softmax(spec.temperature === 1 ? logits(x) : tf.div(logits(x), spec.temperature)) as tf.Tensor2D),
    dispose: () => { for (const t of Object.values(weights)) t.dispose(); },
  };
}
