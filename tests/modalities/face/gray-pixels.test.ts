/**
 * grayPixels (src/modalities/face/gray-pixels.ts): one gray channel from RGBA bytes, and the model's
 * reading of a face from it equal to its reading from the RGB tensor fromPixels makes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { tf, initWasmBackend, fileIOHandler } from '../../../scripts/lib/tfjs-wasm-node';
import { LUMA } from '../../../src/modalities/face/align';
import { loadExpressionModel } from '../../../src/modalities/face/expression-model';
import { grayPixels } from '../../../src/modalities/face/gray-pixels';
import { MODEL_DIR, maxAbsDiff } from './helpers';

/** A w x h RGBA image of smooth colour ramps and noise (alpha varies too: it must be ignored). */
function rgbaImage(w: number, h: number): ImageData {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 4;
    data[i] = (x * 7 + y) % 256; data[i + 1] = (y * 5 + ((x * y) % 31)) % 256; data[i + 2] = (x * y) % 253; data[i + 3] = (x + y) % 256;
  }
  return { width: w, height: h, data, colorSpace: 'srgb' } as ImageData;
}

beforeAll(async () => {
  await initWasmBackend();
});

describe('grayPixels', () => {
  it('weighs R, G and B by the model\'s luma and ignores alpha', () => {
    const img = rgbaImage(37, 23);
    const gray = grayPixels(img);
    expect(gray.shape).toEqual([23, 37, 1]);
    expect(gray.dtype).toBe('float32');
    const want = Array.from({ length: 37 * 23 }, (_, p) => LUMA[0] * img.data[p * 4] + LUMA[1] * img.data[p * 4 + 1] + LUMA[2] * img.data[p * 4 + 2]);
    expect(maxAbsDiff(gray.dataSync(), want)).toBeLessThan(1e-4);
    gray.dispose();
  });

  it('gives a face the probabilities the RGB frame gives it', async () => {
    const model = await loadExpressionModel(fileIOHandler(path.join(MODEL_DIR, 'model.json')));
    const img = rgbaImage(320, 240);
    const rgb = tf.tidy(() => tf.slice(tf.tensor3d(Int32Array.from(img.data), [240, 320, 4], 'int32'), [0, 0, 0], [-1, -1, 3])) as tf.Tensor3D;
    const gray = grayPixels(img);
    const faces = [{ box: { x: 100, y: 60, width: 120, height: 120 } }, { box: { x: 10, y: 10, width: 60, height: 60 } }];
    const a = model.predictBatch(rgb, faces);
    const b = model.predictBatch(gray, faces);
    a.forEach((p, i) => expect(maxAbsDiff(p, b[i])).toBeLessThan(1e-5));
    tf.dispose([rgb, gray]);
    model.dispose();
  });
});
