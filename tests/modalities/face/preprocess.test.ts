import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initWasmBackend } from '../../../scripts/lib/tfjs-wasm-node';
import { preprocess, oversampleFactor, INPUT_SIZE, STD_FLOOR } from '../../../src/modalities/face/expression-model';
import { cropForBox, toCropAndResizeBox, DEFAULT_CROP_POLICY } from '../../../src/modalities/face/crop-policy';
import { MODEL_DIR, maxAbsDiff } from './helpers';

/** A deterministic 48x48 test face (one of the exporter's synthetic parity faces). */
function testFace(i = 0): Uint8Array {
  const p = JSON.parse(fs.readFileSync(path.join(MODEL_DIR, 'parity.json'), 'utf8'));
  return Uint8Array.from(p.inputs[i]);
}

function standardiseRef(px: ArrayLike<number>): Float64Array {
  let m = 0; for (let i = 0; i < px.length; i++) m += px[i]; m /= px.length;
  let v = 0; for (let i = 0; i < px.length; i++) v += (px[i] - m) ** 2; v /= px.length;
  const s = Math.max(Math.sqrt(v), STD_FLOOR);
  return Float64Array.from(px, (x) => (x - m) / s);
}

describe('crop policy', () => {
  it('expands a detector box into a centred square', () => {
    const c = cropForBox({ x: 10, y: 20, width: 40, height: 50 }, { scale: 1.2, shiftY: 0 });
    expect(c.width).toBeCloseTo(60); expect(c.height).toBeCloseTo(60);
    expect(c.x + c.width / 2).toBeCloseTo(30); expect(c.y + c.height / 2).toBeCloseTo(45);
    const d = cropForBox({ x: 10, y: 20, width: 40, height: 50 }, { scale: 1, shiftY: -0.1 });
    expect(d.y + d.height / 2).toBeCloseTo(40);
  });
  it('normalises for cropAndResize', () => {
    expect(toCropAndResizeBox({ x: 0, y: 0, width: 640, height: 480 }, 640, 480)).toEqual([0, 0, 1, 1]);
    expect(toCropAndResizeBox({ x: 160, y: 120, width: 320, height: 240 }, 640, 480)).toEqual([0.25, 0.25, 0.75, 0.75]);
  });
  it('has a sane default', () => {
    expect(DEFAULT_CROP_POLICY.scale).toBeGreaterThan(0.8);
    expect(DEFAULT_CROP_POLICY.scale).toBeLessThan(2);
  });
});

describe('preprocessing', () => {
  beforeAll(async () => { await initWasmBackend(); });

  it('standardises a 48x48 gray crop like training (facenet.standardise)', () => {
    const px = testFace();
    const img = tf.tensor3d(Int32Array.from(px), [48, 48, 1], 'int32');
    const x = preprocess(img, null);
    expect(x.shape).toEqual([1, INPUT_SIZE, INPUT_SIZE, 1]);
    expect(maxAbsDiff(x.dataSync(), standardiseRef(px))).toBeLessThan(1e-4);
    tf.dispose([img, x]);
  });

  it('floors the std of flat images', () => {
    const img = tf.fill([48, 48, 1], 100) as tf.Tensor3D;
    const x = preprocess(img, null);
    expect(Math.max(...Array.from(x.dataSync(), Math.abs))).toBeLessThan(1e-5);
    tf.dispose([img, x]);
  });

  it('converts RGB to gray (equal channels give the gray result)', () => {
    const px = testFace(1);
    const gray = tf.tensor3d(Int32Array.from(px), [48, 48, 1], 'int32');
    const rgb = tf.tile(gray, [1, 1, 3]) as tf.Tensor3D;
    const a = preprocess(gray, null); const b = preprocess(rgb, null);
    expect(maxAbsDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-4);
    tf.dispose([gray, rgb, a, b]);
  });

  it('crops a detector box out of a larger frame, with anti-aliased downsampling', () => {
    const px = testFace(2);
    // the face at 4x (nearest) in a 320x240 frame at (100, 40)
    const frame = new Int32Array(240 * 320 * 3).fill(30);
    for (let y = 0; y < 192; y++) for (let x = 0; x < 192; x++) for (let c = 0; c < 3; c++) frame[((y + 40) * 320 + x + 100) * 3 + c] = px[(y >> 2) * 48 + (x >> 2)];
    const img = tf.tensor3d(frame, [240, 320, 3], 'int32');
    expect(oversampleFactor(192)).toBe(4);
    const x = preprocess(img, { x: 100, y: 40, width: 192, height: 192 }, { scale: 1, shiftY: 0 });
    // 4x4 average pooling of the nearest-upscaled face gives the face back (bilinear sampling is
    // corner-aligned, so allow a small error at block edges)
    const ref = standardiseRef(px);
    const d = x.dataSync();
    let err = 0; for (let i = 0; i < d.length; i++) err += Math.abs(d[i] - ref[i]); err /= d.length;
    expect(err).toBeLessThan(0.1);
    tf.dispose([img, x]);
  });

  it('releases every intermediate tensor', () => {
    const img = tf.randomUniform([120, 160, 3], 0, 255) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const x = preprocess(img, { x: 40, y: 20, width: 60, height: 70 });
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([img, x]);
  });
});
