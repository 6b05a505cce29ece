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

/**
 * A subject's first sample stands for one sample interval (the engine writes one a second), not
 * the time since the meeting started: a participant who joins late is not credited with the wait.
 */
export const FIRST_SAMPLE_SECONDS = 1;

/** Seconds a subject's sample stands for: after its previous sample, or the first one. */
export function subjectSampleSeconds(previousMs: number | null, tMs: number): number {
  return previousMs === null ? FIRST_SAMPLE_SECONDS : sampleSeconds(previousMs, tMs);
}
