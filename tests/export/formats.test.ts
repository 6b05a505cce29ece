import { describe, expect, it } from 'vitest';
import { csvHeader, escapeCsvField, meetingToCsv, parseCsv, parseMeetingCsv } from '../../src/export/csv';
import { exportFilename } from '../../src/export/filename';
import { meetingToJson } from '../../src/export/json';
import { pseudonymise } from '../../src/export/pseudonyms';
import type { Sample } from '../../src/core/types';
import { peaked } from '../support/readings';
import { meeting, sample, subject } from '../support/records';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const ALL = { face: true, voice: true, text: true, fused: true, markers: true };
const NONE = { face: false, voice: false, text: false, fused: false, markers: false };

const M = meeting('m1', T0, { title: 'Weekly, "sync"', endedAt: T0 + 4000, othersAnalysed: true });
const SUBJECTS = [
  subject('m1', { id: 'self', kind: 'self' }, T0),
  subject('m1', { id: 'p1', kind: 'participant', label: 'Ana, "the tutor"' }, T0 + 1500),
];
const SAMPLES: Sample[] = [
  sample('m1', T0 + 1000, 'happy', {
    face: peaked('happy', 0.71234567),
    voice: peaked('neutral', 0.5),
    fused: peaked('happy', 0.61),
    confidence: 0.55555555,
    valence: -0.123456789,
    arousal: 0.5,
    voiceState: 'ok',
    speech: 0.8,
    tMedia: 1.25,
  }),
  sample('m1', T0 + 2000, null, { faceState: 'no-face', face: null, fused: null, tMedia: 2.25 }),
  sample('m1', T0 + 2000, 'sad', { subjectId: 'p1', text: peaked('sad', 0.6), tMedia: 0.5 }),
  sample('m1', T0 + 3000, 'sad', { voice: null, faceState: 'several-faces', tMedia: 3.25 }),
];

describe('meetingToJson (v2)', () => {
  it('writes the documented envelope with one block per subject', () => {
    const doc = JSON.parse(meetingToJson(M, SUBJECTS, SAMPLES, ALL));
    expect(doc.format).toBe('emotion-overlay/meeting');
    expect(doc.version).toBe(2);
    expect(doc.meeting).toEqual(M);
    expect(doc.subjects.map((b: { subject: unknown }) => b.subject)).toEqual([
      { id: 'self', kind: 'self' },
      { id: 'p1', kind: 'participant', label: 'Ana, "the tutor"' },
    ]);
    expect(doc.subjects[0].samples).toEqual(SAMPLES.filter((x) => x.subjectId === 'self'));
    expect(doc.subjects[0].summary.sampleCount).toBe(3);
    expect(doc.subjects[1].summary.sampleCount).toBe(1);
    expect(doc.subjects[1].summary.coverage.text).toBe(1);
  });

  it('leaves out every field of an excluded stream', () => {
    const doc = JSON.parse(meetingToJson(M, SUBJECTS, SAMPLES, { ...NONE, face: true }));
    for (const block of doc.subjects) {
      for (const s of block.samples) {
        expect(Object.keys(s.readings).every((k) => k === 'face')).toBe(true);
        expect(s).not.toHaveProperty('fused');
      }
      expect(block.summary).not.toHaveProperty('timeShare');
      expect(block.summary).not.toHaveProperty('agreement');
      expect(Object.keys(block.summary.coverage)).toEqual(['face']);
    }
    expect(doc.meeting).not.toHaveProperty('dominantSeconds');
    const { meeting: m, subjects } = doc;
    expect(JSON.stringify({ m, subjects })).not.toMatch(/voice|fused|speech|dominant|valence|text/i);
    expect(doc.include).toEqual({ ...NONE, face: true });
  });

  it('carries stored caption words with the text stream only', () => {
    const words = [{ meetingId: 'm1', subjectId: 'self', t: T0 + 1500, text: 'so good to see you' }];
    expect(JSON.parse(meetingToJson(M, SUBJECTS, SAMPLES, ALL, words)).subjects[0].utterances).toEqual([{ t: T0 + 1500, text: 'so good to see you' }]);
    const without = meetingToJson(M, SUBJECTS, SAMPLES, { ...ALL, text: false }, words);
    expect(without).not.toMatch(/so good to see you/);
    expect(JSON.parse(meetingToJson(M, SUBJECTS, SAMPLES, ALL)).subjects[0]).not.toHaveProperty('utterances');
  });

  it('handles an empty meeting', () => {
    const doc = JSON.parse(meetingToJson(meeting('e', T0), [], [], ALL));
    expect(doc.subjects).toEqual([]);
  });
});

describe('meetingToCsv (v2)', () => {
  it('has the documented header for the included streams', () => {
    expect(csvHeader(ALL).slice(0, 16)).toEqual([
      'subject_id', 'subject_kind', 'subject_label', 't_ms', 'time_iso', 't_media_s', 'dominant', 'confidence', 'valence', 'arousal',
      'face_state', 'face_quality', 'voice_state', 'voice_quality', 'text_state', 'text_quality',
    ]);
    expect(csvHeader(ALL)).toHaveLength(16 + 28 + 1);
    expect(csvHeader(ALL).at(-1)).toBe('marker_note');
    expect(csvHeader({ ...ALL, markers: false })).toHaveLength(16 + 28);
    expect(csvHeader({ ...NONE, voice: true }).filter((c) => c.includes('_angry'))).toEqual(['voice_angry']);
  });

  it('agrees with the JSON export row for row, subject by subject', () => {
    const json = JSON.parse(meetingToJson(M, SUBJECTS, SAMPLES, ALL));
    const rows = parseMeetingCsv(meetingToCsv(M, SUBJECTS, SAMPLES, ALL)).samples;
    const samples = json.subjects.flatMap((b: { subject: { id: string; kind: string; label?: string }; samples: Sample[] }) =>
      b.samples.map((s) => ({ s, subject: b.subject })),
    );
    expect(rows).toHaveLength(samples.length);
    rows.forEach((row, i) => {
      const { s, subject: who } = samples[i];
      expect(row.subjectId).toBe(who.id);
      expect(row.subjectKind).toBe(who.kind);
      expect(row.subjectLabel).toBe(who.label ?? null);
      expect(row.t).toBe(s.t);
      expect(row.tMedia).toBeCloseTo(s.tMedia, 4);
      expect(row.dominant).toBe(s.fused?.dominant ?? null);
      for (const key of ['confidence', 'valence', 'arousal'] as const) {
        if (!s.fused) expect(row[key]).toBeNull();
        else expect(row[key]).toBeCloseTo(s.fused[key], 4);
      }
      for (const m of ['face', 'voice', 'text'] as const) {
        expect(row.states[m]).toBe(s.readings[m]?.state);
        if (s.readings[m]) expect(row.quality[m]).toBeCloseTo(s.readings[m]!.quality, 4);
        const probs = s.readings[m]?.probs;
        if (!probs) expect(row.probs[m]).toBeUndefined();
        else row.probs[m]!.forEach((p, k) => expect(p).toBeCloseTo(probs[k], 4));
      }
      if (!s.fused) expect(row.fused).toBeNull();
      else row.fused!.forEach((p, k) => expect(p).toBeCloseTo(s.fused!.probs[k], 4));
    });
  });

  it('writes times as ISO and numbers with fixed precision, quoting labels', () => {
    const text = meetingToCsv(M, SUBJECTS, SAMPLES, ALL);
    const [, first] = parseCsv(text);
    expect(first[4]).toBe('2026-11-22T14:00:01.000Z');
    expect(first[5]).toBe('1.2500');
    expect(first[7]).toBe('0.5556');
    expect(first[8]).toBe('-0.1235');
    expect(text).toContain('"Ana, ""the tutor"""');
  });

  it('leaves out the columns and cells of excluded streams', () => {
    const parsed = parseMeetingCsv(meetingToCsv(M, SUBJECTS, SAMPLES, { ...NONE, voice: true }));
    expect(parsed.header.some((c) => /^(face|text|fused)_(angry|happy)/.test(c))).toBe(false);
    for (const row of parsed.samples) {
      expect(row.probs.face).toBeUndefined();
      expect(row.fused).toBeNull();
      expect(row.dominant).toBeNull();
      expect(row.states.face).toBeUndefined();
      expect(row.confidence).toBeNull();
    }
    expect(parsed.samples[0].probs.voice).toBeDefined();
  });

  it('writes only the header for an empty meeting, with CRLF line ends', () => {
    const text = meetingToCsv(meeting('e', T0), [], [], ALL);
    expect(text).toBe(csvHeader(ALL).join(',') + '\r\n');
    expect(parseMeetingCsv(text).samples).toEqual([]);
  });
});

describe('RFC 4180 quoting', () => {
  it('quotes fields with commas, quotes and line breaks and reads them back', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', ''];
    const line = fields.map(escapeCsvField).join(',');
    expect(line).toBe('plain,"a,b","say ""hi""","two\r\nlines",');
    expect(parseCsv(line + '\r\n')).toEqual([fields]);
  });
});

describe('exportFilename', () => {
  it('is dated, safe and keeps the extension', () => {
    const name = exportFilename(meeting('x', T0, { title: '../Ünïcode / <Weekly>: sync?*', site: 'meet' }), '.CSV');
    expect(name).toMatch(/^emotion-overlay_\d{4}-\d{2}-\d{2}_\d{4}_meet_unicode-weekly-sync\.csv$/);
    expect(name).not.toMatch(/[\\/:*?"<>|\s]/);
  });

  it('copes with an empty title and a long one', () => {
    expect(exportFilename(meeting('x', T0, { title: '' }), 'json')).toMatch(/^emotion-overlay_[\d-]+_\d{4}_meet\.json$/);
    const long = exportFilename(meeting('x', T0, { title: 'a'.repeat(500) }), 'json');
    expect(long.length).toBeLessThan(100);
  });
});

describe('exports without names', () => {
  it('renames every other person "Participant N" everywhere, and keeps the user', () => {
    const words = [{ meetingId: 'm1', subjectId: 'p1', t: T0 + 2000, text: 'hi' }];
    const records = pseudonymise({ subjects: SUBJECTS, samples: SAMPLES, utterances: words });
    const json = meetingToJson(M, records.subjects, records.samples, ALL, records.utterances);
    const csv = meetingToCsv(M, records.subjects, records.samples, ALL);
    for (const text of [json, csv]) {
      expect(text).not.toMatch(/\bAna\b|tutor|"p1"|,p1,/);
      expect(text).toContain('Participant 1');
    }
    const doc = JSON.parse(json);
    expect(doc.subjects.map((b: { subject: { id: string } }) => b.subject.id)).toEqual(['self', 'participant-1']);
    expect(doc.subjects[1].samples).toHaveLength(1);
    expect(doc.subjects[1].utterances).toEqual([{ t: T0 + 2000, text: 'hi' }]);
  });
});
