/**
 * Geometry for the meeting timeline: a stacked area of the fused probabilities over time and a
 * confidence line, as SVG path strings. Pure, so the chart's maths is tested without a DOM.
 */
import { clamp01 } from '../core/numbers';
import { EMOTIONS, type Emotion } from '../core/emotions';
import type { Sample } from '../core/types';
import { EMOTION_STYLE } from './emotion-style';
import { formatClock } from './format';

export interface TimelineArea {
  emotion: Emotion;
  color: string;
  /** One closed sub-path per run of samples without a gap. */
  d: string;
}

export interface TimelineGeometry {
  areas: TimelineArea[];
  /** Confidence 0..1 as an open polyline, one sub-path per run. */
  confidence: string;
  ticks: { x: number; label: string }[];
  durationSeconds: number;
  /** Samples that had fused probabilities (after nothing was dropped but gaps). */
  pointCount: number;
}

interface Point {
  t: number;
  probs: number[];
  confidence: number;
}

/** A pause longer than this between samples (ms) breaks the area instead of bridging it. */
export const GAP_MS = 5_000;
const TICK_STEPS_S = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
const MAX_TICKS = 6;

const round = (v: number) => Math.round(v * 10) / 10;

/** Probabilities cleaned so the stack sums to exactly 1 (or 0 when there is nothing). */
function normalised(probs: readonly number[]): number[] {
  const clean = EMOTIONS.map((_, i) => (Number.isFinite(probs[i]) && probs[i] > 0 ? probs[i] : 0));
  const sum = clean.reduce((a, b) => a + b, 0);
  return sum > 0 ? clean.map((p) => p / sum) : clean;
}

/** Averages neighbouring points so a long meeting draws at most about one point per pixel. */
function downsample(points: Point[], maxPoints: number): Point[] {
  if (points.length <= maxPoints) return points;
  const size = Math.ceil(points.length / maxPoints);
  const out: Point[] = [];
  for (let start = 0; start < points.length; start += size) {
    const bucket = points.slice(start, start + size);
    const probs = EMOTIONS.map((_, i) => bucket.reduce((a, p) => a + p.probs[i], 0) / bucket.length);
    out.push({
      t: bucket.reduce((a, p) => a + p.t, 0) / bucket.length,
      probs,
      confidence: bucket.reduce((a, p) => a + p.confidence, 0) / bucket.length,
    });
  }
  return out;
}

/** Splits time-ordered points wherever the stream stopped for longer than GAP_MS. */
function runsOf(points: Point[]): Point[][] {
  const runs: Point[][] = [];
  let run: Point[] = [];
  for (const p of points) {
    if (run.length && p.t - run[run.length - 1].t > GAP_MS) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length) runs.push(run);
  return runs;
}

export function timelinePaths(samples: readonly Sample[], width: number, height: number): TimelineGeometry {
  const points: Point[] = samples
    .filter((s) => Array.isArray(s.fused?.probs) && Number.isFinite(s.t))
    .map((s) => ({ t: s.t, probs: normalised(s.fused!.probs), confidence: clamp01(s.fused!.confidence) }))
    .sort((a, b) => a.t - b.t);

  const empty: TimelineGeometry = {
    areas: EMOTIONS.map((emotion) => ({ emotion, color: EMOTION_STYLE[emotion].color, d: '' })),
    confidence: '',
    ticks: [],
    durationSeconds: 0,
    pointCount: 0,
  };
  if (points.length === 0 || width <= 0 || height <= 0) return empty;

  const t0 = points[0].t;
  const t1 = points[points.length - 1].t;
  const spanMs = Math.max(1, t1 - t0);
  const xOf = (t: number) => round(((t - t0) / spanMs) * width);
  const yOf = (fraction: number) => round(height - clamp01(fraction) * height);

  // Split at gaps first so averaging never bridges a pause; each run keeps its share of pixels.
  const budget = Math.max(2, Math.floor(width));
  const runs = runsOf(points).map((run) => downsample(run, Math.max(2, Math.ceil((budget * run.length) / points.length))));

  const areaParts: string[][] = EMOTIONS.map(() => []);
  const confidenceParts: string[] = [];
  for (const run of runs) {
    // A lone point gets a sliver of width so it remains visible.
    const xs = run.length === 1 ? [Math.max(0, xOf(run[0].t) - 1), Math.min(width, xOf(run[0].t) + 1)] : run.map((p) => xOf(p.t));
    const pts = run.length === 1 ? [run[0], run[0]] : run;
    let below = pts.map(() => 0);
    EMOTIONS.forEach((_, k) => {
      const above = pts.map((p, j) => Math.min(1, below[j] + p.probs[k]));
      const top = pts.map((_, j) => `${xs[j]},${yOf(above[j])}`);
      const bottom = pts.map((_, j) => `${xs[j]},${yOf(below[j])}`).reverse();
      areaParts[k].push(`M${top.join('L')}L${bottom.join('L')}Z`);
      below = above;
    });
    confidenceParts.push(`M${pts.map((p, j) => `${xs[j]},${yOf(p.confidence)}`).join('L')}`);
  }

  const durationSeconds = (t1 - t0) / 1000;
  return {
    areas: EMOTIONS.map((emotion, k) => ({ emotion, color: EMOTION_STYLE[emotion].color, d: areaParts[k].join('') })),
    confidence: confidenceParts.join(''),
    ticks: timeTicks(durationSeconds, width),
    durationSeconds,
    pointCount: points.length,
  };
}

/** Evenly spaced, round-numbered time labels ("0:00", "5:00", …) at most MAX_TICKS of them. */
export function timeTicks(durationSeconds: number, width: number): { x: number; label: string }[] {
  if (!(durationSeconds > 0) || width <= 0) return [{ x: 0, label: formatClock(0) }];
  const step = TICK_STEPS_S.find((s) => durationSeconds / s <= MAX_TICKS - 1) ?? Math.ceil(durationSeconds / (MAX_TICKS - 1) / 3600) * 3600;
  const ticks: { x: number; label: string }[] = [];
  for (let s = 0; s <= durationSeconds + 1e-9; s += step) {
    ticks.push({ x: round((s / durationSeconds) * width), label: formatClock(s) });
  }
  return ticks;
}
