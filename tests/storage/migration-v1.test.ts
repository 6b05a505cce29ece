/**
 * IndexedDB v1 -> v2 on a database that the v1 code wrote: the fixture was made by
 * src/storage/meetings.ts at commit 517a973 (see its `writtenBy`), through fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, DB_NAME, DB_VERSION, openDatabase } from '../../src/storage/db';
import { getMeeting, getSamples, getSubjects, listMeetings } from '../../src/storage/meetings';
import { summarizeSubject } from '../../src/export/summary';

const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/indexeddb-v1.json'), 'utf8'));

/** Writes the fixture as a version-1 database, with the v1 schema, using the raw IndexedDB API. */
function writeV1Database(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const meetings = db.createObjectStore('meetings', { keyPath: 'id' });
      meetings.createIndex('startedAt', 'startedAt');
      const samples = db.createObjectStore('samples', { keyPath: ['meetingId', 't'] });
      samples.createIndex('meetingId', 'meetingId');
      for (const m of fixture.meetings) meetings.put(m);
      for (const s of fixture.samples) samples.put(s);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('IndexedDB v1 -> v2 migration', () => {
  beforeAll(async () => {
    await closeDatabase();
    await new Promise((r) => (indexedDB.deleteDatabase(DB_NAME).onsuccess = r));
    await writeV1Database();
  });

  it('keeps every meeting and every sample', async () => {
    const db = await openDatabase();
    expect(db.version).toBe(DB_VERSION);
    expect((await listMeetings()).map((m) => m.id).sort()).toEqual(fixture.meetings.map((m: { id: string }) => m.id).sort());
    let total = 0;
    for (const old of fixture.meetings) {
      const migrated = (await getMeeting(old.id))!;
      const { subject, ...rest } = old;
      expect(migrated).toEqual({ ...rest, kind: 'call', othersAnalysed: subject === 'remote' });
      const samples = await getSamples(old.id);
      const before = fixture.samples.filter((s: { meetingId: string }) => s.meetingId === old.id);
      expect(samples).toHaveLength(before.length);
      total += samples.length;
      samples.forEach((s, i) => {
        const v1 = before[i];
        expect(s.t).toBe(v1.t);
        expect(s.subjectId).toBe(subject === 'remote' ? 'participants' : 'self');
        expect(s.readings.face).toEqual({ state: v1.faceState, probs: v1.face, quality: v1.faceScore });
        expect(s.readings.voice).toEqual({ state: v1.voiceState, probs: v1.voice, quality: v1.speech });
        expect(s.fused?.probs ?? null).toEqual(v1.fused);
        expect(s.fused?.dominant ?? null).toBe(v1.dominant);
        expect(s.tMedia).toBeCloseTo((v1.t - old.startedAt) / 1000, 9);
      });
      const [only] = await getSubjects(old.id);
      expect(only.sampleCount).toBe(old.sampleCount);
      expect(only.dominantSeconds).toEqual(old.dominantSeconds);
    }
    expect(total).toBe(fixture.samples.length);
  });

  it('gives the same summary as the v1 counters', async () => {
    const m = (await getMeeting('m-self'))!;
    const summary = summarizeSubject(m, await getSamples('m-self', 'self'));
    expect(summary.sampleCount).toBe(6);
    expect(summary.dominant).toBe('happy');
  });

  it('drops the v1 store layout', async () => {
    const db = await openDatabase();
    expect([...db.objectStoreNames].sort()).toEqual(['markers', 'meetings', 'samples', 'subjects', 'utterances']);
    expect(db.transaction('samples').store.keyPath).toEqual(['meetingId', 'subjectId', 't']);
  });
});
