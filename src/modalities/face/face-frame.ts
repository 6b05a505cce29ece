/**
 * One frame of face analysis: detect every face, read back only the region that holds their
 * crops (as gray: gray-pixels.ts), and classify all faces in one batched call. The crop itself is
 * the measured crop policy applied by align.ts's sampleCrops, the same path the model was
 * evaluated with. Used by the live loop (face-pipeline.ts), files and the benchmark.
 */
import { cropForBox, type Box } from './crop-policy';
import { grayPixels } from './gray-pixels';
import type { ExpressionModel } from './expression-model';
import { frameSize, type DetectedFace, type FaceDetectorModel, type Point } from './face-detector';

/** Enough pixels per face for the model's anti-aliased 48 px input (4x oversampling). */
export const PIXELS_PER_FACE = 192;
/** Most faces classified per frame (a gallery of 16 people). */
export const MAX_FACES_PER_FRAME = 16;

export interface FaceTiming {
  detectMs: number;
  classifyMs: number;
}

export interface ClassifiedFace extends DetectedFace {
  probs: Float32Array;
}

export interface FaceFrameResult {
  width: number;
  height: number;
  /** Largest first. */
  faces: ClassifiedFace[];
  timing: FaceTiming;
}

/** The canvas face regions are read back through; one per pipeline. */
export function createRegionCanvas(): CanvasRenderingContext2D {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = PIXELS_PER_FACE;
  return canvas.getContext('2d', { willReadFrequently: true })!;
}

/** The frame rectangle holding every face's crop, clipped to the frame. */
function unionOfCrops(crops: Box[], width: number, height: number): Box {
  const x0 = Math.max(0, Math.floor(Math.min(...crops.map((c) => c.x))));
  const y0 = Math.max(0, Math.floor(Math.min(...crops.map((c) => c.y))));
  const x1 = Math.min(width, Math.ceil(Math.max(...crops.map((c) => c.x + c.width))));
  const y1 = Math.min(height, Math.ceil(Math.max(...crops.map((c) => c.y + c.height))));
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

export const grow = (b: Box, k: number): Box => ({ x: b.x + (b.width * (1 - k)) / 2, y: b.y + (b.height * (1 - k)) / 2, width: b.width * k, height: b.height * k });
export const moveBox = (b: Box, r: Box, s: number): Box => ({ x: (b.x - r.x) * s, y: (b.y - r.y) * s, width: b.width * s, height: b.height * s });
export const movePoint = (p: Point, r: Box, s: number): Point => ({ x: (p.x - r.x) * s, y: (p.y - r.y) * s });

/** The model for a frame of `faces` faces, and whether to average mirror images (a gallery's budget). */
export type FaceModelChoice = (faces: number) => { expression: ExpressionModel; flipTTA: boolean };

/**
 * `started` is performance.now() at the start of the frame: the detector's timestamp (it must
 * increase from call to call) and the start of detectMs. `choose`, when given, picks the model once
 * the faces are counted (a captured gallery: participants-budget.ts); otherwise `model` as it is.
 */
export function analyseFaceFrame(
  frame: CanvasImageSource & TexImageSource,
  detector: FaceDetectorModel,
  model: ExpressionModel,
  ctx: CanvasRenderingContext2D,
  started: number,
  choose?: FaceModelChoice,
): FaceFrameResult {
  const { width, height } = frameSize(frame);
  const detected = detector.detect(frame, started).slice(0, MAX_FACES_PER_FRAME);
  const detectMs = performance.now() - started;
  if (detected.length === 0) return { width, height, faces: [], timing: { detectMs, classifyMs: 0 } };
  const { expression, flipTTA } = choose?.(detected.length) ?? { expression: model, flipTTA: model.flipTTA };

  const classifyStart = performance.now();
  // an eye-aligned crop is rotated: its corners reach up to sqrt(2) of the upright crop's half-side
  const reach = expression.align ? Math.SQRT2 : 1;
  const crops = detected.map((f) => cropForBox(f.box, expression.cropPolicy));
  const region = unionOfCrops(crops.map((c) => grow(c, reach)), width, height);
  const smallestCrop = Math.min(...crops.map((c) => c.width));
  const scale = Math.min(1, PIXELS_PER_FACE / Math.max(1, smallestCrop), 1280 / Math.max(region.width, region.height));
  const w = Math.max(1, Math.round(region.width * scale));
  const h = Math.max(1, Math.round(region.height * scale));
  if (ctx.canvas.width !== w || ctx.canvas.height !== h) {
    ctx.canvas.width = w;
    ctx.canvas.height = h;
  }
  ctx.drawImage(frame, region.x, region.y, region.width, region.height, 0, 0, w, h);
  const pixels = grayPixels(ctx.getImageData(0, 0, w, h));
  let probs: Float32Array[];
  try {
    probs = expression.predictBatch(
      pixels,
      detected.map((f) => ({ box: moveBox(f.box, region, scale), keypoints: f.keypoints.map((p) => movePoint(p, region, scale)) })),
      { flipTTA },
    );
  } finally {
    pixels.dispose();
  }
  const classifyMs = performance.now() - classifyStart;
  return { width, height, faces: detected.map((f, i) => ({ ...f, probs: probs[i] })), timing: { detectMs, classifyMs } };
}
