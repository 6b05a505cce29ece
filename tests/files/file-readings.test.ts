import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../src/core/emotions';
import { faceSubject, FileReadings, VOICE_SUBJECT } from '../../src/files/file-readings';
import { fileShares } from '../../src/files/shares';
import { fileMeeting } from '../../src/files/file-meeting';

const one = (e: (typeof EMOTIONS)[number], p = 0.9) => EMOTIONS.map((x) => (x === e ? p : (1 - p) / 6));
const box = (size: number) => ({ x: 0, y: 0, width: size, height: size });

describe('file readings on media time', () => {
  it('makes one sample per subject per media second, stamped at its end, the largest face getting the voice', () => {
    const r = new FileReadings({ meetingId: 'm', startedAt: 1000, halfLifeSeconds: 0 });
    const big = faceSubject(1);
    const small = faceSubject(2);
    for (const t of [0, 0.5, 1, 1.5]) r.addFrame(t, [{ subject: big, probs: one('happy'), quality: 1, box: box(100) }, { subject: small, probs: one('sad'), quality: 0.5, box: box(40) }]);
    r.addVoice({ tMedia: 1.2, probs: one('angry'), quality: 1, clipping: false });
    const { samples, subjects } = r.flushUntil(2);
    expect(subjects.map((s) => s.id).sort()).toEqual(['person-1', 'person-2']);
    expect(samples.map((s) => [s.subjectId, s.tMedia, s.t])).toEqual([
      ['person-1', 1, 2000],
      ['person-2', 1, 2000],
      ['person-1', 2, 3000],
      ['person-2', 2, 3000],
    ]);
    const voiced = samples.find((s) => s.subjectId === 'person-1' && s.tMedia === 2)!;
    expect(voiced.readings.voice?.state).toBe('ok');
    expect(samples.find((s) => s.subjectId === 'person-2' && s.tMedia === 2)!.readings.voice).toBeUndefined();
    expect(samples.find((s) => s.subjectId === 'person-2')!.fused?.dominant).toBe('sad');
    // flushed seconds are final: late input is dropped, a second flush adds nothing
    r.addFrame(0.5, [{ subject: big, probs: one('fear'), quality: 1, box: box(100) }]);
    expect(r.flushUntil(2).samples).toEqual([]);
    expect(r.flushedSeconds).toBe(2);
  });

  it('gives voice and subtitles with no face in the file to "Speaker"; silence and clipping are states, not readings', () => {
    const r = new FileReadings({ meetingId: 'm', startedAt: 0, halfLifeSeconds: 0, endSeconds: 2.5, text: [{ start: 2, end: 2.4, probs: one('sad'), quality: 1 }] });
    r.addVoice({ tMedia: 0.5, probs: null, quality: 0, clipping: false });
    r.addVoice({ tMedia: 1.5, probs: one('angry'), quality: 1, clipping: true });
    r.addVoice({ tMedia: 2.1, probs: one('happy'), quality: 0.8, clipping: false });
    const { samples } = r.flushUntil(3);
    expect(samples.map((s) => [s.subjectId, s.tMedia, s.readings.voice?.state, s.readings.text?.state ?? null])).toEqual([
      [VOICE_SUBJECT.id, 1, 'silence', null],
      [VOICE_SUBJECT.id, 2, 'clipping', null],
      [VOICE_SUBJECT.id, 2.5, 'ok', 'ok'],
    ]);
    expect(samples[0].fused).toBeNull();
    expect(samples[2].readings.face).toBeUndefined();
  });

  it('smooths on media time, however fast the file is analysed', () => {
    const r = new FileReadings({ meetingId: 'm', startedAt: 0, halfLifeSeconds: 2 });
    const p = faceSubject(1);
    for (let t = 0; t < 6; t += 0.5) r.addFrame(t, [{ subject: p, probs: one(t < 3 ? 'happy' : 'sad'), quality: 1, box: box(50) }]);
    const dominant = r.flushUntil(6).samples.map((s) => s.fused!.dominant);
    // the change shows after a half-life or so, not at once and not never
    expect(dominant.slice(0, 3)).toEqual(['happy', 'happy', 'happy']);
    expect(dominant[3]).toBe('happy');
    expect(dominant[5]).toBe('sad');
  });
});

describe('file shares', () => {
  it('are each subject\'s time share of the dominant expression, and the sample-weighted mix of all', () => {
    const meeting = { ...fileMeeting('m', 'a.mp4', 0), endedAt: 4000 };
    const fused = (e: (typeof EMOTIONS)[number]) => ({ probs: one(e), dominant: e, confidence: 0.9, valence: 0, arousal: 0 });
    const samples = [
      { meetingId: 'm', subjectId: 'a', t: 1000, tMedia: 1, readings: {}, fused: fused('happy') },
      { meetingId: 'm', subjectId: 'a', t: 2000, tMedia: 2, readings: {}, fused: fused('happy') },
      { meetingId: 'm', subjectId: 'a', t: 3000, tMedia: 3, readings: {}, fused: fused('sad') },
      { meetingId: 'm', subjectId: 'a', t: 4000, tMedia: 4, readings: {}, fused: fused('sad') },
      { meetingId: 'm', subjectId: 'b', t: 1000, tMedia: 1, readings: {}, fused: fused('angry') },
    ];
    const { subjects, shares } = fileShares(meeting, [{ id: 'a', label: 'Person 1' }, { id: 'b', label: 'Person 2' }], samples);
    expect(subjects[0]).toMatchObject({ id: 'a', samples: 4, dominant: 'happy', shares: { happy: 0.5, sad: 0.5, angry: 0 } });
    expect(subjects[1]).toMatchObject({ dominant: 'angry', shares: { angry: 1 } });
    expect(shares).toMatchObject({ happy: 0.4, sad: 0.4, angry: 0.2, neutral: 0 });
    // a person first seen late in the file is counted from their first second
    const late = [
      { meetingId: 'm', subjectId: 'c', t: 9000, tMedia: 9, readings: {}, fused: fused('happy') },
      { meetingId: 'm', subjectId: 'c', t: 10000, tMedia: 10, readings: {}, fused: fused('sad') },
    ];
    expect(fileShares({ ...meeting, endedAt: 10000 }, [{ id: 'c', label: 'Person 3' }], late).subjects[0].shares).toMatchObject({ happy: 0.5, sad: 0.5 });
  });
});
