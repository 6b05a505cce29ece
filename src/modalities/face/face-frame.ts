import * as tf from '@tensorflow/tfjs';
import { cropForBox } from './crop-policy';
import type { ExpressionModel } from './expression-model';
import type { FaceDetectorModel } from './face-detector';
import type { FaceReading } from '../../core/types';

/** Side of the canvas the face crop is drawn into: 2x the model input, for its anti-aliasing. */
export const CROP_CANVAS = 96;

export interface FaceTiming {
  detectMs: number;
  classifyMs: number;
}

export interface FaceFrameResult {
  reading: FaceReading;
  timing: FaceTiming;
}

/** The CROP_CANVAS x CROP_CANVAS canvas context analyseFaceFrame draws face crops into. */
export function createCropContext(): CanvasRenderingContext2D {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = CROP_CANVAS;
  return canvas.getContext('2d', { willReadFrequently: true })!;
}

/**
 * One frame: detect -> crop -> classify. Only the face crop is read back from the frame (drawn into
 * `ctx`, see createCropContext), never the whole frame. `started` is performance.now() at the start
 * of the frame: the detector's timestamp (must increase from call to call) and the start of detectMs.
 * Used by the live camera loop (face-pipeline.ts) and by the benchmark (scripts/bench).
 */
export function analyseFaceFrame(
  frame: CanvasImageSource & TexImageSource,
  frameHeight: number,
  detector: FaceDetectorModel,
  expression: ExpressionModel,
  ctx: CanvasRenderingContext2D,
  started: number,
): FaceFrameResult {
  const faces = detector.detect(frame, started);
  const detectMs = performance.now() - started;
  if (faces.length === 0) {
    return { reading: { state: 'no-face', probs: null, detectionScore: 0, faceSize: 0, faces: 0 }, timing: { detectMs, classifyMs: 0 } };
  }
  const face = faces[0];
  const crop = cropForBox(face.box, expression.cropPolicy);
  const classifyStart = performance.now();
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, CROP_CANVAS, CROP_CANVAS);
  ctx.drawImage(frame, crop.x, crop.y, crop.width, crop.height, 0, 0, CROP_CANVAS, CROP_CANVAS);
  const pixels = tf.browser.fromPixels(ctx.getImageData(0, 0, CROP_CANVAS, CROP_CANVAS), 3);
  let probs: Float32Array;
  try {
    probs = expression.predict(pixels, null);
  } finally {
    pixels.dispose();
  }
  const classifyMs = performance.now() - classifyStart;
  return {
    reading: {
      state: faces.length > 1 ? 'several-faces' : 'ok',
      probs: Array.from(probs),
      detectionScore: face.score,
      faceSize: Math.min(1, face.box.height / frameHeight),
      faces: faces.length,
    },
    timing: { detectMs, classifyMs },
  };
}
