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
import { RELAY_CHANNEL, relayCaptureSchema, relayPortSchema, type PumpChunk, type RelayPixels } from '@/src/relay/relay-protocol';
import { startMediaPump } from '@/src/tap/media-pump';

/** Open relays at once: the own camera and microphone, and two tracks for each of 16 people. */
const MAX_PORTS = 40;

/**
 * Firefox's BroadcastChannel cannot carry an ImageBitmap from this frame to the engine frame (the
 * engine gets a 'messageerror' per frame, measured in ESR 153): frames go as pixels there. By the
 * user agent, since no feature says so (and this frame, hosted in a web page, is not even given
 * Firefox's runtime.getBrowserInfo: measured).
 */
const SEND_PIXELS = /\bFirefox\//.test(navigator.userAgent);

const channel = new BroadcastChannel(RELAY_CHANNEL);
const ports = new Map<string, MessagePort>();
const captures = new Map<string, AbortController>();
let canvas: OffscreenCanvasRenderingContext2D | null = null;

/**
 * A pixel frame is copied at 4 bytes a pixel (a bitmap is transferred): larger frames are scaled
 * down to this many pixels (720p), where a face a quarter of the frame high still fills the
 * classifier's 192 px crop (PIXELS_PER_FACE).
 */
const MAX_PIXEL_FRAME = 1280 * 720;

function pixelsOf(bitmap: ImageBitmap, t: number, token: string): RelayPixels {
  canvas ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
  const scale = Math.min(1, Math.sqrt(MAX_PIXEL_FRAME / (bitmap.width * bitmap.height)));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  if (canvas.canvas.width !== width || canvas.canvas.height !== height) {
    canvas.canvas.width = width;
    canvas.canvas.height = height;
  }
  canvas.drawImage(bitmap, 0, 0, width, height);
  return { kind: 'video-pixels', width, height, pixels: canvas.getImageData(0, 0, width, height).data, t, token };
}

/**
 * Sends a chunk to the engine (a video frame as pixels in Firefox) and releases this frame's copy of
 * a bitmap now rather than at garbage collection.
 */
function forward(chunk: PumpChunk, token: string) {
  const bitmap = (chunk as { bitmap?: unknown }).bitmap;
  const isBitmap = bitmap instanceof ImageBitmap;
  if (SEND_PIXELS && isBitmap && chunk.kind === 'video') {
    if (bitmap.width > 0 && bitmap.height > 0) channel.postMessage(pixelsOf(bitmap, chunk.t, token));
  } else channel.postMessage({ ...chunk, token });
  if (isBitmap) bitmap.close();
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
