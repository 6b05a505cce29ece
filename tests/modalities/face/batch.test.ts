/**
 * Batched, aligned preprocessing (src/modalities/face/align.ts) and ExpressionModel.predictBatch:
 * geometry of the aligned crop, batch == one face at a time, no tensor left behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initWasmBackend, fileIOHandler } from '../../../scripts/lib/tfjs-wasm-node';
import { cropGeometry, cropRegion, preprocessFaces, rollAngle, sampleCrops, INPUT_SIZE, type CropGeometry, type FaceGeometry } from '../../../src/modalities/face/align';
import { loadExpressionModel } from '../../../src/modalities/face/expression-model';
import { MODEL_DIR, MODEL_V2_DIR, maxAbsDiff } from './helpers';

function testFace(i: number): Uint8Array {
  const p = JSON.parse(fs.readFileSync(path.join(MODEL_DIR, 'parity.json'), 'utf8'));
  return Uint8Array.from(p.inputs[i % p.inputs.length]);
}

/**
 * A W x H x 3 frame with face i drawn at (cx, cy), `side` pixels, rotated by `deg` (bilinear
 * sampling of the 48x48 face), on a mid-grey background; and its box and eye keypoints in pixels.
 */
function drawFaces(w: number, h: number, faces: { i: number; cx: number; cy: number; side: number; deg: number }[]) {
  const frame = new Float32Array(w * h * 3).fill(90);
  const geoms: FaceGeometry[] = [];
  for (const f of faces) {
    const px = testFace(f.i);
    const t = (f.deg * Math.PI) / 180; const c = Math.cos(t); const s = Math.sin(t);
    const d = 48 / f.side;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      // frame pixel centre -> face coordinates (inverse rotation about the face centre)
      const ux = x + 0.5 - f.cx; const uy = y + 0.5 - f.cy;
      const fx = (c * ux + s * uy) * d + 24 - 0.5; const fy = (-s * ux + c * uy) * d + 24 - 0.5;
      if (fx < -0.5 || fy < -0.5 || fx > 47.5 || fy > 47.5) continue;
      const x0 = Math.max(0, Math.min(46, Math.floor(fx))); const y0 = Math.max(0, Math.min(46, Math.floor(fy)));
      const ax = Math.max(0, Math.min(1, fx - x0)); const ay = Math.max(0, Math.min(1, fy - y0));
      const v = (1 - ay) * ((1 - ax) * px[y0 * 48 + x0] + ax * px[y0 * 48 + x0 + 1]) + ay * ((1 - ax) * px[(y0 + 1) * 48 + x0] + ax * px[(y0 + 1) * 48 + x0 + 1]);
      for (let k = 0; k < 3; k++) frame[(y * w + x) * 3 + k] = v;
    }
    // box: the face square (upright box of the rotated face's centre and size); eyes 8 px either side of
    // the centre line at face row 19 (the synthetic faces' eyes), rotated with the face
    const eye = (ex: number) => {
      const ux = (ex - 24) / d; const uy = (19 - 24) / d;
      return { x: f.cx + c * ux - s * uy, y: f.cy + s * ux + c * uy };
    };
    geoms.push({ box: { x: f.cx - f.side / 2, y: f.cy - f.side / 2, width: f.side, height: f.side }, keypoints: [eye(16), eye(32), { x: f.cx, y: f.cy }, { x: f.cx, y: f.cy + 10 / d }, eye(4), eye(44)] });
  }
  return { image: tf.tensor3d(frame, [h, w, 3]), faces: geoms };
}

const policy = { scale: 1, shiftY: 0 };

describe('alignment geometry', () => {
  it('takes the roll from the eyes and ignores implausible keypoints', () => {
    expect(rollAngle([{ x: 10, y: 10 }, { x: 20, y: 10 }], 30)).toBeCloseTo(0);
    expect(rollAngle([{ x: 10, y: 10 }, { x: 20, y: 20 }], 30)).toBeCloseTo(Math.PI / 4);
    expect(rollAngle([{ x: 20, y: 10 }, { x: 10, y: 10 }], 30)).toBe(0); // eyes swapped: 180 degrees
    expect(rollAngle([{ x: 10, y: 10 }, { x: 10.5, y: 10 }], 30)).toBe(0); // eyes on top of each other
    expect(rollAngle(undefined, 30)).toBe(0);
  });

  it('moves the crop centre along the rotated vertical', () => {
    const g = cropGeometry({ box: { x: 0, y: 0, width: 100, height: 100 }, keypoints: [{ x: 0, y: 0 }, { x: 10, y: 10 }] }, { scale: 1.1, shiftY: -0.1 });
    expect(g.side).toBeCloseTo(110);
    expect(g.theta).toBeCloseTo(Math.PI / 4);
    expect(g.cx - 49.5).toBeCloseTo(10 * Math.SQRT1_2);
    expect(g.cy - 49.5).toBeCloseTo(-10 * Math.SQRT1_2);
  });
});

describe('batched preprocessing and predictBatch', () => {
  beforeAll(async () => { await initWasmBackend(); });

  it('undoes the roll: a rotated face comes out like the upright one', () => {
    const up = drawFaces(160, 160, [{ i: 0, cx: 80, cy: 80, side: 96, deg: 0 }]);
    const rot = drawFaces(160, 160, [{ i: 0, cx: 80, cy: 80, side: 96, deg: 25 }]);
    const a = sampleCrops(up.image, [cropGeometry(up.faces[0], policy)]);
    const b = sampleCrops(rot.image, [cropGeometry(rot.faces[0], policy)]);
    const noAlign = sampleCrops(rot.image, [cropGeometry(rot.faces[0], policy, false)]);
    const err = (x: tf.Tensor, y: tf.Tensor) => { const d = tf.tidy(() => tf.mean(tf.abs(tf.sub(x, y))).dataSync()[0]); return d; };
    const aligned = err(a, b); const unaligned = err(a, noAlign);
    console.log(`mean |gray diff| vs the upright face: aligned ${aligned.toFixed(2)}, not aligned ${unaligned.toFixed(2)} (0..255)`);
    expect(aligned).toBeLessThan(6);
    expect(unaligned).toBeGreaterThan(3 * aligned);
    // the upright face is reproduced: 96 px face -> 2x oversampling -> the 48x48 original
    const ref = tf.tensor4d(Float32Array.from(testFace(0)), [1, 48, 48, 1]);
    expect(err(a, ref)).toBeLessThan(6); // bilinear drawing blurs the edges a little
    tf.dispose([up.image, rot.image, a, b, noAlign, ref]);
  });

  it('samples exactly: a face upscaled 2x (nearest) comes back pixel for pixel', () => {
    const px = testFace(3);
    const W = 160; const f = new Float32Array(W * W).fill(90);
    for (let y = 0; y < 96; y++) for (let x = 0; x < 96; x++) f[(y + 32) * W + x + 32] = px[(y >> 1) * 48 + (x >> 1)];
    const img = tf.tensor3d(f, [W, W, 1]);
    const a = sampleCrops(img, [cropGeometry({ box: { x: 32, y: 32, width: 96, height: 96 } }, policy)]);
    expect(maxAbsDiff(a.dataSync(), px)).toBeLessThan(0.02); // the region copy samples 1e-4 px inwards (align.ts)
    tf.dispose([img, a]);
  });

  it('gives every face of a frame the same result as alone, and leaks no tensor', async () => {
    const model = await loadExpressionModel(fileIOHandler(path.join(MODEL_V2_DIR, 'model.json')));
    // 9 faces of several sizes (oversampling 1x..4x) and rolls, some partly outside the frame
    const spec = [
      { i: 0, cx: 60, cy: 60, side: 50, deg: 0 }, { i: 1, cx: 180, cy: 70, side: 100, deg: 12 }, { i: 2, cx: 320, cy: 80, side: 150, deg: -20 },
      { i: 3, cx: 500, cy: 100, side: 200, deg: 5 }, { i: 4, cx: 80, cy: 260, side: 70, deg: 30 }, { i: 5, cx: 250, cy: 300, side: 120, deg: -8 },
      { i: 0, cx: 420, cy: 330, side: 90, deg: 0 }, { i: 1, cx: 600, cy: 300, side: 110, deg: -35 }, { i: 2, cx: 30, cy: 460, side: 80, deg: 15 },
    ];
    const { image, faces } = drawFaces(640, 480, spec);
    model.predictBatch(image, faces); // warm-up
    const before = tf.memory().numTensors;
    const batch = model.predictBatch(image, faces);
    const single = faces.map((f) => model.predictBatch(image, [f])[0]);
    expect(tf.memory().numTensors).toBe(before);
    expect(batch).toHaveLength(9);
    for (let i = 0; i < 9; i++) {
      expect(batch[i]).toHaveLength(7);
      expect(batch[i].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
      expect(maxAbsDiff(batch[i], single[i])).toBeLessThan(1e-5);
    }
    // predict(image, box) is predictBatch without keypoints
    const p = model.predict(image, faces[1].box);
    expect(maxAbsDiff(p, model.predictBatch(image, [{ box: faces[1].box }])[0])).toBeLessThan(1e-6);
    // flip TTA keeps the batch == single property and does not leak either
    model.flipTTA = true;
    const before2 = tf.memory().numTensors;
    const bt = model.predictBatch(image, faces);
    expect(maxAbsDiff(bt[4], model.predictBatch(image, [faces[4]])[0])).toBeLessThan(1e-5);
    expect(tf.memory().numTensors).toBe(before2);
    expect(model.predictBatch(image, [])).toEqual([]);
    model.dispose();
    image.dispose();
  });

  it('pools faces on one block grid from the whole frame with the numbers each gets from its own region', () => {
    // an atlas-like frame: random pixels, 4 large faces (4x oversampling) on one block grid, 3 on
    // another grid (a shifted filter), 2 rotated, 1 partly outside, and a small face alone on its grid
    const w = 900; const h = 420;
    const image = tf.tensor3d(Int32Array.from({ length: w * h * 3 }, (_, i) => (i * 2654435761) % 251), [h, w, 3], 'int32');
    const crops = [
      { cx: 100, cy: 100, side: 192, theta: 0 }, { cx: 300, cy: 100, side: 195, theta: 0 }, { cx: 500, cy: 104, side: 200, theta: 0.2 },
      { cx: 700, cy: 96, side: 193, theta: 0 }, { cx: 103, cy: 307, side: 192, theta: 0 }, { cx: 303, cy: 306, side: 192, theta: -0.3 },
      { cx: 508, cy: 312, side: 194, theta: 0 }, { cx: 860, cy: 380, side: 196, theta: 0 }, { cx: 700, cy: 300, side: 60, theta: 0 },
    ].map((g) => ({ ...g, cx: g.cx - 0.5, cy: g.cy - 0.5 }));
    // the grids: (0, 0) for faces 0, 2, 3 and (3, 3) for 1, 4, 6 (each pooled from the whole frame), the rest alone
    const grid = (g: CropGeometry) => { const r = cropRegion(g, w, h); return `${r.k}:${r.x0 % r.k}:${r.y0 % r.k}`; };
    expect(crops.map(grid)).toEqual(['4:0:0', '4:3:3', '4:0:0', '4:0:0', '4:3:3', '4:3:2', '4:3:3', '4:2:2', '1:0:0']);
    const before = tf.memory().numTensors;
    const together = sampleCrops(image, crops);
    const alone = tf.tidy(() => tf.concat(crops.map((g) => sampleCrops(image, [g])), 0));
    expect(together.shape).toEqual([9, INPUT_SIZE, INPUT_SIZE, 1]);
    // values are 0..255: a block or a pixel off would differ by tens
    expect(maxAbsDiff(together.dataSync(), alone.dataSync())).toBeLessThan(0.02); // the region copy's 1e-4 px inset: about 0.004
    tf.dispose([together, alone]);
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });

  it('returns standardised 48x48 inputs for every face', () => {
    const { image, faces } = drawFaces(320, 240, [{ i: 0, cx: 80, cy: 80, side: 60, deg: 0 }, { i: 1, cx: 200, cy: 120, side: 130, deg: 10 }]);
    const x = preprocessFaces(image, faces);
    expect(x.shape).toEqual([2, INPUT_SIZE, INPUT_SIZE, 1]);
    const { mean, variance } = tf.moments(x, [1, 2, 3]);
    for (const m of mean.dataSync()) expect(Math.abs(m)).toBeLessThan(1e-4);
    for (const v of variance.dataSync()) expect(v).toBeCloseTo(1, 3);
    tf.dispose([image, x, mean, variance]);
  });
});
