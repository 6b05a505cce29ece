import { describe, expect, it } from 'vitest';
import { exportAllEntries } from '../../src/export/export-all';
import { parseMeetingCsv } from '../../src/export/csv';
import { meetingToJson } from '../../src/export/json';
import type { MeetingMarker } from '../../src/storage/marker';
import { meeting, sample, subject } from '../support/records';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const ALL = { face: true, voice: true, text: true, fused: true, markers: true };

const records = (id: string, startedAt: number, title: string, markers: MeetingMarker[] = []) => ({
  meeting: meeting(id, startedAt, { title, othersAnalysed: true }),
  subjects: [subject(id, { id: 'self', kind: 'self' }, startedAt), subject(id, { id: 'p1', kind: 'participant', label: 'Ana López' }, startedAt)],
  samples: [sample(id, startedAt + 1000, 'happy'), sample(id, startedAt + 1000, 'sad', { subjectId: 'p1' })],
  utterances: [],
  markers,
});

const MARKS: MeetingMarker[] = [
  { meetingId: 'm2', t: T0 + 5000, tMedia: 4.5, note: 'asked about "budget", then laughed' },
  { meetingId: 'm2', t: T0 + 2000, tMedia: 1.5, note: '' },
];

describe('markers in single exports', () => {
  it('JSON lists them in time order when included, and not at all when left out', () => {
    const r = records('m2', T0, 'Sync', MARKS);
    const doc = JSON.parse(meetingToJson(r.meeting, r.subjects, r.samples, ALL, [], r.markers));
    expect(doc.markers).toEqual([
      { t: T0 + 2000, tMedia: 1.5, note: '' },
      { t: T0 + 5000, tMedia: 4.5, note: 'asked about "budget", then laughed' },
    ]);
    expect(doc.include.markers).toBe(true);
    const without = JSON.parse(meetingToJson(r.meeting, r.subjects, r.samples, { ...ALL, markers: false }, [], r.markers));
    expect(without).not.toHaveProperty('markers');
  });
});

describe('exportAllEntries', () => {
  const meetings = [records('m2', T0, 'Sync', MARKS), records('m1', T0 - 86_400_000, 'Sync'), records('m3', T0, 'Sync')];

  it('one JSON and one CSV per meeting, oldest first, names unique', () => {
    const names = exportAllEntries(meetings, { include: ALL, pseudonyms: false }).map((e) => e.name);
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(3);
    expect(names[0]).toMatch(/^emotion-overlay_\d{4}-\d\d-\d\d_\d{4}_meet_sync\.json$/);
    expect(names.some((n) => /_sync-2\.(json|csv)$/.test(n))).toBe(true);
  });

  it('follows the export choices: streams, markers and pseudonyms', () => {
    const entries = exportAllEntries(meetings, { include: { ...ALL, face: false, markers: false }, pseudonyms: true });
    const json = entries.filter((e) => e.name.endsWith('.json')).map((e) => JSON.parse(e.data as string));
    for (const doc of json) {
      expect(doc).not.toHaveProperty('markers');
      expect(JSON.stringify(doc)).not.toContain('Ana López');
      for (const block of doc.subjects) for (const s of block.samples) expect(s.readings).not.toHaveProperty('face');
    }
    const csv = entries.filter((e) => e.name.endsWith('.csv')).map((e) => parseMeetingCsv(e.data as string));
    for (const file of csv) {
      expect(file.header).not.toContain('face_angry');
      expect(file.header).not.toContain('marker_note');
      expect(file.markers).toEqual([]);
    }
  });

  it('CSV carries the markers as rows that read back with their notes', () => {
    const entries = exportAllEntries([meetings[0]], { include: ALL, pseudonyms: false });
    const csv = parseMeetingCsv(entries.find((e) => e.name.endsWith('.csv'))!.data as string);
    expect(csv.samples).toHaveLength(2);
    expect(csv.markers).toEqual([
      { t: T0 + 2000, tMedia: 1.5, note: '' },
      { t: T0 + 5000, tMedia: 4.5, note: 'asked about "budget", then laughed' },
    ]);
  });
});
