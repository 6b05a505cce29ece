import type { PumpChunk } from '../relay/relay-protocol';
import { canPumpWithElements, startElementPump } from '../relay/element-pump';

type Post = (chunk: PumpChunk, transfer: Transferable[]) => void;

/** Audio is sent in chunks of about this many milliseconds (MediaStreamTrackProcessor gives 10 ms). */
const AUDIO_CHUNK_MS = 100;

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
  let pending: Float32Array[] = [];
  let pendingSamples = 0;

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
        pending.push(mono);
        pendingSamples += n;
        const sampleRate = value.sampleRate;
        value.close();
        if (pendingSamples >= (sampleRate * AUDIO_CHUNK_MS) / 1000) {
          const samples = new Float32Array(pendingSamples);
          let offset = 0;
          for (const part of pending) {
            samples.set(part, offset);
            offset += part.length;
          }
          pending = [];
          pendingSamples = 0;
          post({ kind: 'audio', samples, sampleRate, t: Date.now() }, [samples.buffer]);
        }
      }
    }
  };
  void pump().catch(() => undefined);
}
