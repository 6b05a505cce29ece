import type { PumpChunk } from '../relay/relay-protocol';
import { canPumpWithElements, startElementPump } from '../relay/element-pump';
import { audioChunker } from '../relay/audio-chunker';

type Post = (chunk: PumpChunk, transfer: Transferable[]) => void;

interface TrackProcessor {
  readable: ReadableStream<VideoFrame | AudioData>;
}

/**
 * Reads the call's own track (a sink beside the page's: the call is not disturbed) and posts
 * frames, at most `fps` a second, or ~100 ms audio chunks, downmixed to mono, until the signal
 * aborts or the track ends.
 */
export function startMediaPump(track: MediaStreamTrack, fps: number, post: Post, signal: AbortSignal): void {
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor?: new (init: { track: MediaStreamTrack }) => TrackProcessor })
    .MediaStreamTrackProcessor;
  if (!Processor) {
    // Firefox: no MediaStreamTrackProcessor; the same chunks from media elements (src/relay/element-pump.ts)
    if (canPumpWithElements()) startElementPump(track, fps, post, signal);
    return;
  }
  const reader = new Processor({ track }).readable.getReader();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  const kind = track.kind as 'audio' | 'video';
  const minGapMs = 1000 / fps;
  let lastFrameAt = -Infinity;
  const chunk = audioChunker((samples, sampleRate) => post({ kind: 'audio', samples, sampleRate, t: Date.now() }, [samples.buffer]));

  const pump = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) {
        value?.close();
        if (!signal.aborted) post({ kind: 'ended', of: kind }, []);
        return;
      }
      if (value instanceof VideoFrame) {
        const now = performance.now();
        if (now - lastFrameAt >= minGapMs) {
          lastFrameAt = now;
          const bitmap = await createImageBitmap(value);
          post({ kind: 'video', bitmap, t: Date.now() }, [bitmap]);
        }
        value.close();
      } else {
        const n = value.numberOfFrames;
        const mono = new Float32Array(n);
        const plane = new Float32Array(n);
        for (let c = 0; c < value.numberOfChannels; c++) {
          value.copyTo(plane, { planeIndex: c, format: 'f32-planar' });
          for (let i = 0; i < n; i++) mono[i] += plane[i] / value.numberOfChannels;
        }
        const sampleRate = value.sampleRate;
        value.close();
        chunk(mono, sampleRate);
      }
    }
  };
  void pump().catch(() => undefined);
}
