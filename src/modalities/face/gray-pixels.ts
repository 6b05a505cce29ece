/**
 * A canvas read-back as the face model's input: one float32 gray channel (ITU-R BT.601 luma, as
 * align.ts weighs RGB), made in one pass over the RGBA bytes. Written by hand because
 * tf.browser.fromPixels(ImageData) copies RGB into an int32 tensor in JavaScript and the model then
 * needs a cast and a 3-channel filter (`npm run bench`: "read-back of a 1088x800 atlas", fromPixels
 * against this pass; the classification of a round of 9 went from 18.8 to 13.4 and 11.3 ms). The box
 * filter of sampleCrops is linear, so gray first gives the numbers of gray inside the filter, to
 * float rounding.
 */
import * as tf from '@tensorflow/tfjs';
import { LUMA } from './align';

/** H x W x 1 float32 gray, 0..255, of an RGBA image. Caller owns the tensor. */
export function grayPixels(image: ImageData): tf.Tensor3D {
  const { width, height } = image;
  const rgba = new Uint32Array(image.data.buffer, image.data.byteOffset, width * height);
  const gray = new Float32Array(width * height);
  const [r, g, b] = LUMA;
  // ImageData is RGBA in memory: little-endian words hold R in the low byte (every platform Chromium
  // and Firefox run on)
  for (let p = 0; p < gray.length; p++) {
    const v = rgba[p];
    gray[p] = r * (v & 255) + g * ((v >>> 8) & 255) + b * ((v >>> 16) & 255);
  }
  return tf.tensor3d(gray, [height, width, 1], 'float32');
}
