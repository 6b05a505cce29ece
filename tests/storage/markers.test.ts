import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addMarker,
  applyRetention,
  createMeeting,
  deleteMarker,
  deleteMeeting,
  deleteAllMeetings,
  getMarkers,
  getMeeting,
  listMeetings,
  renameMeeting,
  updateMarkerNote,
} from '../../src/storage/meetings';
import { MARKER_NOTE_MAX } from '../../src/storage/marker';
import { meeting } from '../support/records';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const DAY = 86_400_000;

describe('markers and names of meetings', () => {
  beforeEach(() => deleteAllMeetings());

  it('keeps a meeting’s markers in time order, with their media time and a clean note', async () => {
    await createMeeting(meeting('m', T0));
    await addMarker('m', T0 + 9000, 8.75, '  second\nline  ');
    await addMarker('m', T0 + 4000, 3.5);
    await addMarker('m', T0 + 12_000, Number.NaN, 'x'.repeat(500));
    const markers = await getMarkers('m');
    expect(markers.map((m) => m.t)).toEqual([T0 + 4000, T0 + 9000, T0 + 12_000]);
    expect(markers[0]).toEqual({ meetingId: 'm', t: T0 + 4000, tMedia: 3.5, note: '' });
    expect(markers[1].note).toBe('second line');
    // no media time: the seconds since the start
    expect(markers[2].tMedia).toBe(12);
    expect(markers[2].note).toHaveLength(MARKER_NOTE_MAX);
  });

  it('refuses a marker on an unknown meeting and writes nothing', async () => {
    await expect(addMarker('nope', T0, 0, 'x')).rejects.toThrow(/no meeting nope/);
    expect(await getMarkers('nope')).toEqual([]);
  });

  it('edits and deletes one marker; deleting the meeting deletes its markers only', async () => {
    await createMeeting(meeting('m', T0));
    await createMeeting(meeting('other', T0 + 1));
    await addMarker('m', T0 + 1000, 1, 'a');
    await addMarker('m', T0 + 2000, 2, 'b');
    await addMarker('other', T0 + 3000, 3, 'c');
    await updateMarkerNote('m', T0 + 1000, 'edited');
    await deleteMarker('m', T0 + 2000);
    expect((await getMarkers('m')).map((m) => m.note)).toEqual(['edited']);
    await deleteMeeting('m');
    expect(await getMarkers('m')).toEqual([]);
    expect((await getMarkers('other')).map((m) => m.note)).toEqual(['c']);
  });

  it('retention deletes old meetings’ markers with them', async () => {
    await createMeeting(meeting('old', T0 - 40 * DAY, { endedAt: T0 - 40 * DAY + 1000 }));
    await createMeeting(meeting('new', T0, { endedAt: T0 + 1000 }));
    await addMarker('old', T0 - 40 * DAY + 500, 0.5, 'old');
    await addMarker('new', T0 + 500, 0.5, 'new');
    expect(await applyRetention(30, T0 + DAY)).toBe(1);
    expect(await getMarkers('old')).toEqual([]);
    expect((await getMarkers('new')).map((m) => m.note)).toEqual(['new']);
  });

  it('renames a meeting (trimmed, one line); an empty name falls back to the site label; unknown ids give null', async () => {
    await createMeeting(meeting('m', T0, { title: 'meet.google.com' }));
    expect((await renameMeeting('m', '  Weekly\tsync  '))?.title).toBe('Weekly sync');
    expect((await getMeeting('m'))?.title).toBe('Weekly sync');
    expect((await listMeetings())[0].title).toBe('Weekly sync');
    expect((await renameMeeting('m', '   '))?.title).toBe('');
    expect(await renameMeeting('nope', 'x')).toBeNull();
  });
});
