/**
 * The live face loop: a MediaStream's video -> analyseFaceFrame at the configured rate, until the
 * signal aborts. Frames carry media time (the video element's clock). A track that ends, or stops
 * delivering frames without an 'ended' event, is reported lost once so the source can reopen it.
 */
import type { ExpressionModel } from './expression-model';
import type { FaceDetectorModel } from './face-detector';
import { analyseFaceFrame, createRegionCanvas, type FaceFrameResult, type FaceModelChoice } from './face-frame';

/** No new frame for this long: the track is stalled (stopped without 'ended', or frozen). */
export const STALLED_AFTER_MS = 3000;

export interface FacePipelineOptions {
  stream: MediaStream;
  detector: FaceDetectorModel;
  expression: ExpressionModel;
  /** Picks the model by the number of faces in a frame (a captured gallery); otherwise `expression`. */
  chooseModel?: FaceModelChoice;
  fps: () => number;
  signal: AbortSignal;
  /** Every analysed frame; `tMedia` in seconds on the stream's clock. */
  onFrame: (result: FaceFrameResult, tMedia: number) => void;
  /** A frame failed (one bad frame must not end the loop). */
  onError: (error: unknown) => void;
  /** The track ended or stalled; the loop has stopped. */
  onLost: (why: 'ended' | 'stalled') => void;
}

export async function startFacePipeline(opts: FacePipelineOptions): Promise<void> {
  const { stream, detector, expression, signal } = opts;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  const ctx = createRegionCanvas();
  const track = stream.getVideoTracks()[0];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastMediaTime = -1;
  let lastAdvanceAt = performance.now();

  const tick = () => {
    if (signal.aborted) return;
    const started = performance.now();
    if (!track || track.readyState === 'ended') return opts.onLost('ended');
    if (video.currentTime !== lastMediaTime) {
      lastMediaTime = video.currentTime;
      lastAdvanceAt = started;
    } else if (started - lastAdvanceAt > STALLED_AFTER_MS) return opts.onLost('stalled');
    if (video.readyState >= 2 && video.videoWidth > 0) {
      try {
        opts.onFrame(analyseFaceFrame(video, detector, expression, ctx, started, opts.chooseModel), video.currentTime);
      } catch (error) {
        opts.onError(error);
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
