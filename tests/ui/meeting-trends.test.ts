import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../src/core/emotions';
import { meetingTrends, trendColumns } from '../../src/ui/meeting-trends';
import { meeting } from '../support/records';

const secs = (values: Partial<Record<(typeof EMOTIONS)[number], number>>) => EMOTIONS.map((e) => values[e] ?? 0);
const T0 = Date.UTC(2026, 10, 1);

describe('meetingTrends', () => {
  const meetings = [
    meeting('c', T0 + 3000, { dominantSeconds: secs({ happy: 30, neutral: 10 }) }),
    meeting('empty', T0 + 2500, { dominantSeconds: secs({}) }),
    meeting('a', T0 + 1000, { dominantSeconds: secs({ neutral: 60 }) }),
    meeting('b', T0 + 2000, { dominantSeconds: secs({ sad: 5, angry: 5, neutral: Number.NaN }) }),
  ];

  it('shares per meeting that sum to 1, oldest first, meetings without readings left out', () => {
    const rows = meetingTrends(meetings, 10);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    for (const r of rows) expect(r.shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 10);
    expect(rows[2].shares[EMOTIONS.indexOf('happy')]).toBeCloseTo(0.75);
    expect(rows[1].seconds).toBe(10);
  });

  it('keeps only the last N', () => {
    expect(meetingTrends(meetings, 2).map((r) => r.id)).toEqual(['b', 'c']);
  });

  it('gives uPlot one x column and one column per expression', () => {
    const cols = trendColumns(meetingTrends(meetings, 10));
    expect(cols).toHaveLength(1 + EMOTIONS.length);
    expect(cols[0]).toEqual([1, 2, 3]);
    expect(cols[1 + EMOTIONS.indexOf('neutral')]).toEqual([1, 0, 0.25]);
  });
});
