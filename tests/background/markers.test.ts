/**
 * Markers from the badge or the popup land on the meeting live in that tab, at the engine's media
 * time; any other tab, an ended meeting or no call at all is refused and writes nothing.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { liveReadings, setActiveCall } from '../../src/background/call-registry';
import { markLiveMeeting } from '../../src/background/markers';
import { createMeeting, deleteAllMeetings, endMeeting, getMarkers } from '../../src/storage/meetings';
import type { SessionReading } from '../../src/core/types';
import { meeting } from '../support/records';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const TAB = 7;

const reading = (t: number, tMedia: number): SessionReading => ({
  sessionId: 's1',
  meetingId: 'm',
  t,
  paused: false,
  unsaved: 0,
  subjects: [{ subject: { id: 'self', kind: 'self' }, readings: { face: { modality: 'face', state: 'ok', probs: null, quality: 1, tMedia } }, fused: null } as never],
});

describe('markLiveMeeting', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    liveReadings.delete(TAB);
    await deleteAllMeetings();
    await createMeeting(meeting('m', T0));
  });

  it('marks the live meeting of the tab at the engine’s media time, moved on to now', async () => {
    await setActiveCall({ tabId: TAB, meetingId: 'm', sessionId: 's1', paused: false, othersAnalysed: false });
    liveReadings.set(TAB, reading(T0 + 10_000, 9.5));
    const result = await markLiveMeeting(TAB, ' laugh ', T0 + 10_500);
    expect(result).toEqual({ ok: true, t: T0 + 10_500, tMedia: 10 });
    expect(await getMarkers('m')).toEqual([{ meetingId: 'm', t: T0 + 10_500, tMedia: 10, note: 'laugh' }]);
  });

  it('without a reading yet: seconds since the meeting started', async () => {
    await setActiveCall({ tabId: TAB, meetingId: 'm', sessionId: 's1', paused: false, othersAnalysed: false });
    expect(await markLiveMeeting(TAB, '', T0 + 4000)).toEqual({ ok: true, t: T0 + 4000, tMedia: 4 });
  });

  it('refuses another tab, no call, and an ended meeting, writing nothing', async () => {
    expect(await markLiveMeeting(TAB, 'x', T0 + 1000)).toEqual({ ok: false, error: 'no-live-meeting' });
    await setActiveCall({ tabId: TAB + 1, meetingId: 'm', sessionId: 's1', paused: false, othersAnalysed: false });
    expect(await markLiveMeeting(TAB, 'x', T0 + 1000)).toEqual({ ok: false, error: 'no-live-meeting' });
    await setActiveCall({ tabId: TAB, meetingId: 'm', sessionId: 's1', paused: false, othersAnalysed: false });
    await endMeeting('m', T0 + 2000);
    expect(await markLiveMeeting(TAB, 'x', T0 + 3000)).toEqual({ ok: false, error: 'no-live-meeting' });
    expect(await getMarkers('m')).toEqual([]);
  });
});
