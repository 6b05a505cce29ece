import * as tf from '@tensorflow/tfjs';
import { cropForBox } from '../face/crop-policy';
import type { ExpressionModel } from '../face/expression-model';
import type { FaceDetectorModel } from '../face/face-detector';
import type { FaceReading } from '../shared/types';

/** Side of the canvas the face crop is drawn into: 2x the model input, for its anti-aliasing. */
const CROP_CANVAS = 96;

export interface FaceTiming {
  detectMs: number;
  classifyMs: number;
}

export interface FaceAnalysisOptions {
  stream: MediaStream;
  detector: FaceDetectorModel;
  expression: ExpressionModel;
  fps: () => number;
  signal: AbortSignal;
  onReading: (reading: FaceReading, frameTime: number, timing: FaceTiming | null) => void;
}

/**
 * Runs detect -> crop -> classify on the camera at the configured rate until the signal aborts.
 * Only the face crop is read back from the video (drawn into a small canvas), never a whole frame.
 */
export async function startFaceAnalysis(opts: FaceAnalysisOptions): Promise<void> {
  const { stream, detector, expression, signal } = opts;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = CROP_CANVAS;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const track = stream.getVideoTracks()[0];

  const tick = () => {
    if (signal.aborted) return;
    const started = performance.now();
    const frameTime = Date.now();
    if (track?.readyState === 'ended') {
      opts.onReading({ state: 'device-lost', probs: null, detectionScore: 0, faceSize: 0, faces: 0 }, frameTime, null);
      return; // the engine reopens the device
    }
    if (video.readyState >= 2 && video.videoWidth > 0) {
      const faces = detector.detect(video, started);
      const detectMs = performance.now() - started;
      if (faces.length === 0) {
        opts.onReading({ state: 'no-face', probs: null, detectionScore: 0, faceSize: 0, faces: 0 }, frameTime, { detectMs, classifyMs: 0 });
      } else {
        const face = faces[0];
        const crop = cropForBox(face.box, expression.cropPolicy);
        const classifyStart = performance.now();
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, CROP_CANVAS, CROP_CANVAS);
        ctx.drawImage(video, crop.x, crop.y, crop.width, crop.height, 0, 0, CROP_CANVAS, CROP_CANVAS);
        const pixels = tf.browser.fromPixels(ctx.getImageData(0, 0, CROP_CANVAS, CROP_CANVAS), 3);
        let probs: Float32Array;
        try {
          probs = expression.predict(pixels, null);
        } finally {
          pixels.dispose();
        }
        const classifyMs = performance.now() - classifyStart;
        opts.onReading(
          {
            state: faces.length > 1 ? 'several-faces' : 'ok',
            probs: Array.from(probs),
            detectionScore: face.score,
            faceSize: Math.min(1, face.box.height / video.videoHeight),
            faces: faces.length,
          },
          frameTime,
          { detectMs, classifyMs },
        );
      }
    }
    const interval = 1000 / Math.max(1, opts.fps());
    timer = setTimeout(tick, Math.max(0, interval - (performance.now() - started)));
  };

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      video.pause();
      video.srcObject = null;
    },
    { once: true },
  );
  tick();
}
