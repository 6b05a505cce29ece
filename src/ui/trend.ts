/**
 * A short, per-subject trend of the live reading (the last ~30 s) for the popup's class view.
 * Pure: the popup polls once a second and folds each SessionReading in.
 */
import type { Emotion } from '../core/emotions';
import type { SessionReading } from '../core/types';

export const TREND_WINDOW_MS = 30_000;

export interface TrendPoint {
  t: number;
  dominant: Emotion;
  confidence: number;
}

export type Trends = Record<string, TrendPoint[]>;

/** Adds the reading's fused point of every subject and drops what is older than the window. */
export function foldTrend(trends: Trends, reading: SessionReading, windowMs = TREND_WINDOW_MS): Trends {
  const next: Trends = {};
  for (const subject of reading.subjects) {
    const old = (trends[subject.subject.id] ?? []).filter((p) => p.t > reading.t - windowMs && p.t < reading.t);
    next[subject.subject.id] = subject.fused
      ? [...old, { t: reading.t, dominant: subject.fused.dominant, confidence: subject.fused.confidence }]
      : old;
  }
  return next;
}

/** The expression most often on top in the window, or null without points (ties: the latest). */
export function trendDominant(points: readonly TrendPoint[]): Emotion | null {
  const counts = new Map<Emotion, number>();
  let best: Emotion | null = null;
  for (const p of points) {
    const n = (counts.get(p.dominant) ?? 0) + 1;
    counts.set(p.dominant, n);
    if (best === null || n >= (counts.get(best) ?? 0)) best = p.dominant;
  }
  return best;
}
