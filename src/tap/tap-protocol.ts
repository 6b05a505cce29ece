import type { TrackInfo } from '../messaging/protocol';

/**
 * The page-world tap tells the isolated content script which capture tracks the page holds.
 * Only device labels and kinds cross: never media. The page can forge these messages, which at
 * worst makes the extension open the same devices the page could open itself.
 */
export const TAP_SOURCE = 'emotion-overlay/media-tap';

export interface TapMessage {
  source: typeof TAP_SOURCE;
  /** Every capture track the page has live right now; empty when it stopped them all. */
  tracks: TrackInfo[];
}

export function parseTapMessage(data: unknown): TapMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== TAP_SOURCE || !Array.isArray(m.tracks) || m.tracks.length > 16) return null;
  const tracks: TrackInfo[] = [];
  for (const t of m.tracks) {
    if (typeof t !== 'object' || t === null) return null;
    const { kind, label } = t as Record<string, unknown>;
    if ((kind !== 'audio' && kind !== 'video') || typeof label !== 'string' || label.length > 512) return null;
    tracks.push({ kind, label });
  }
  return { source: TAP_SOURCE, tracks };
}
