import { describe, expect, it } from 'vitest';
import { csvHeader, escapeCsvField, meetingToCsv, parseCsv, parseMeetingCsv } from '../../src/export/csv';
import { exportFilename } from '../../src/export/filename';
import { meetingToJson } from '../../src/export/json';
import type { Sample } from '../../src/core/types';
import { peaked } from './fusion-helpers';
import { meeting, sample } from './storage-helpers';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const ALL = { face: true, voice: true, fused: true };

const M = meeting('m1', T0, { title: 'Weekly, "sync"', endedAt: T0 + 4000 });
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
  }),
  sample('m1', T0 + 2000, null, { faceState: 'no-face', face: null, fused: null, dominant: null, valence: null, arousal: null }),
  sample('m1', T0 + 3000, 'sad', { voice: null, faceState: 'several-faces' }),
];

describe('meetingToJson', () => {
  it('writes the documented envelope', () => {
    const doc = JSON.parse(meetingToJson(M, SAMPLES, ALL));
    expect(doc.format).toBe('emotion-overlay/meeting');
    expect(doc.version).toBe(1);
    expect(doc.meeting).toEqual(M);
    expect(doc.samples).toEqual(SAMPLES);
    expect(doc.summary.sampleCount).toBe(3);
  });

  it('leaves out every field of an excluded stream', () => {
    const doc = JSON.parse(meetingToJson(M, SAMPLES, { face: true, voice: false, fused: false }));
    for (const s of doc.samples) {
      expect(s).toHaveProperty('face');
      expect(s).toHaveProperty('faceScore');
      for (const key of ['voice', 'voiceState', 'speech', 'fused', 'dominant', 'confidence', 'valence', 'arousal']) {
        expect(s).not.toHaveProperty(key);
      }
    }
    expect(doc.meeting).not.toHaveProperty('dominantSeconds');
    expect(doc.summary).not.toHaveProperty('timeShare');
    expect(doc.summary).not.toHaveProperty('agreement');
    expect(doc.summary.coverage).toEqual({ face: 2 / 3 });
    const { meeting: m, summary, samples } = doc;
    expect(JSON.stringify({ m, summary, samples })).not.toMatch(/voice|fused|speech|dominant|valence/i);
    expect(doc.include).toEqual({ face: true, voice: false, fused: false });
  });

  it('handles an empty meeting', () => {
    const doc = JSON.parse(meetingToJson(meeting('e', T0), [], ALL));
    expect(doc.samples).toEqual([]);
    expect(doc.summary.dominant).toBeNull();
  });
});

describe('meetingToCsv', () => {
  it('has the documented header for the included streams', () => {
    expect(csvHeader(ALL).slice(0, 10)).toEqual([
      't_ms', 'time_iso', 'dominant', 'confidence', 'valence', 'arousal', 'face_state', 'voice_state', 'speech', 'fused_angry',
    ]);
    expect(csvHeader(ALL)).toHaveLength(9 + 21);
    expect(csvHeader({ face: false, voice: true, fused: false }).filter((c) => c.includes('_angry'))).toEqual(['voice_angry']);
  });

  it('agrees with the JSON export sample by sample', () => {
    const json = JSON.parse(meetingToJson(M, SAMPLES, ALL));
    const csv = parseMeetingCsv(meetingToCsv(M, SAMPLES, ALL));
    expect(csv.samples).toHaveLength(json.samples.length);
    csv.samples.forEach((row, i) => {
      const s = json.samples[i];
      expect(row.t).toBe(s.t);
      expect(row.dominant).toBe(s.dominant);
      expect(row.faceState).toBe(s.faceState);
      expect(row.voiceState).toBe(s.voiceState);
      for (const key of ['confidence', 'valence', 'arousal', 'speech'] as const) {
        if (s[key] === null) expect(row[key]).toBeNull();
        else expect(row[key]).toBeCloseTo(s[key], 4);
      }
      for (const stream of ['fused', 'face', 'voice'] as const) {
        if (s[stream] === null) expect(row[stream]).toBeNull();
        else row[stream]!.forEach((p, k) => expect(p).toBeCloseTo(s[stream][k], 4));
      }
    });
  });

  it('writes times as ISO and numbers with fixed precision', () => {
    const [, first] = parseCsv(meetingToCsv(M, SAMPLES, ALL));
    expect(first[1]).toBe('2026-11-22T14:00:01.000Z');
    expect(first[3]).toBe('0.5556');
    expect(first[4]).toBe('-0.1235');
  });

  it('leaves out the columns and cells of excluded streams', () => {
    const text = meetingToCsv(M, SAMPLES, { face: false, voice: true, fused: false });
    const parsed = parseMeetingCsv(text);
    expect(parsed.header.some((c) => c.startsWith('face_') && c !== 'face_state')).toBe(false);
    expect(parsed.header.some((c) => c.startsWith('fused_'))).toBe(false);
    for (const row of parsed.samples) {
      expect(row.face).toBeNull();
      expect(row.fused).toBeNull();
      expect(row.dominant).toBeNull();
      expect(row.faceState).toBeNull();
      expect(row.confidence).toBeNull();
    }
    expect(parsed.samples[0].voice).not.toBeNull();
  });

  it('writes only the header for an empty meeting, with CRLF line ends', () => {
    const text = meetingToCsv(meeting('e', T0), [], ALL);
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
