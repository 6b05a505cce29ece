/**
 * How many seconds one sample stands for. Samples come about once a second but the engine can
 * pause, throttle or crash, so each sample covers the time since the previous one, capped so that
 * a long pause is not credited to whatever expression happened to come next.
 */
export const MAX_SAMPLE_SECONDS = 5;

/** Seconds between `previousMs` and `tMs`, clamped to 0..MAX_SAMPLE_SECONDS. */
export function sampleSeconds(previousMs: number, tMs: number): number {
  const seconds = (tMs - previousMs) / 1000;
  return Number.isFinite(seconds) ? Math.min(MAX_SAMPLE_SECONDS, Math.max(0, seconds)) : 0;
}
