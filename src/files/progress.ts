/** Progress of a file's analysis: the share done and, from the speed so far, the time left. */

export interface AnalysisProgress {
  /** Media seconds analysed so far. */
  doneSeconds: number;
  durationSeconds: number;
  /** 0..1. */
  fraction: number;
  /** Wall-clock seconds left at the speed so far; null until there is a speed to go by. */
  etaSeconds: number | null;
  /** Wall-clock milliseconds spent per second of media so far. */
  msPerMediaSecond: number | null;
}

export function progressOf(doneSeconds: number, durationSeconds: number, elapsedMs: number): AnalysisProgress {
  const done = Math.max(0, Math.min(doneSeconds, durationSeconds));
  const fraction = durationSeconds > 0 ? done / durationSeconds : 0;
  const msPerMediaSecond = done > 0 && elapsedMs > 0 ? elapsedMs / done : null;
  const etaSeconds = msPerMediaSecond === null ? null : ((durationSeconds - done) * msPerMediaSecond) / 1000;
  return { doneSeconds: done, durationSeconds, fraction, etaSeconds, msPerMediaSecond };
}
