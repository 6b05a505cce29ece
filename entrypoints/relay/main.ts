/**
 * The relay: a hidden extension iframe on the call page. It takes one end of a MessageChannel
 * from the isolated content script, with the engine's token, and forwards what the page-world tap
 * pumps into the other end to the offscreen document on a BroadcastChannel, tagged with the token.
 * The page can post to this window too, but without the token nothing it sends is accepted.
 */
import { RELAY_CHANNEL, relayPortSchema, type PumpChunk } from '@/src/relay/relay-protocol';

const channel = new BroadcastChannel(RELAY_CHANNEL);
let current: MessagePort | null = null;

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const parsed = relayPortSchema.safeParse(event.data);
  const port = event.ports[0];
  if (!parsed.success || !port) return;
  current?.close();
  current = port;
  const { token } = parsed.data;
  port.onmessage = (e: MessageEvent<PumpChunk>) => {
    if (port !== current || typeof e.data !== 'object' || e.data === null) return;
    channel.postMessage({ ...e.data, token });
    // the channel sent a copy: release this frame now rather than at garbage collection
    const bitmap = (e.data as { bitmap?: unknown }).bitmap;
    if (bitmap instanceof ImageBitmap) bitmap.close();
  };
});
