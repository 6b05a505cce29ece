import { addMarker, getMeeting } from '../storage/meetings';
import { getActiveCall, liveReadings } from './call-registry';

export type AddMarkerResult = { ok: true; t: number; tMedia: number } | { ok: false; error: string };

/**
 * Puts a marker on the meeting live in `tabId`, now. Its media time is the live reading's (the
 * engine's clock, moved on by the time since that reading), else the seconds since the start.
 * Refused when that tab has no live meeting: a marker belongs to a running call.
 */
export async function markLiveMeeting(tabId: number, note: string, nowMs = Date.now()): Promise<AddMarkerResult> {
  const active = await getActiveCall();
  if (!active || active.tabId !== tabId) return { ok: false, error: 'no-live-meeting' };
  const meeting = await getMeeting(active.meetingId);
  if (!meeting || meeting.endedAt !== null) return { ok: false, error: 'no-live-meeting' };
  const reading = liveReadings.get(tabId);
  const readingMedia = reading?.subjects
    .flatMap((s) => Object.values(s.readings))
    .map((r) => r?.tMedia)
    .find((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const tMedia = reading && readingMedia !== undefined ? readingMedia + Math.max(0, nowMs - reading.t) / 1000 : (nowMs - meeting.startedAt) / 1000;
  const marker = await addMarker(meeting.id, nowMs, tMedia, note);
  return { ok: true, t: marker.t, tMedia: marker.tMedia };
}
