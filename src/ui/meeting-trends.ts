/**
 * Trends across meetings: for each of the last meetings, the share of its time each apparent
 * expression was on top (the meeting's stored seconds per dominant expression, over everyone read
 * in it). Pure, oldest first, so the chart reads left to right.
 */
import { EMOTIONS, NUM_EMOTIONS } from '../core/emotions';
import type { Meeting } from '../core/types';

export interface MeetingTrendRow {
  id: string;
  title: string;
  site: string;
  startedAt: number;
  /** Seconds with a dominant expression (the shares' denominator). */
  seconds: number;
  /** Share 0..1 per expression, in EMOTIONS order; they sum to 1. */
  shares: number[];
}

export const TREND_COUNTS = [5, 10, 20, 50] as const;
export const DEFAULT_TREND_COUNT = 10;

/** The last `count` meetings that have readings, oldest first. */
export function meetingTrends(meetings: readonly Meeting[], count = DEFAULT_TREND_COUNT): MeetingTrendRow[] {
  const rows: MeetingTrendRow[] = [];
  for (const m of meetings) {
    const secs = Array.isArray(m.dominantSeconds) && m.dominantSeconds.length === NUM_EMOTIONS ? m.dominantSeconds.map((s) => (Number.isFinite(s) && s > 0 ? s : 0)) : [];
    const seconds = secs.reduce((a, b) => a + b, 0);
    if (!(seconds > 0)) continue;
    rows.push({ id: m.id, title: m.title, site: m.site, startedAt: m.startedAt, seconds, shares: secs.map((s) => s / seconds) });
  }
  rows.sort((a, b) => a.startedAt - b.startedAt);
  return rows.slice(Math.max(0, rows.length - Math.max(1, Math.floor(count))));
}

/** uPlot's columns: x = 1..n (the meeting's place), then one series per expression. */
export function trendColumns(rows: readonly MeetingTrendRow[]): number[][] {
  return [rows.map((_, i) => i + 1), ...EMOTIONS.map((_, e) => rows.map((r) => r.shares[e]))];
}
