import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, openDatabase } from '../../src/storage/db';
import {
  appendSamples,
  getSubjects,
  applyRetention,
  closeDanglingMeetings,
  createMeeting,
  deleteAllMeetings,
  deleteMeeting,
  endMeeting,
  getMeeting,
  getSamples,
  listMeetings,
} from '../../src/storage/meetings';
import { MAX_SAMPLE_SECONDS } from '../../src/storage/sample-duration';
import { meeting, sample } from '../support/records';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const DAY = 86_400_000;

describe('meetings storage', () => {
  beforeEach(() => deleteAllMeetings());

  it('creates the database with its stores and indexes', async () => {
    const db = await openDatabase();
    expect(db.name).toBe(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['markers', 'meetings', 'samples', 'subjects', 'utterances']);
    const tx = db.transaction(['meetings', 'samples', 'subjects', 'markers']);
    expect(tx.objectStore('markers').keyPath).toEqual(['meetingId', 't']);
    expect([...tx.objectStore('meetings').indexNames]).toEqual(['startedAt']);
    expect([...tx.objectStore('samples').indexNames]).toEqual(['meetingId']);
    expect(tx.objectStore('samples').keyPath).toEqual(['meetingId', 'subjectId', 't']);
    expect(tx.objectStore('subjects').keyPath).toEqual(['meetingId', 'id']);
  });

  it('creates a meeting once and reads it back', async () => {
    await createMeeting(meeting('a', T0));
    const again = await createMeeting(meeting('a', T0 + 5, { title: 'other' }));
    expect(again.title).toBe('Meeting a');
    expect(await getMeeting('a')).toEqual(meeting('a', T0));
    expect(await getMeeting('missing')).toBeNull();
  });

  it('appends samples and keeps the meeting record consistent', async () => {
    await createMeeting(meeting('a', T0));
    await appendSamples([sample('a', T0 + 1000, 'happy')]);
    await appendSamples([sample('a', T0 + 2000, 'happy')]);
    await appendSamples([sample('a', T0 + 3000, 'sad')]);
    await appendSamples([sample('a', T0 + 4000, null)]);
    const m = (await getMeeting('a'))!;
    expect(m.sampleCount).toBe(4);
    expect(m.lastSampleAt).toBe(T0 + 4000);
    expect(m.dominantSeconds).toEqual([0, 0, 0, 2, 1, 0, 0]);
  });

  it('does not credit a long pause to the next sample', async () => {
    await createMeeting(meeting('a', T0));
    await appendSamples([sample('a', T0 + 1000, 'happy')]);
    await appendSamples([sample('a', T0 + 600_000, 'angry')]);
    expect((await getMeeting('a'))!.dominantSeconds[0]).toBe(MAX_SAMPLE_SECONDS);
  });

  it('does not count a re-sent sample twice', async () => {
    await createMeeting(meeting('a', T0));
    await appendSamples([sample('a', T0 + 1000, 'happy')]);
    await appendSamples([sample('a', T0 + 1000, 'happy')]);
    const m = (await getMeeting('a'))!;
    expect(m.sampleCount).toBe(1);
    expect(m.dominantSeconds[3]).toBe(1);
    expect(await getSamples('a')).toHaveLength(1);
  });

  it('counts every sample of concurrent appends', async () => {
    await createMeeting(meeting('a', T0));
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendSamples([sample('a', T0 + (i + 1) * 1000, 'happy')])));
    const m = (await getMeeting('a'))!;
    expect(m.sampleCount).toBe(20);
    expect(m.lastSampleAt).toBe(T0 + 20_000);
    expect(m.dominantSeconds[3]).toBe(20);
  });

  it('rejects a sample for an unknown meeting and stores nothing', async () => {
    await expect(appendSamples([sample('ghost', T0, 'happy')])).rejects.toThrow(/no meeting/);
    expect(await getSamples('ghost')).toEqual([]);
  });

  it('returns samples in time order and only those of the meeting', async () => {
    await createMeeting(meeting('a', T0));
    await createMeeting(meeting('b', T0));
    for (const t of [3000, 1000, 2000]) await appendSamples([sample('a', T0 + t, 'happy')]);
    await appendSamples([sample('b', T0 + 1500, 'sad')]);
    expect((await getSamples('a')).map((s) => s.t - T0)).toEqual([1000, 2000, 3000]);
    expect((await getSamples('b')).map((s) => s.fused?.dominant)).toEqual(['sad']);
  });

  it('lists meetings newest first', async () => {
    await createMeeting(meeting('old', T0 - DAY));
    await createMeeting(meeting('new', T0));
    await createMeeting(meeting('mid', T0 - 1000));
    expect((await listMeetings()).map((m) => m.id)).toEqual(['new', 'mid', 'old']);
  });

  it('ends a meeting once', async () => {
    await createMeeting(meeting('a', T0));
    expect((await endMeeting('a', T0 + 5000))!.endedAt).toBe(T0 + 5000);
    await endMeeting('a', T0 + 9000);
    expect((await getMeeting('a'))!.endedAt).toBe(T0 + 5000);
    expect(await endMeeting('missing', T0)).toBeNull();
  });

  it('deletes a meeting with its samples and leaves the others', async () => {
    await createMeeting(meeting('a', T0));
    await createMeeting(meeting('b', T0));
    await appendSamples([sample('a', T0 + 1000, 'happy')]);
    await appendSamples([sample('b', T0 + 1000, 'happy')]);
    await deleteMeeting('a');
    expect(await getMeeting('a')).toBeNull();
    expect(await getSamples('a')).toEqual([]);
    expect(await getSamples('b')).toHaveLength(1);
    await deleteAllMeetings();
    expect(await listMeetings()).toEqual([]);
    expect(await getSamples('b')).toEqual([]);
  });

  it('applies retention by end time, and 0 keeps everything', async () => {
    const now = T0 + 40 * DAY;
    await createMeeting(meeting('ancient', T0, { endedAt: T0 + 3600_000 }));
    await createMeeting(meeting('recent', now - DAY, { endedAt: now - DAY + 60_000 }));
    // Started long ago but sampled until recently (a long-running, never-ended meeting).
    await createMeeting(meeting('long', T0, { lastSampleAt: now - 1000 }));
    await appendSamples([sample('ancient', T0 + 1000, 'happy')]);
    expect(await applyRetention(0, now)).toBe(0);
    expect(await applyRetention(30, now)).toBe(1);
    expect((await listMeetings()).map((m) => m.id).sort()).toEqual(['long', 'recent']);
    expect(await getSamples('ancient')).toEqual([]);
  });

  it('keeps one record per subject with its own counters, in one meeting', async () => {
    await createMeeting(meeting('a', T0));
    const ana = { id: 'p1', kind: 'participant' as const, label: 'Ana' };
    await appendSamples([sample('a', T0 + 1000, 'happy'), sample('a', T0 + 1000, 'sad', { subjectId: 'p1' })], [{ id: 'self', kind: 'self' }, ana]);
    await appendSamples([sample('a', T0 + 2000, 'happy'), sample('a', T0 + 2000, 'sad', { subjectId: 'p1' })], [{ id: 'self', kind: 'self' }, ana]);
    const m = (await getMeeting('a'))!;
    expect(m.sampleCount).toBe(4);
    expect(m.dominantSeconds[3]).toBe(2);
    expect(m.dominantSeconds[4]).toBe(2);
    const subjects = await getSubjects('a');
    expect(subjects.map((s) => [s.id, s.kind, s.label, s.sampleCount])).toEqual([
      ['self', 'self', undefined, 2],
      ['p1', 'participant', 'Ana', 2],
    ]);
    expect(subjects[1].dominantSeconds[4]).toBe(2);
    expect((await getSamples('a', 'p1')).map((s) => s.subjectId)).toEqual(['p1', 'p1']);
    expect(await getSamples('a')).toHaveLength(4);
    await deleteMeeting('a');
    expect(await getSubjects('a')).toEqual([]);
  });

  it('closes meetings left open by a crash at their last sample', async () => {
    await createMeeting(meeting('crashed', T0));
    await appendSamples([sample('crashed', T0 + 1000, 'happy')]);
    await appendSamples([sample('crashed', T0 + 2000, 'happy')]);
    await createMeeting(meeting('live', T0 + 100_000, { lastSampleAt: T0 + 119_000 }));
    await createMeeting(meeting('ended', T0, { endedAt: T0 + 500 }));
    expect(await closeDanglingMeetings(T0 + 120_000, 60_000)).toBe(1);
    expect((await getMeeting('crashed'))!.endedAt).toBe(T0 + 2000);
    expect((await getMeeting('live'))!.endedAt).toBeNull();
    expect((await getMeeting('ended'))!.endedAt).toBe(T0 + 500);
  });

  it('after a browser start closes every open meeting at once, but never the one a live engine writes', async () => {
    await createMeeting(meeting('killed', T0, { lastSampleAt: T0 + 5000 }));
    await createMeeting(meeting('live', T0, { lastSampleAt: T0 + 5000 }));
    expect(await closeDanglingMeetings(T0 + 5001, 0, 'live')).toBe(1);
    expect((await getMeeting('killed'))!.endedAt).toBe(T0 + 5000);
    expect((await getMeeting('live'))!.endedAt).toBeNull();
  });

  it('"delete all" deletes the database itself, not only its records', async () => {
    await createMeeting(meeting('a', T0, { title: 'secret title' }));
    await deleteAllMeetings();
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(DB_NAME);
    expect(await listMeetings()).toEqual([]);
  });
});
