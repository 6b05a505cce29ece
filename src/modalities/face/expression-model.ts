/**
 * Face expression model: face crops in, seven probabilities out (EMOTIONS order:
 * angry, disgust, fear, happy, sad, surprise, neutral).
 *
 * Format "face-net-v2" (run by face-net.ts): the shipped model (models/face/tfjs: v1 fine-tuned on
 * FER2013 and muxspace news photos, upright crops, flip TTA) and the gallery model (models/face/tfjs-v2:
 * a depthwise-separable CNN distilled from three teachers, temperature-calibrated; crops aligned
 * with the detector's eye keypoints when `align`). v1 as first shipped (TF.js layers model,
 * models/face/tfjs-v1) still loads. See models/face/README.md.
 *
 *   const model = await loadExpressionModel('/models/face/model.json');
 *   const frame = tf.browser.fromPixels(video);
 *   const probs = model.predictBatch(frame, faces); // one Float32Array(7) per detected face
 *   model.dispose();
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../../core/emotions';
import { DEFAULT_CROP_POLICY, type Box, type CropPolicy } from './crop-policy';
import { INPUT_SIZE, MAX_OVERSAMPLE, LUMA, STD_FLOOR, oversampleFactor, preprocessFaces, standardise, type FaceGeometry } from './align';
import { createFaceNet, FACE_NET_FORMAT, type FaceNetSpec } from './face-net';

export { INPUT_SIZE, MAX_OVERSAMPLE, LUMA, STD_FLOOR, oversampleFactor };
export type { FaceGeometry };

/** The network behind an ExpressionModel: N x 48 x 48 x 1 standardised gray in, N x 7 probabilities out. */
export interface ExpressionNet {
  predict(x: tf.Tensor4D): tf.Tensor;
  dispose(): void;
}

export interface ExpressionModel {
  /**
   * image: H x W x 3 RGB or H x W x 1 gray, values 0..255 (e.g. tf.browser.fromPixels(video)).
   * box: face-detector box in pixels, or null when the image is already a face crop.
   * Returns 7 probabilities in EMOTIONS order. Does not dispose `image`.
   */
  predict(image: tf.Tensor3D, box: Box | null): Float32Array;
  /**
   * Every face of one frame in one forward pass. image: the whole frame (H x W x 3 or 1, 0..255);
   * faces: detector boxes and keypoints in pixels of `image` (MediaPipe FaceDetector order: right
   * eye, left eye, nose tip, mouth, right ear, left ear). Crops are aligned with the eyes when
   * keypoints are given (as in training), upright otherwise. Returns one Float32Array(7) per face,
   * in order. Does not dispose `image`; every tensor it makes is released. `options.flipTTA`
   * overrides the model's flipTTA for this call (a budget with many faces).
   */
  predictBatch(image: tf.Tensor3D, faces: { box: Box; keypoints?: { x: number; y: number }[] }[], options?: { flipTTA?: boolean }): Float32Array[];
  dispose(): void;
  /** The network (for benchmarks: model.predict(preprocess(...))). */
  readonly model: ExpressionNet;
  /** 'v1' for the TF.js layers model; 'v2' or 'v3' for face-net-v2 models (v3 where their metadata says so). */
  readonly version: FaceModelVersion;
  /** Temperature baked into the model's softmax (1 = none). */
  readonly temperature: number;
  cropPolicy: CropPolicy;
  /** Average the probabilities of each face and its mirror image (twice the CNN cost). */
  flipTTA: boolean;
  /** Rotate crops so that the eye keypoints are level (when keypoints are given). */
  align: boolean;
}

export interface ExpressionModelOptions {
  cropPolicy?: CropPolicy;
  flipTTA?: boolean;
  align?: boolean;
}

/**
 * Flip test-time augmentation by default, per model: off for v2 (its one pass fits the per-face
 * budget of a 9-participant frame, two do not), on for v1 as it shipped (+0.6 points on PublicTest
 * at twice the cost). models/face/README.md, "Speed".
 */
export const DEFAULT_FLIP_TTA: Record<FaceModelVersion, boolean> = { v1: true, v2: false, v3: false };

/** Eye alignment by default, per model: each as it was trained (v2 on eye-aligned crops; v1 and its student v3 on upright ones). */
export const DEFAULT_ALIGN: Record<FaceModelVersion, boolean> = { v1: false, v2: true, v3: false };

export type FaceModelVersion = 'v1' | 'v2' | 'v3';

/**
 * The model's input for one face: 1 x 48 x 48 x 1, standardised grayscale. With a box, the crop is
 * made as predictBatch makes it (crop policy, upright: no keypoints here). Caller owns the returned
 * tensor; all intermediates are released.
 */
export function preprocess(image: tf.Tensor3D, box: Box | null, policy: CropPolicy = DEFAULT_CROP_POLICY): tf.Tensor4D {
  if (box) return preprocessFaces(image, [{ box }], policy);
  return tf.tidy(() => {
    const [h, w, c] = image.shape;
    if (c !== 1 && c !== 3) throw new Error(`expected 1 or 3 channels, got ${c}`);
    // the image is the face crop: resample it whole (48x48 input: the identity)
    const k = oversampleFactor(Math.min(w, h));
    const size = INPUT_SIZE * k;
    const img4 = tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D;
    let x = tf.image.cropAndResize(img4, [[0, 0, 1, 1]], [0], [size, size], 'bilinear', 0);
    if (c === 3) x = tf.sum(tf.mul(x, tf.tensor1d(LUMA)), -1, true);
    if (k > 1) x = tf.avgPool(x, k, k, 'valid');
    return standardise(x);
  });
}

async function loadNet(modelUrl: string | tf.io.IOHandler): Promise<{ net: ExpressionNet; version: FaceModelVersion; temperature: number }> {
  const handler = typeof modelUrl === 'string' ? tf.io.browserHTTPRequest(modelUrl) : modelUrl;
  if (!handler.load) throw new Error('model handler cannot load');
  const artifacts = await handler.load();
  if (artifacts.format === FACE_NET_FORMAT) {
    const spec = artifacts.modelTopology as unknown as FaceNetSpec;
    if (spec.inputSize !== INPUT_SIZE || spec.inputChannels !== 1) throw new Error(`unexpected input ${spec.inputSize}x${spec.inputChannels}`);
    if (!artifacts.weightData || !artifacts.weightSpecs) throw new Error('face-net-v2 model without weights');
    const net = createFaceNet(spec, tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs));
    // the model says which it is (v1 fine-tuned and v3, v1's student, take v1's upright crops)
    const meta = artifacts.userDefinedMetadata as { version?: string } | undefined;
    const version: FaceModelVersion = meta?.version === 'v3' ? 'v3' : meta?.version === 'v1' ? 'v1' : 'v2';
    return { net, version, temperature: spec.temperature };
  }
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const shape = model.inputs[0].shape;
  if (shape[1] !== INPUT_SIZE || shape[2] !== INPUT_SIZE || shape[3] !== 1) {
    model.dispose();
    throw new Error(`unexpected input shape ${JSON.stringify(shape)}`);
  }
  return { net: { predict: (x) => model.predict(x) as tf.Tensor, dispose: () => model.dispose() }, version: 'v1', temperature: 1 };
}

export async function loadExpressionModel(modelUrl: string | tf.io.IOHandler, options: ExpressionModelOptions = {}): Promise<ExpressionModel> {
  const { net, version, temperature } = await loadNet(modelUrl);
  /** N x 7 probabilities of N preprocessed faces, flip TTA included. */
  const forward = (x: tf.Tensor4D, flip = em.flipTTA): tf.Tensor => {
    if (!flip) return net.predict(x);
    const n = x.shape[0];
    const p = net.predict(tf.concat([x, tf.reverse(x, 2)], 0));
    return tf.div(tf.add(tf.slice(p, [0, 0], [n, -1]), tf.slice(p, [n, 0], [n, -1])), 2);
  };
  const read = (probs: tf.Tensor, n: number): Float32Array[] => {
    try {
      const out = probs.dataSync() as Float32Array;
      if (out.length !== n * NUM_EMOTIONS) throw new Error(`model returned ${out.length} values for ${n} faces`);
      return Array.from({ length: n }, (_, i) => Float32Array.from(out.subarray(i * NUM_EMOTIONS, (i + 1) * NUM_EMOTIONS)));
    } finally {
      probs.dispose();
    }
  };
  const em: ExpressionModel = {
    model: net,
    version,
    temperature,
    cropPolicy: options.cropPolicy ?? DEFAULT_CROP_POLICY,
    flipTTA: options.flipTTA ?? DEFAULT_FLIP_TTA[version],
    align: options.align ?? DEFAULT_ALIGN[version],
    predict(image, box) {
      if (box) return em.predictBatch(image, [{ box }])[0];
      return read(tf.tidy(() => forward(preprocess(image, null, em.cropPolicy))), 1)[0];
    },
    predictBatch(image, faces, options) {
      if (faces.length === 0) return [];
      return read(tf.tidy(() => forward(preprocessFaces(image, faces, em.cropPolicy, em.align), options?.flipTTA ?? em.flipTTA)), faces.length);
    },
    dispose() {
      net.dispose();
    },
  };
  return em;
}
