import { RateLimit, RELAY_AUDIO_SLACK, RELAY_FPS_SLACK, type RelayChunk, type RelayKind } from '../../relay/relay-protocol';
import { RelayHub } from './relay-hub';
import { openWebAudioRelayStream } from '../../relay/web-audio-relay-stream';
import { createTrackGenerator, hasTrackGenerator } from '../../relay/track-generator';


/** Page-to-engine transit of the latest relayed video frames, in ms (for the benchmark and tests). */
export const relayTransitMs: number[] = [];

export interface RelayStream {
  stream: MediaStream;
  /** Resolves with the first chunk: no chunk means the page could not send any. */
  firstChunk: Promise<void>;
}

/**
 * A MediaStream rebuilt from the relayed chunks (MediaStreamTrackGenerator), so that the fallback
 * runs the very same face and voice pipelines as a directly opened device. Closed on abort; a
 * track ends when the page's track does. Frames over the requested rate, or audio faster than
 * real time, are dropped: the page cannot make the engine work harder than the user asked.
 */
export function openRelayStream(kinds: RelayKind[], token: string, fps: number, signal: AbortSignal, sharedHub?: RelayHub): RelayStream {
  // Firefox: no MediaStreamTrackGenerator; relayed audio (the participants' voices) is rebuilt through Web Audio
  if (!hasTrackGenerator() && kinds.length === 1 && kinds[0] === 'audio') {
    const hub = sharedHub ?? new RelayHub();
    if (!sharedHub) signal.addEventListener('abort', () => hub.close(), { once: true });
    return openWebAudioRelayStream(token, signal, hub);
  }
  if (!hasTrackGenerator()) throw new Error('This browser cannot rebuild relayed media (no MediaStreamTrackGenerator)');
  const hub = sharedHub ?? new RelayHub();
  const generators = new Map(kinds.map((kind) => [kind, createTrackGenerator(kind)!] as const));
  const writers = new Map([...generators].map(([kind, g]) => [kind, g.writable.getWriter()] as const));
  const videoRate = new RateLimit(fps + RELAY_FPS_SLACK);
  const audioRate = new RateLimit(RELAY_AUDIO_SLACK);
  let arrived: () => void = () => undefined;
  const firstChunk = new Promise<void>((resolve) => (arrived = resolve));

  const unlisten = hub.listen(token, (chunk: RelayChunk) => {
    if (chunk.kind === 'ended') {
      generators.get(chunk.of)?.stop();
      return;
    }
    const writer = writers.get(chunk.kind);
    const now = performance.now();
    const admitted =
      chunk.kind === 'video' ? videoRate.admit(now) : audioRate.admit(now, chunk.samples.length / chunk.sampleRate);
    if (!writer || !admitted) {
      if (chunk.kind === 'video') chunk.bitmap.close();
      return;
    }
    arrived();
    if (chunk.kind === 'video') {
      relayTransitMs.push(Date.now() - chunk.t);
      if (relayTransitMs.length > 500) relayTransitMs.splice(0, relayTransitMs.length - 500);
      const frame = new VideoFrame(chunk.bitmap, { timestamp: chunk.t * 1000 });
      chunk.bitmap.close();
      writer.write(frame).catch(() => frame.close());
    } else {
      const audio = new AudioData({
        format: 'f32-planar',
        sampleRate: chunk.sampleRate,
        numberOfFrames: chunk.samples.length,
        numberOfChannels: 1,
        timestamp: chunk.t * 1000,
        data: chunk.samples as Float32Array<ArrayBuffer>,
      });
      writer.write(audio).catch(() => audio.close());
    }
  });
  signal.addEventListener(
    'abort',
    () => {
      unlisten();
      if (!sharedHub) hub.close();
      generators.forEach((g) => g.stop());
    },
    { once: true },
  );
  return { stream: new MediaStream([...generators.values()]), firstChunk };
}
