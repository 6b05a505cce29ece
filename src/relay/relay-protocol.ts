/**
 * The fallback media channel, for when the offscreen document cannot open a device itself (the
 * extension's permission is blocked, or the camera admits one user at a time): the page-world tap
 * reads the call's own tracks and sends frames (ImageBitmap) and audio (Float32Array) to a hidden
 * extension iframe, which forwards them to the offscreen document on a BroadcastChannel. Measured
 * here: about 2 ms to post a 640x480 frame, no JSON and no service worker on the way.
 */
export const RELAY_CHANNEL = 'emotion-overlay/relay';
export const RELAY_REQUEST_SOURCE = 'emotion-overlay/relay-request';
export const RELAY_FRAME_ATTRIBUTE = 'data-emotion-overlay-relay';

export type RelayKind = 'audio' | 'video';

/** Isolated content script -> page world: start pumping these kinds, or stop them (`stop`). */
export interface RelayRequest {
  source: typeof RELAY_REQUEST_SOURCE;
  kinds: RelayKind[];
  /** Chosen by the engine; every chunk carries it, so chunks of an older request are ignored. */
  token: string;
  fps: number;
  stop?: boolean;
}

export type RelayChunk =
  | { token: string; kind: 'video'; bitmap: ImageBitmap; t: number }
  | { token: string; kind: 'audio'; samples: Float32Array; sampleRate: number; t: number }
  | { token: string; kind: 'ended'; of: RelayKind };

const isKind = (v: unknown): v is RelayKind => v === 'audio' || v === 'video';
const isBitmap = (v: unknown): v is ImageBitmap => typeof ImageBitmap !== 'undefined' && v instanceof ImageBitmap;

export function parseRelayRequest(data: unknown): RelayRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== RELAY_REQUEST_SOURCE || typeof m.token !== 'string' || !Array.isArray(m.kinds)) return null;
  if (!m.kinds.every(isKind) || typeof m.fps !== 'number' || !(m.fps > 0 && m.fps <= 30)) return null;
  return { source: RELAY_REQUEST_SOURCE, kinds: m.kinds, token: m.token, fps: m.fps, stop: m.stop === true };
}

/** Checks a chunk from the channel: ours, for the current token, well formed. */
export function parseRelayChunk(data: unknown, token: string): RelayChunk | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.token !== token || typeof m.kind !== 'string') return null;
  if (m.kind === 'video' && isBitmap(m.bitmap) && typeof m.t === 'number') return m as unknown as RelayChunk;
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
