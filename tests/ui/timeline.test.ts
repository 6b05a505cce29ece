import { describe, expect, it } from 'vitest';
import { timelinePaths, timeTicks, GAP_MS } from '../../src/ui/timeline';
import type { Sample } from '../../src/core/types';

function sample(t: number, fused: number[] | null, confidence = 0.6): Sample {
  return {
    meetingId: 'm',
    subjectId: 'self',
    t,
    tMedia: 0,
    readings: {},
    fused: fused ? ({ probs: fused, dominant: 'happy', confidence, valence: 0, arousal: 0 } as Sample['fused']) : null,
  };
}

/** Every x,y pair in an SVG path made of M/L/Z commands. */
function coordinates(d: string): [number, number][] {
  return [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('timelinePaths', () => {
  const W = 320;
  const H = 100;
  const t0 = 1_700_000_000_000;

  it('draws nothing without fused samples', () => {
    const g = timelinePaths([sample(t0, null), sample(t0 + 1000, null)], W, H);
    expect(g.pointCount).toBe(0);
    expect(g.areas.every((a) => a.d === '')).toBe(true);
    expect(g.confidence).toBe('');
  });

  it('keeps every stacked value and the confidence line within the chart', () => {
    const samples: Sample[] = [];
    for (let i = 0; i < 2000; i++) {
      // Un-normalised, negative and oversized values must still stack inside the box.
      const raw = [Math.sin(i) * 2, 0.3, -0.5, 5, 0.1 * (i % 7), Number.NaN, 1];
      samples.push(sample(t0 + i * 1000, raw, i % 3 === 0 ? 1.4 : 0.5));
    }
    const g = timelinePaths(samples, W, H);
    expect(g.areas).toHaveLength(7);
    const all = [...g.areas.flatMap((a) => coordinates(a.d)), ...coordinates(g.confidence)];
    expect(all.length).toBeGreaterThan(0);
    for (const [x, y] of all) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(W);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(H);
    }
    // Downsampled to about one point per pixel.
    expect(coordinates(g.confidence).length).toBeLessThanOrEqual(W + 2);
  });

  it('stacks to the full height: the top class reaches y=0', () => {
    const g = timelinePaths([sample(t0, [0.2, 0.1, 0.1, 0.3, 0.1, 0.1, 0.1]), sample(t0 + 1000, [0, 0, 0, 0, 0, 0, 1])], W, H);
    const topYs = coordinates(g.areas[6].d).slice(0, 2).map(([, y]) => y);
    expect(topYs).toEqual([0, 0]);
    const bottomOfFirst = coordinates(g.areas[0].d).slice(2).map(([, y]) => y);
    expect(bottomOfFirst).toEqual([H, H]);
  });

  it('breaks the area at a gap instead of bridging it', () => {
    const p = [0, 0, 0, 1, 0, 0, 0];
    const g = timelinePaths([sample(t0, p), sample(t0 + 1000, p), sample(t0 + 1000 + GAP_MS + 1, p), sample(t0 + 2000 + GAP_MS + 1, p)], W, H);
    expect(g.areas[3].d.match(/M/g)).toHaveLength(2);
    expect(g.confidence.match(/M/g)).toHaveLength(2);
  });

  it('gives a single sample a visible sliver', () => {
    const g = timelinePaths([sample(t0, [0, 0, 0, 1, 0, 0, 0])], W, H);
    const xs = coordinates(g.areas[3].d).map(([x]) => x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(0);
  });
});

describe('timeTicks', () => {
  it('labels round times across the width', () => {
    const ticks = timeTicks(30 * 60, 300);
    expect(ticks[0]).toEqual({ x: 0, label: '0:00' });
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.map((t) => t.label)).toContain('10:00');
    for (const t of ticks) expect(t.x).toBeLessThanOrEqual(300);
  });
});
