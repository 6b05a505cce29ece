/**
 * The engine's one listener on the relay's BroadcastChannel: each relayed stream (the own device
 * when it is busy, every other participant's track) has its own token, and the hub hands each
 * chunk to the stream holding its token. One channel for all: a BroadcastChannel receiver
 * deserialises every message, so a channel per stream would copy every frame once per stream.
 */
import { parseRelayChunk, parseRelayPixels, RELAY_CHANNEL, type RelayChunk } from '../../relay/relay-protocol';

type Handler = (chunk: RelayChunk) => void;

export class RelayHub {
  private readonly channel = new BroadcastChannel(RELAY_CHANNEL);
  private readonly handlers = new Map<string, Handler>();

  constructor() {
    this.channel.onmessage = (event: MessageEvent) => {
      const token = (event.data as { token?: unknown } | null)?.token;
      const handler = typeof token === 'string' ? this.handlers.get(token) : undefined;
      const chunk = handler ? parseRelayChunk(event.data, token as string) : null;
      // Firefox: frames arrive as pixels (relay-protocol.ts, parseRelayPixels)
      const fromPixels = handler && !chunk ? parseRelayPixels(event.data, token as string) : null;
      if (fromPixels) {
        void fromPixels.then((c) => {
          if (this.handlers.get(token as string) === handler) handler!(c);
          else if (c.kind === 'video') c.bitmap.close();
        }, () => undefined);
        return;
      }
      if (!chunk) {
        const stray = (event.data as { bitmap?: unknown } | null)?.bitmap;
        if (stray instanceof ImageBitmap) stray.close();
        return;
      }
      handler!(chunk);
    };
  }

  /** Chunks tagged `token` go to `handler` until the returned function is called. */
  listen(token: string, handler: Handler): () => void {
    this.handlers.set(token, handler);
    return () => {
      if (this.handlers.get(token) === handler) this.handlers.delete(token);
    };
  }

  close(): void {
    this.handlers.clear();
    this.channel.close();
  }
}
