/**
 * IndexedDB v2 -> v3 on a database with the v2 layout (meetings, subjects, samples, utterances),
 * written with the raw IndexedDB API as v2 had it: every record survives, and the new markers
 * store works.
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, DB_NAME, DB_VERSION, openDatabase } from '../../src/storage/db';
import { addMarker, getMarkers, getMeeting, getSamples, getSubjects, getUtterances, listMeetings } from '../../src/storage/meetings';
import { meeting, sample, subject } from '../support/records';

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0);
const MEETINGS = [meeting('a', T0, { endedAt: T0 + 3000, sampleCount: 3 }), meeting('b', T0 + 86_400_000, { title: 'Standup', othersAnalysed: true })];
const SUBJECTS = [subject('a', { id: 'self', kind: 'self' }, T0), subject('b', { id: 'self', kind: 'self' }, T0 + 86_400_000), subject('b', { id: 'p1', kind: 'participant', label: 'Ana' }, T0 + 86_400_000)];
const SAMPLES = [
  sample('a', T0 + 1000, 'happy'),
  sample('a', T0 + 2000, 'sad'),
  sample('a', T0 + 3000, null),
  sample('b', T0 + 86_401_000, 'neutral', { subjectId: 'p1' }),
];
const UTTERANCES = [{ meetingId: 'b', subjectId: 'p1', t: T0 + 86_401_000, text: 'hola' }];

function writeV2Database(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      const meetings = db.createObjectStore('meetings', { keyPath: 'id' });
      meetings.createIndex('startedAt', 'startedAt');
      const subjects = db.createObjectStore('subjects', { keyPath: ['meetingId', 'id'] });
      subjects.createIndex('meetingId', 'meetingId');
      const samples = db.createObjectStore('samples', { keyPath: ['meetingId', 'subjectId', 't'] });
      samples.createIndex('meetingId', 'meetingId');
      const utterances = db.createObjectStore('utterances', { keyPath: ['meetingId', 'subjectId', 't'] });
      for (const m of MEETINGS) meetings.put(m);
      for (const s of SUBJECTS) subjects.put(s);
      for (const s of SAMPLES) samples.put(s);
      for (const u of UTTERANCES) utterances.put(u);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('IndexedDB v2 -> v3 migration (markers)', () => {
  beforeAll(async () => {
    await closeDatabase();
    await new Promise((r) => (indexedDB.deleteDatabase(DB_NAME).onsuccess = r));
    await writeV2Database();
  });

  it('keeps every meeting, subject, sample and caption as it was', async () => {
    const db = await openDatabase();
    expect(DB_VERSION).toBe(3);
    expect(db.version).toBe(3);
    expect(await listMeetings()).toEqual([...MEETINGS].reverse());
    for (const m of MEETINGS) {
      expect(await getMeeting(m.id)).toEqual(m);
      expect(await getSubjects(m.id)).toEqual(SUBJECTS.filter((s) => s.meetingId === m.id));
      expect(await getSamples(m.id)).toEqual(SAMPLES.filter((s) => s.meetingId === m.id));
    }
    expect(await getUtterances('b')).toEqual(UTTERANCES);
  });

  it('adds an empty markers store that takes markers', async () => {
    const db = await openDatabase();
    expect([...db.objectStoreNames].sort()).toEqual(['markers', 'meetings', 'samples', 'subjects', 'utterances']);
    expect(await getMarkers('a')).toEqual([]);
    await addMarker('a', T0 + 1500, 1.5, 'first point');
    expect(await getMarkers('a')).toEqual([{ meetingId: 'a', t: T0 + 1500, tMedia: 1.5, note: 'first point' }]);
  });
});
