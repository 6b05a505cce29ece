/**
 * Relayed audio rebuilt into a MediaStream without MediaStreamTrackGenerator (Firefox has none,
 * measured in ESR 153): each chunk is played, back to back, into a MediaStreamAudioDestinationNode,
 * whose track the voice pipeline reads as it reads a microphone. Used by the engine for the other
 * participants' voices; the same rate limit as the generator path, so a page cannot make the
 * engine work faster than real time.
 */
import { RateLimit, RELAY_AUDIO_SLACK, type RelayChunk } from './relay-protocol';

interface Hub {
  listen(token: string, handler: (chunk: RelayChunk) => void): () => void;
}

/** How far ahead of the context's clock the first chunk is scheduled (jitter between chunks). */
const LEAD_SECONDS = 0.15;

export function openWebAudioRelayStream(token: string, signal: AbortSignal, hub: Hub): { stream: MediaStream; firstChunk: Promise<void> } {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const rate = new RateLimit(RELAY_AUDIO_SLACK);
  let nextAt = 0;
  let arrived: () => void = () => undefined;
  const firstChunk = new Promise<void>((resolve) => (arrived = resolve));
  void context.resume().catch(() => undefined);

  const unlisten = hub.listen(token, (chunk) => {
    if (chunk.kind === 'ended') return void destination.stream.getTracks().forEach((t) => t.stop());
    if (chunk.kind !== 'audio' || !rate.admit(performance.now(), chunk.samples.length / chunk.sampleRate)) return;
    arrived();
    const buffer = context.createBuffer(1, chunk.samples.length, chunk.sampleRate);
    buffer.copyToChannel(chunk.samples as Float32Array<ArrayBuffer>, 0);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(destination);
    // late chunks (a stall) restart just ahead of the clock instead of piling up behind it
    const at = Math.max(nextAt, context.currentTime + (nextAt === 0 || nextAt < context.currentTime ? LEAD_SECONDS : 0));
    source.start(at);
    nextAt = at + buffer.duration;
  });
  signal.addEventListener(
    'abort',
    () => {
      unlisten();
      destination.stream.getTracks().forEach((t) => t.stop());
      void context.close().catch(() => undefined);
    },
    { once: true },
  );
  return { stream: destination.stream, firstChunk };
}
