/**
 * Face expression model: a face crop in, seven probabilities out (EMOTIONS order:
 * angry, disgust, fear, happy, sad, surprise, neutral).
 *
 * Our own model, trained by models/face/train.py on FER2013 + FER+ votes and exported by
 * models/face/export.py to a TF.js layers model (48x48x1 per-image-standardised grayscale in,
 * softmax out). See models/face/README.md.
 *
 *   const model = await loadExpressionModel('/models/face/model.json');
 *   const probs = model.predict(tf.browser.fromPixels(video), detectorBox); // Float32Array(7)
 *   model.dispose();
 */
import * as tf from '@tensorflow/tfjs';
import { NUM_EMOTIONS } from '../../core/emotions';
import { cropForBox, toCropAndResizeBox, DEFAULT_CROP_POLICY, type Box, type CropPolicy } from './crop-policy';

/** Model input side, pixels. */
export const INPUT_SIZE = 48;
/** Per-image standardisation: (gray - mean) / max(std, STD_FLOOR), gray in 0..255 (as in facenet.py). */
export const STD_FLOOR = 8;
/** ITU-R BT.601 luma weights for RGB to grayscale. */
export const LUMA: [number, number, number] = [0.299, 0.587, 0.114];
/** Most oversampling before average pooling down to INPUT_SIZE (anti-aliasing for large faces). */
export const MAX_OVERSAMPLE = 4;

export interface ExpressionModel {
  /**
   * image: H x W x 3 RGB or H x W x 1 gray, values 0..255 (e.g. tf.browser.fromPixels(video)).
   * box: face-detector box in pixels, or null when the image is already a face crop.
   * Returns 7 probabilities in EMOTIONS order. Does not dispose `image`.
   */
  predict(image: tf.Tensor3D, box: Box | null): Float32Array;
  dispose(): void;
  readonly model: tf.LayersModel;
  cropPolicy: CropPolicy;
  /** Average the probabilities of the face and its mirror image (two forward passes). */
  flipTTA: boolean;
}

export interface ExpressionModelOptions {
  cropPolicy?: CropPolicy;
  flipTTA?: boolean;
}

/** Flip test-time augmentation is on by default: +0.6 points on PublicTest for the committed model at twice the cost (models/face/README.md). */
export const DEFAULT_FLIP_TTA = true;

/** Oversampling factor for a crop of `side` pixels: sample at k*48 then average-pool k x k. */
export function oversampleFactor(side: number): number {
  return Math.max(1, Math.min(MAX_OVERSAMPLE, Math.floor(side / INPUT_SIZE)));
}

/**
 * The model's input for one face: 1 x 48 x 48 x 1, standardised grayscale. Caller owns the
 * returned tensor; all intermediates are released (call inside tf.tidy or dispose the result).
 */
export function preprocess(image: tf.Tensor3D, box: Box | null, policy: CropPolicy = DEFAULT_CROP_POLICY): tf.Tensor4D {
  return tf.tidy(() => {
    const [h, w, c] = image.shape;
    if (c !== 1 && c !== 3) throw new Error(`expected 1 or 3 channels, got ${c}`);
    const crop: Box = box ? cropForBox(box, policy) : { x: 0, y: 0, width: w, height: h };
    const k = oversampleFactor(Math.min(crop.width, crop.height));
    const size = INPUT_SIZE * k;
    const img4 = tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D;
    let x = tf.image.cropAndResize(img4, [toCropAndResizeBox(crop, w, h)], [0], [size, size], 'bilinear', 0);
    if (c === 3) x = tf.sum(tf.mul(x, tf.tensor1d(LUMA)), -1, true);
    if (k > 1) x = tf.avgPool(x, k, k, 'valid');
    const { mean, variance } = tf.moments(x, [1, 2, 3], true);
    const std = tf.maximum(tf.sqrt(variance), STD_FLOOR);
    return tf.div(tf.sub(x, mean), std) as tf.Tensor4D;
  });
}

export async function loadExpressionModel(modelUrl: string | tf.io.IOHandler, options: ExpressionModelOptions = {}): Promise<ExpressionModel> {
  const model = await tf.loadLayersModel(modelUrl);
  const shape = model.inputs[0].shape;
  if (shape[1] !== INPUT_SIZE || shape[2] !== INPUT_SIZE || shape[3] !== 1) {
    model.dispose();
    throw new Error(`unexpected input shape ${JSON.stringify(shape)}`);
  }
  const em: ExpressionModel = {
    model,
    cropPolicy: options.cropPolicy ?? DEFAULT_CROP_POLICY,
    flipTTA: options.flipTTA ?? DEFAULT_FLIP_TTA,
    predict(image, box) {
      const probs = tf.tidy(() => {
        const x = preprocess(image, box, em.cropPolicy);
        if (!em.flipTTA) return model.predict(x) as tf.Tensor;
        const p = model.predict(tf.concat([x, tf.reverse(x, 2)], 0)) as tf.Tensor;
        return tf.mean(p, 0);
      });
      try {
        const out = probs.dataSync() as Float32Array;
        if (out.length !== NUM_EMOTIONS) throw new Error(`model returned ${out.length} values`);
        return Float32Array.from(out);
      } finally {
        probs.dispose();
      }
    },
    dispose() {
      model.dispose();
    },
  };
  return em;
}
