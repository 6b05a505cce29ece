import type { ExpressionModel } from './expression-model';
import type { FaceDetectorModel } from './face-detector';
import type { FaceReading } from '../../core/types';
import { analyseFaceFrame, createCropContext, type FaceTiming } from './face-frame';

export type { FaceTiming };

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
  const ctx = createCropContext();
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
      try {
        const { reading, timing } = analyseFaceFrame(video, video.videoHeight, detector, expression, ctx, started);
        opts.onReading(reading, frameTime, timing);
      } catch (error) {
        // one bad frame must not end the loop; say so and try the next one
        console.warn('emotion-overlay: face frame failed', error);
        opts.onReading({ state: 'error', probs: null, detectionScore: 0, faceSize: 0, faces: 0 }, frameTime, null);
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
