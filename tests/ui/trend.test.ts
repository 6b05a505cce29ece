import { describe, expect, it } from 'vitest';
import type { SessionReading, SubjectReading } from '../../src/core/types';
import { foldTrend, trendDominant, TREND_WINDOW_MS, type Trends } from '../../src/ui/trend';

const subject = (id: string, dominant: 'happy' | 'sad' | null): SubjectReading => ({
  subject: { id, kind: id === 'self' ? 'self' : 'participant', label: id === 'self' ? undefined : id },
  readings: {},
  fused: dominant
    ? { probs: [0, 0, 0, 0.6, 0.4, 0, 0], dominant, confidence: 0.5, valence: 0, arousal: 0, weights: { face: 1, voice: 0, text: 0 } }
    : null,
});
const reading = (t: number, subjects: SubjectReading[]): SessionReading => ({ sessionId: 's', meetingId: 'm', t, paused: false, unsaved: 0, subjects });

describe('the class view trend', () => {
  it('keeps each subject’s last 30 s, drops the older points and subjects that left', () => {
    let trends: Trends = {};
    for (let s = 0; s < 40; s++) trends = foldTrend(trends, reading(s * 1000, [subject('self', 'happy'), subject('Ana', s < 20 ? 'sad' : 'happy')]));
    expect(trends.self.length).toBe(TREND_WINDOW_MS / 1000);
    expect(trends.self[0].t).toBe(10_000);
    expect(trendDominant(trends.Ana)).toBe('happy');
    trends = foldTrend(trends, reading(40_000, [subject('self', null)]));
    expect(Object.keys(trends)).toEqual(['self']);
    // no fused reading: nothing added, the window still moves
    expect(trends.self.length).toBe(29);
  });

  it('a repeated reading (same time) is not counted twice', () => {
    const r = reading(5000, [subject('self', 'sad')]);
    expect(foldTrend(foldTrend({}, r), r).self.length).toBe(1);
    expect(trendDominant([])).toBeNull();
  });
});
