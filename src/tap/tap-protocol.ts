/**
 * The page-world tap tells the isolated content script which capture tracks the page holds. Only
 * device labels and kinds cross, never media. The page can forge these messages, so they are
 * hints: the content script acts on a track only once it confirmed it (confirm-tracks.ts).
 */
import { z } from 'zod';
import { remoteTrackListSchema, trackListSchema, type TrackInfo } from '../core/schemas';

export const TAP_SOURCE = 'emotion-overlay/media-tap';

export const tapMessageSchema = z.object({
  source: z.literal(TAP_SOURCE),
  /** Which frame's tap (a page may capture in a same-origin iframe): reports merge per frame. */
  frame: z.string().min(1).max(64),
  /** Every capture track the frame has live right now; empty when it stopped them all. */
  tracks: trackListSchema,
  /** The other participants' tracks this frame receives. */
  remote: remoteTrackListSchema.default([]),
});
export type TapMessage = z.infer<typeof tapMessageSchema>;

export function parseTapMessage(data: unknown): TapMessage | null {
  const parsed = tapMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

export type { TrackInfo };
