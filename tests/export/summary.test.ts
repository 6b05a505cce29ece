import { describe, expect, it } from 'vitest';
import { summarizeSubject } from '../../src/export/summary';
import { EMOTIONS } from '../../src/core/emotions';
import { oneHot, peaked } from '../support/readings';
import { meeting, sample } from '../support/records';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('summarizeSubject', () => {
  it('handles an empty meeting', () => {
    const s = summarizeSubject(meeting('a', T0, { endedAt: T0 + 60_000 }), []);
    expect(s.durationSeconds).toBe(60);
    expect(s.sampleCount).toBe(0);
    expect(s.dominant).toBeNull();
    expect(total(s.timeShare)).toBe(0);
    expect(Object.values(s.peaks).every((p) => p === null)).toBe(true);
    expect(s.agreement).toEqual({ comparedSamples: 0, topClassAgreement: null, meanSimilarity: null });
    expect(s.coverage).toEqual({ face: 0, voice: 0, text: 0, fused: 0 });
    expect(s.meanValence).toBeNull();
  });

  it("credits a late joiner's first sample with one interval, not the wait since the meeting began", () => {
    // Ben joins 30 s in: sad for his first sample, then happy for three seconds
    const samples = [sample('a', T0 + 30_000, 'sad'), sample('a', T0 + 31_000, 'happy'), sample('a', T0 + 32_000, 'happy'), sample('a', T0 + 33_000, 'happy')];
    const s = summarizeSubject(meeting('a', T0), samples);
    expect(s.timeShare.sad).toBeCloseTo(0.25, 12);
    expect(s.timeShare.happy).toBeCloseTo(0.75, 12);
  });

  it('gives time shares and mean probabilities that sum to 1, weighted by time', () => {
    const samples = [
      sample('a', T0 + 1000, 'happy'),
      sample('a', T0 + 2000, 'happy'),
      sample('a', T0 + 3000, 'happy'),
      sample('a', T0 + 4000, 'sad'),
      sample('a', T0 + 5000, null),
    ];
    const s = summarizeSubject(meeting('a', T0), samples);
    expect(total(s.timeShare)).toBeCloseTo(1, 12);
    expect(total(s.meanProbabilities)).toBeCloseTo(1, 12);
    expect(s.timeShare.happy).toBeCloseTo(0.75, 12);
    expect(s.timeShare.sad).toBeCloseTo(0.25, 12);
    expect(s.dominant).toBe('happy');
    expect(s.durationSeconds).toBe(5);
    expect(s.coverage.fused).toBeCloseTo(0.8, 12);
  });

  it('counts a single instantaneous sample rather than dividing by zero', () => {
    const s = summarizeSubject(meeting('a', T0), [sample('a', T0, 'fear')]);
    expect(s.timeShare.fear).toBe(1);
    expect(s.dominant).toBe('fear');
  });

  it('finds the peak of each class', () => {
    const samples = [
      sample('a', T0 + 1000, 'happy', { fused: peaked('happy', 0.6) }),
      sample('a', T0 + 2000, 'happy', { fused: peaked('happy', 0.9) }),
      sample('a', T0 + 3000, 'happy', { fused: peaked('happy', 0.7) }),
    ];
    const s = summarizeSubject(meeting('a', T0), samples);
    expect(s.peaks.happy).toEqual({ t: T0 + 2000, value: expect.closeTo(0.9, 12) });
    expect(s.peaks.sad).toEqual({ t: T0 + 1000, value: expect.closeTo(0.4 / 6, 12) });
  });

  it('measures face/voice agreement only where both had a reading', () => {
    const samples = [
      sample('a', T0 + 1000, 'happy', { face: oneHot('happy'), voice: oneHot('happy') }),
      sample('a', T0 + 2000, 'happy', { face: oneHot('happy'), voice: oneHot('sad') }),
      sample('a', T0 + 3000, 'happy', { face: oneHot('happy'), voice: null }),
    ];
    const s = summarizeSubject(meeting('a', T0), samples);
    expect(s.agreement.comparedSamples).toBe(2);
    expect(s.agreement.topClassAgreement).toBe(0.5);
    // Identical -> similarity 1; disjoint one-hots -> distance 1, similarity 0.
    expect(s.agreement.meanSimilarity).toBeCloseTo(0.5, 12);
    expect(s.coverage).toEqual({ face: 1, voice: 2 / 3, text: 0, fused: 1 });
  });

  it('ignores garbage probabilities in stored samples', () => {
    const s = summarizeSubject(meeting('a', T0), [
      sample('a', T0 + 1000, 'happy', { fused: [NaN, 0, 0, 0, 0, 0, 1], face: [1, 2] }),
      sample('a', T0 + 2000, 'sad'),
    ]);
    expect(s.coverage.fused).toBe(0.5);
    expect(s.coverage.face).toBe(0.5);
    expect(s.timeShare.sad).toBe(1);
    for (const e of EMOTIONS) expect(Number.isFinite(s.meanProbabilities[e])).toBe(true);
  });

  it('uses the last sample as the end of a meeting that never ended', () => {
    const s = summarizeSubject(meeting('a', T0, { lastSampleAt: T0 }), [sample('a', T0 + 90_000, 'happy')]);
    expect(s.durationSeconds).toBe(90);
  });
});
