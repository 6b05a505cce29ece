/**
 * Face alignment and batched preprocessing for the expression model: every face of one video frame
 * becomes a 48x48 grayscale crop, upright (rotated so that the detector's two eye keypoints are
 * level), framed by the crop policy around the detector box, in a handful of TF.js ops for all the
 * faces together.
 *
 * The same function makes the model's training crops (scripts/face/align-data.ts runs it on every
 * training face with the same family of detector), so the network sees at run time exactly the
 * preprocessing it was trained on.
 *
 * Geometry, in pixel-index coordinates of the frame (a detector coordinate p is at index p - 0.5):
 *   c = box centre + R(theta) (0, shiftY * box height)       crop centre
 *   S = scale * max(box width, box height)                    crop side (scale from the box)
 *   theta = atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x)   roll (0 without keypoints,
 *           or when the eyes are implausible: more than MAX_ROLL_DEG, or closer than 5% of S)
 *   output pixel (x, y), 0..47  ->  c + R(theta) ((x - 23.5) d, (y - 23.5) d), d = S / 48
 * Per face: the part of the frame the crop reads, gray + k x k box filter in one strided
 * convolution (k = oversampleFactor: anti-aliasing of large faces; faces on one block grid that
 * cover much of the frame, as in a participants' atlas, share one convolution of the whole frame),
 * one bilinear transform (rotation and scale) to 48 x 48; then per-image standardisation of all
 * faces together. Each face's result does not depend on the other faces of the frame, and the
 * network runs once for all of them.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CROP_POLICY, type Box, type CropPolicy } from './crop-policy';

/** Model input side, pixels. */
export const INPUT_SIZE = 48;
/** Per-image standardisation: (gray - mean) / max(std, STD_FLOOR), gray in 0..255 (as in facenet.py). */
export const STD_FLOOR = 8;
/** ITU-R BT.601 luma weights for RGB to grayscale. */
export const LUMA: [number, number, number] = [0.299, 0.587, 0.114];
/** Most oversampling before average pooling down to INPUT_SIZE (anti-aliasing for large faces). */
export const MAX_OVERSAMPLE = 4;
/** Rolls beyond this are taken for keypoint errors and ignored (the crop stays upright). */
export const MAX_ROLL_DEG = 45;

export interface Point { x: number; y: number }

/** A detected face: box and (optional) keypoints in pixels of the frame, MediaPipe FaceDetector order
 * (right eye, left eye, nose tip, mouth, right ear, left ear; "right" is the person's right). */
export interface FaceGeometry {
  box: Box;
  keypoints?: Point[];
}

/** The sampling of one face crop, in pixel-index coordinates of the frame. */
export interface CropGeometry {
  cx: number;
  cy: number;
  side: number;
  /** Roll in radians (positive: the person's left eye is lower in the image). */
  theta: number;
}

/** Oversampling factor for a crop of `side` pixels: sample at k*48 then average-pool k x k. */
export function oversampleFactor(side: number): number {
  return Math.max(1, Math.min(MAX_OVERSAMPLE, Math.floor(side / INPUT_SIZE)));
}

/** Roll angle from the two eye keypoints, 0 when there are none or they are implausible. */
export function rollAngle(keypoints: Point[] | undefined, side: number): number {
  if (!keypoints || keypoints.length < 2) return 0;
  const [re, le] = keypoints;
  const dx = le.x - re.x; const dy = le.y - re.y;
  if (!Number.isFinite(dx) || !Number.isFinite(dy) || Math.hypot(dx, dy) < 0.05 * side) return 0;
  const theta = Math.atan2(dy, dx);
  return Math.abs(theta) <= (MAX_ROLL_DEG * Math.PI) / 180 ? theta : 0;
}

export function cropGeometry(face: FaceGeometry, policy: CropPolicy = DEFAULT_CROP_POLICY, align = true): CropGeometry {
  const { box } = face;
  const side = Math.max(box.width, box.height) * policy.scale;
  const theta = align ? rollAngle(face.keypoints, side) : 0;
  const sy = policy.shiftY * box.height;
  return {
    cx: box.x + box.width / 2 - 0.5 - Math.sin(theta) * sy,
    cy: box.y + box.height / 2 - 0.5 + Math.cos(theta) * sy,
    side,
    theta,
  };
}

/** Where one crop reads the frame: whole k x k blocks (k = oversampleFactor), clipped to the frame. */
export interface CropRegion {
  k: number;
  /** First column and row of the region; its block grid starts there. */
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/** The frame column (or row) where the crop's first k x k block starts, before clipping: its block grid. */
function gridStart(centre: number, side: number, k: number): number {
  return Math.round(centre - ((INPUT_SIZE - 1) / 2) * (side / INPUT_SIZE) - (k - 1) / 2);
}

/**
 * The region of a `w` x `h` frame that the crop `g` reads: every sample point and its bilinear
 * neighbours, in whole k x k blocks laid on the grid of the crop's samples (block centres on the
 * upright crop's sample positions when d = k: area resampling), clipped to the frame in whole blocks.
 */
export function cropRegion(g: CropGeometry, w: number, h: number): CropRegion {
  const k = oversampleFactor(g.side);
  if (w < k || h < k) throw new Error(`frame ${w}x${h} smaller than the ${k}x${k} filter`);
  const oc = (INPUT_SIZE - 1) / 2;
  const d = g.side / INPUT_SIZE;
  const r = oc * d * (Math.abs(Math.cos(g.theta)) + Math.abs(Math.sin(g.theta))) + 2 * k;
  const start = (centre: number, size: number) => {
    const base = gridStart(centre, g.side, k);
    let v = base - k * Math.ceil((base - (centre - r)) / k);
    if (v < 0) v += k * Math.ceil(-v / k);
    return Math.min(v, size - k);
  };
  const x0 = start(g.cx, w); const y0 = start(g.cy, h);
  const rw = Math.max(k, Math.floor((Math.min(w, Math.ceil(g.cx + r) + 1) - x0) / k) * k);
  const rh = Math.max(k, Math.floor((Math.min(h, Math.ceil(g.cy + r) + 1) - y0) / k) * k);
  return { k, x0, y0, width: Math.min(rw, w - x0), height: Math.min(rh, h - y0) };
}

/**
 * The offset modulo k of the block grid crop `g` is pooled on (cropRegion's start, before clipping at
 * the far edge of the frame). Moving a crop by whole pixels moves its grid with it, so a caller that
 * lays several faces out (a participants' atlas) can put them all on one grid, which sampleCrops then
 * pools with one convolution.
 */
export function blockGridOffset(g: CropGeometry): { k: number; x: number; y: number } {
  const k = oversampleFactor(g.side);
  const mod = (v: number) => ((v % k) + k) % k;
  return { k, x: mod(gridStart(g.cx, g.side, k)), y: mod(gridStart(g.cy, g.side, k)) };
}

/**
 * Crops on one block grid whose regions together cover at least this share of the frame (a
 * participants' atlas; the self-view's face canvas) are pooled from one convolution of the whole
 * frame rather than each from a copy of its own region: in WASM a region copy (bilinear
 * crop-and-resize) costs several times a whole-frame convolution per pixel (`npm run bench`:
 * "crops of 9 atlas faces", shared against one by one).
 */
const SHARED_POOL_MIN_COVER = 0.25;

/** The sampling matrix (tf.image.transform) of crop g from a pooled image whose block (0, 0) starts at frame (px0, py0). */
function sampleTransform(g: CropGeometry, k: number, px0: number, py0: number): number[] {
  const oc = (INPUT_SIZE - 1) / 2;
  const d = g.side / INPUT_SIZE;
  const cos = Math.cos(g.theta); const sin = Math.sin(g.theta);
  // output (x, y) -> pooled ((cx - px0 - (k-1)/2 + d (cos u - sin v)) / k, ...), u = x - oc, v = y - oc
  const s = d / k;
  const tx = (g.cx - px0 - (k - 1) / 2) / k; const ty = (g.cy - py0 - (k - 1) / 2) / k;
  return [cos * s, -sin * s, tx - s * (cos * oc - sin * oc), sin * s, cos * s, ty - s * (sin * oc + cos * oc), 0, 0];
}

/** Gray + k x k box filter, stride k, as one convolution (LUMA / k^2 weights); the first `ox` columns
 * and `oy` rows of the filter are zero, so that block (0, 0) starts at (ox, oy) of the input. */
function poolFilter(k: number, c: number, ox = 0, oy = 0): tf.Tensor4D {
  const fh = k + oy; const fw = k + ox;
  const filter = new Float32Array(fh * fw * c);
  for (let y = oy; y < fh; y++) for (let x = ox; x < fw; x++) {
    for (let ch = 0; ch < c; ch++) filter[(y * fw + x) * c + ch] = (c === 3 ? LUMA[ch] : 1) / (k * k);
  }
  return tf.tensor4d(filter, [fh, fw, c, 1]);
}

/**
 * Raw (unstandardised) 48x48 gray crops of the given geometries: N x 48 x 48 x 1, values 0..255
 * (outside the frame: 0). Output pixel (x, y) samples the frame at c + R(theta) ((x - 23.5) d,
 * (y - 23.5) d), d = side / 48 (pixel-index coordinates), from the frame turned to gray and
 * box-filtered k x k on the crop's block grid (cropRegion: k = oversampleFactor(side), anti-aliasing
 * for large faces), by one bilinear tf.image.transform (rotation and scale).
 * The frame is cast to float once. Crops that share a block grid (same k, same region start modulo
 * k) and together cover much of the frame are pooled by one convolution of the whole frame; any
 * other crop by a copy of its own region and a convolution of that. Both give
 * the same numbers (tests/modalities/face/batch.test.ts), so a crop does not depend on its neighbours.
 * Caller owns the result.
 */
export function sampleCrops(image: tf.Tensor3D, crops: CropGeometry[]): tf.Tensor4D {
  const [h, w, c] = image.shape;
  if (c !== 1 && c !== 3) throw new Error(`expected 1 or 3 channels, got ${c}`);
  if (crops.length === 0) return tf.zeros([0, INPUT_SIZE, INPUT_SIZE, 1]);
  const regions = crops.map((g) => cropRegion(g, w, h));
  const grids = new Map<string, number[]>();
  regions.forEach((r, i) => {
    const key = `${r.k}:${r.x0 % r.k}:${r.y0 % r.k}`;
    const members = grids.get(key);
    if (members) members.push(i);
    else grids.set(key, [i]);
  });
  return tf.tidy(() => {
    // one cast of the frame; regions are then copied out in WASM by cropAndResize (tf.slice would
    // copy the whole frame into JavaScript for every face)
    const frame4 = tf.expandDims(image.dtype === 'float32' ? image : tf.cast(image, 'float32'), 0) as tf.Tensor4D;
    const parts: tf.Tensor4D[] = new Array(crops.length);
    const transform = (pooled: tf.Tensor4D, i: number, px0: number, py0: number) =>
      tf.image.transform(pooled, tf.tensor2d([sampleTransform(crops[i], regions[i].k, px0, py0)]), 'bilinear', 'constant', 0, [INPUT_SIZE, INPUT_SIZE]);
    for (const members of grids.values()) {
      const { k, x0, y0 } = regions[members[0]];
      const cover = members.reduce((sum, i) => sum + regions[i].width * regions[i].height, 0);
      if (cover >= SHARED_POOL_MIN_COVER * w * h) {
        const ox = x0 % k; const oy = y0 % k;
        const pooled = tf.conv2d(frame4, poolFilter(k, c, ox, oy), k, 'valid');
        for (const i of members) parts[i] = transform(pooled, i, ox, oy);
        continue;
      }
      for (const i of members) {
        const r = regions[i];
        // the region, pixel for pixel: bilinear sampling at integer positions, moved 1e-4 px inwards so
        // that float rounding never puts the last row or column past the frame (which would read 0)
        const e = 1e-4; const hy = Math.max(1, h - 1); const wx = Math.max(1, w - 1);
        const box: [number, number, number, number] = [(r.y0 + e) / hy, (r.x0 + e) / wx, (r.y0 + r.height - 1 - e) / hy, (r.x0 + r.width - 1 - e) / wx];
        const region = tf.image.cropAndResize(frame4, [box], [0], [r.height, r.width], 'bilinear');
        parts[i] = transform(tf.conv2d(region, poolFilter(r.k, c), r.k, 'valid'), i, r.x0, r.y0);
      }
    }
    return (parts.length === 1 ? parts[0] : tf.concat(parts, 0)) as tf.Tensor4D;
  });
}

/** Per-image standardisation (g - mean) / max(std, STD_FLOOR) of N x 48 x 48 x 1. */
export function standardise(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, [1, 2, 3], true);
    return tf.div(tf.sub(x, mean), tf.maximum(tf.sqrt(variance), STD_FLOOR)) as tf.Tensor4D;
  });
}

/** The model input for every face of one frame: N x 48 x 48 x 1, standardised. Caller owns it. */
export function preprocessFaces(image: tf.Tensor3D, faces: FaceGeometry[], policy: CropPolicy = DEFAULT_CROP_POLICY, align = true): tf.Tensor4D {
  return tf.tidy(() => standardise(sampleCrops(image, faces.map((f) => cropGeometry(f, policy, align)))));
}
