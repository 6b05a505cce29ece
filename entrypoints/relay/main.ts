/**
 * The relay: a hidden extension iframe on the call page. It takes ends of MessageChannels from
 * the isolated content script, each with an engine token (the user's own device when it is busy,
 * or one per other participant's track), and forwards what the page-world tap pumps into the
 * other ends to the engine on a BroadcastChannel, tagged with the token. The page can post to
 * this window too, but without a token the engine issued nothing it sends is accepted.
 *
 * It also holds the tab capture of the participants' fallback (src/relay/relay-protocol.ts,
 * relayCaptureSchema) and pumps it the same way.
 */
import { RELAY_CHANNEL, relayCaptureSchema, relayPortSchema, type PumpChunk } from '@/src/relay/relay-protocol';
import { startMediaPump } from '@/src/tap/media-pump';

/** Open relays at once: the own camera and microphone, and two tracks for each of 16 people. */
const MAX_PORTS = 40;

const channel = new BroadcastChannel(RELAY_CHANNEL);
const ports = new Map<string, MessagePort>();
const captures = new Map<string, AbortController>();

/** Sends a chunk to the engine and releases this frame's copy of a bitmap now rather than at garbage collection. */
function forward(chunk: PumpChunk, token: string) {
  channel.postMessage({ ...chunk, token });
  const bitmap = (chunk as { bitmap?: unknown }).bitmap;
  if (bitmap instanceof ImageBitmap) bitmap.close();
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const capture = relayCaptureSchema.safeParse(event.data);
  if (capture.success) return void handleCapture(capture.data);
  const parsed = relayPortSchema.safeParse(event.data);
  if (!parsed.success) return;
  const { token, close } = parsed.data;
  ports.get(token)?.close();
  ports.delete(token);
  const port = event.ports[0];
  if (close || !port) return;
  if (ports.size >= MAX_PORTS) {
    const [oldest, stale] = ports.entries().next().value!;
    stale.close();
    ports.delete(oldest);
  }
  ports.set(token, port);
  port.onmessage = (e: MessageEvent<PumpChunk>) => {
    if (ports.get(token) !== port || typeof e.data !== 'object' || e.data === null) return;
    forward(e.data, token);
  };
});

async function handleCapture({ token, streamId, fps, stop }: { token: string; streamId?: string; fps: number; stop?: boolean }) {
  captures.get(token)?.abort();
  captures.delete(token);
  if (stop || !streamId) return;
  // one capture at a time: a new one replaces any other
  for (const [, other] of captures) other.abort();
  captures.clear();
  const abort = new AbortController();
  captures.set(token, abort);
  const source = { chromeMediaSource: 'tab', chromeMediaSourceId: streamId };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { mandatory: source },
      video: { mandatory: { ...source, maxFrameRate: Math.max(fps, 1) } },
    } as unknown as MediaStreamConstraints);
  } catch (error) {
    // the engine hears of it as silence from this token and says so; the reason goes to the console
    console.warn('emotion-overlay: the tab capture could not start', error);
    captures.delete(token);
    return;
  }
  if (abort.signal.aborted) return stream.getTracks().forEach((t) => t.stop());
  abort.signal.addEventListener('abort', () => stream.getTracks().forEach((t) => t.stop()), { once: true });
  for (const track of stream.getTracks()) startMediaPump(track, fps, (chunk) => forward(chunk, token), abort.signal);
}
