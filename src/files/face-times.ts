/**
 * When a file's face is read: every `intervalMs` of media time from the video's first frame to its
 * end. Pure, so the schedule is tested without a decoder.
 */

export const DEFAULT_FACE_INTERVAL_MS = 500;
export const FACE_INTERVAL_LIMITS = { min: 40, max: 10_000 } as const;

/** The setting as entered on the page, clamped to what makes sense (one frame at 25 fps .. 10 s). */
export function clampFaceInterval(ms: number): number {
  if (!Number.isFinite(ms)) return DEFAULT_FACE_INTERVAL_MS;
  return Math.round(Math.min(FACE_INTERVAL_LIMITS.max, Math.max(FACE_INTERVAL_LIMITS.min, ms)));
}

/** Media times (seconds) of the frames to analyse in [start, end): start, start + interval, … */
export function faceTimes(start: number, end: number, intervalMs: number): number[] {
  if (!(Number.isFinite(start) && Number.isFinite(end)) || end <= start) return [];
  const step = clampFaceInterval(intervalMs) / 1000;
  const n = Math.ceil((end - start) / step - 1e-9);
  // computed from the index, not by repeated addition, so a long file does not drift
  return Array.from({ length: n }, (_, k) => Math.round((start + k * step) * 1e6) / 1e6);
}
