/**
 * The fallback media channel, for when the extension may use a device but cannot open it now (the
 * camera admits one user at a time): the page-world tap reads the call's own tracks and sends
 * frames (ImageBitmap) and audio (Float32Array) to a hidden extension iframe, which forwards them
 * to the offscreen document on a BroadcastChannel (extension origin only).
 *
 * The page never sees the channel: the isolated content script gives the iframe one end of a
 * MessageChannel together with the engine's token (a message to the iframe's window, which the
 * page cannot observe), and the tap the other end (the tap's listener runs first and stops the
 * event, so later page listeners never see the port). Chunks carry no token; the iframe adds it.
 * The engine still checks every chunk: size, rate, shape.
 */
import { z } from 'zod';

export const RELAY_CHANNEL = 'emotion-overlay/relay';
export const RELAY_REQUEST_SOURCE = 'emotion-overlay/relay-request';
export const RELAY_PORT_SOURCE = 'emotion-overlay/relay-port';
export const RELAY_CAPTURE_SOURCE = 'emotion-overlay/relay-capture';
export const RELAY_FRAME_ATTRIBUTE = 'data-emotion-overlay-relay';

export type RelayKind = 'audio' | 'video';

/** Largest relayed frame accepted (a 1080p call); bigger ones are dropped, not scaled. */
export const MAX_RELAY_FRAME_PIXELS = 1920 * 1080;
/** Frames per second accepted beyond the requested rate (timer jitter), before frames are dropped. */
export const RELAY_FPS_SLACK = 2;
/** Audio seconds accepted per second of wall time (jitter), beyond which chunks are dropped. */
export const RELAY_AUDIO_SLACK = 1.5;

/** Isolated content script -> page world (with the channel's port): start pumping these kinds, or stop. */
export const relayRequestSchema = z.object({
  source: z.literal(RELAY_REQUEST_SOURCE),
  kinds: z.array(z.enum(['audio', 'video'])).min(1).max(2),
  fps: z.number().min(1).max(30),
  /** Another participant's track, by id (the tap's remote tracks) instead of the own device's kinds. */
  tracks: z.array(z.string().min(1).max(128)).min(1).max(1).optional(),
  stop: z.boolean().optional(),
});
export type RelayRequest = z.infer<typeof relayRequestSchema>;

/** Isolated content script -> relay iframe (with the other port): the token to tag chunks with. */
export const relayPortSchema = z.object({
  source: z.literal(RELAY_PORT_SOURCE),
  token: z.string().min(1).max(128),
  /** The stream is over: close its port (each relayed track has its own token and port). */
  close: z.boolean().optional(),
});
export type RelayPortMessage = z.infer<typeof relayPortSchema>;

/**
 * Isolated content script -> relay iframe: open the tab capture `streamId` (from the service
 * worker, on the user's opt-in) and relay its video and audio under `token`; or stop it. The
 * capture lives in this extension frame, not in the engine's document: a cross-origin isolated
 * document (the engine, for threaded WASM) cannot open a tab capture, and the page cannot reach
 * into the frame. The stream id is useless to anyone but this extension.
 */
export const relayCaptureSchema = z.object({
  source: z.literal(RELAY_CAPTURE_SOURCE),
  token: z.string().min(1).max(128),
  streamId: z.string().min(1).max(512).optional(),
  fps: z.number().min(1).max(30),
  stop: z.boolean().optional(),
});
export type RelayCaptureMessage = z.infer<typeof relayCaptureSchema>;

/** Frames per second asked of a captured tab (the engine's face loop reads at most this many). */
export const CAPTURE_FPS = 5;

/** What the tap posts on its port. */
export type PumpChunk =
  | { kind: 'video'; bitmap: ImageBitmap; t: number }
  | { kind: 'audio'; samples: Float32Array; sampleRate: number; t: number }
  | { kind: 'ended'; of: RelayKind };

/** What the iframe forwards on the BroadcastChannel. */
export type RelayChunk = PumpChunk & { token: string };

const isKind = (v: unknown): v is RelayKind => v === 'audio' || v === 'video';
const isBitmap = (v: unknown): v is ImageBitmap => typeof ImageBitmap !== 'undefined' && v instanceof ImageBitmap;

/** Checks a chunk from the channel: ours, for the current token, well formed, within the size cap. */
export function parseRelayChunk(data: unknown, token: string): RelayChunk | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.token !== token || typeof m.kind !== 'string') return null;
  if (m.kind === 'video' && isBitmap(m.bitmap) && typeof m.t === 'number' && frameSizeAccepted(m.bitmap.width, m.bitmap.height))
    return m as unknown as RelayChunk;
  if (
    m.kind === 'audio' &&
    m.samples instanceof Float32Array &&
    m.samples.length <= 48_000 &&
    typeof m.sampleRate === 'number' &&
    m.sampleRate >= 8000 &&
    m.sampleRate <= 192_000 &&
    typeof m.t === 'number'
  )
    return m as unknown as RelayChunk;
  if (m.kind === 'ended' && isKind(m.of)) return m as unknown as RelayChunk;
  return null;
}

export function frameSizeAccepted(width: number, height: number): boolean {
  return Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width * height <= MAX_RELAY_FRAME_PIXELS;
}

/**
 * Rate limit over a sliding second: `admit(now, amount)` is false once more than `perSecond`
 * (frames, or audio seconds) arrived in the last second. A flooding page is throttled, not obeyed.
 */
export class RateLimit {
  private events: { t: number; amount: number }[] = [];
  constructor(private readonly perSecond: number) {}

  admit(nowMs: number, amount = 1): boolean {
    while (this.events.length && nowMs - this.events[0].t >= 1000) this.events.shift();
    const used = this.events.reduce((sum, e) => sum + e.amount, 0);
    if (used + amount > this.perSecond) return false;
    this.events.push({ t: nowMs, amount });
    return true;
  }
}
