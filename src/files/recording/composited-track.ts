/**
 * A video track of `source` with the overlay painted on each frame. Where the browser has
 * MediaStreamTrackProcessor/Generator (Chromium), each camera frame is read as it arrives, painted
 * and handed on with its own timestamp: no timer, so a hidden document (the engine's offscreen
 * page, whose timers Chromium throttles to about one wake-up a second: measured 20 frames in 10 s
 * with a timer) records every frame. Elsewhere a <video>, a canvas redrawn on a timer and its
 * captureStream.
 */
import { createTrackGenerator, hasTrackGenerator } from '../../relay/track-generator';

type Paint = (ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D, width: number, height: number) => void;

export interface CompositedTrack {
  track: MediaStreamTrack;
  stop(): void;
}

type ProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };

/**
 * Frames the reader may fall behind by before the oldest are dropped. Relayed frames (a
 * participant's tile) reach a busy engine page in bursts, several within a few ms: with the
 * default buffer of one frame, each burst kept only its last (measured: 10 of 48 frames recorded).
 */
const READ_BUFFER_FRAMES = 8;

export async function compositeTrack(source: MediaStreamTrack, paint: Paint, fps: number): Promise<CompositedTrack> {
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor?: ProcessorCtor }).MediaStreamTrackProcessor;
  return Processor && hasTrackGenerator() ? frameDriven(source, paint, fps, Processor) : timerDriven(source, paint, fps);
}

function frameDriven(source: MediaStreamTrack, paint: Paint, fps: number, Processor: ProcessorCtor): CompositedTrack {
  // a clone of its own: the session's track (a tab capture) is read by the engine too
  const input = source.clone();
  const reader = new Processor({ track: input, maxBufferSize: READ_BUFFER_FRAMES }).readable.getReader();
  const generator = createTrackGenerator('video')!;
  const writer = generator.writable.getWriter();
  let canvas: OffscreenCanvas | null = null;
  let ctx: OffscreenCanvasRenderingContext2D | null = null;
  let last = -Infinity;
  const minGapUs = 1e6 / fps - 2000;
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const { value: frame, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !frame) break;
      if (frame.timestamp - last < minGapUs) {
        frame.close();
        continue;
      }
      last = frame.timestamp;
      canvas ??= new OffscreenCanvas(frame.displayWidth, frame.displayHeight);
      ctx ??= canvas.getContext('2d')!;
      ctx.drawImage(frame, 0, 0, canvas.width, canvas.height);
      const timestamp = frame.timestamp;
      frame.close();
      paint(ctx, canvas.width, canvas.height);
      const out = new VideoFrame(canvas, { timestamp });
      await writer.write(out).catch(() => out.close());
    }
    // the source ended (or stop()): the composited track ends too, as a camera's would
    if (!stopped) generator.stop();
  })();
  return {
    track: generator,
    stop() {
      stopped = true;
      void reader.cancel().catch(() => undefined);
      input.stop();
      generator.stop();
    },
  };
}

async function timerDriven(source: MediaStreamTrack, paint: Paint, fps: number): Promise<CompositedTrack> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([source]);
  await video.play();
  const settings = source.getSettings();
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth || settings.width || 640;
  canvas.height = video.videoHeight || settings.height || 480;
  const ctx = canvas.getContext('2d')!;
  const draw = () => {
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    paint(ctx, canvas.width, canvas.height);
  };
  draw();
  const timer = setInterval(draw, 1000 / fps);
  const [track] = canvas.captureStream(fps).getVideoTracks();
  source.addEventListener('ended', () => track.stop(), { once: true });
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
      video.srcObject = null;
    },
  };
}
