/**
 * The relay: a hidden extension iframe on the call page. It forwards the media chunks the page
 * world posts to it (only from its parent window) to the offscreen document on a BroadcastChannel.
 */
import { RELAY_CHANNEL } from '@/src/relay/relay-protocol';

const channel = new BroadcastChannel(RELAY_CHANNEL);
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  channel.postMessage(event.data);
  // the channel sent a copy: release this frame now rather than at garbage collection
  const bitmap = (event.data as { bitmap?: unknown } | null)?.bitmap;
  if (bitmap instanceof ImageBitmap) bitmap.close();
});
