/**
 * The relay: a hidden extension iframe on the call page. It takes ends of MessageChannels from
 * the isolated content script, each with an engine token (the user's own device when it is busy,
 * or one per other participant's track), and forwards what the page-world tap pumps into the
 * other ends to the engine on a BroadcastChannel, tagged with the token. The page can post to
 * this window too, but without a token the engine issued nothing it sends is accepted.
 */
import { RELAY_CHANNEL, relayPortSchema, type PumpChunk } from '@/src/relay/relay-protocol';

/** Open relays at once: the own camera and microphone, and two tracks for each of 16 people. */
const MAX_PORTS = 40;

const channel = new BroadcastChannel(RELAY_CHANNEL);
const ports = new Map<string, MessagePort>();

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
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
    channel.postMessage({ ...e.data, token });
    // the channel sent a copy: release this frame now rather than at garbage collection
    const bitmap = (e.data as { bitmap?: unknown }).bitmap;
    if (bitmap instanceof ImageBitmap) bitmap.close();
  };
});
