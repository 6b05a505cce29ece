/**
 * A live meeting's samples on a recording's own clock: each sample's wall time minus the
 * recording's start, as media time, so the file playback's lookup (playback.ts: sampleAt) finds
 * the reading of any moment of the recording. Pure, so it is tested without a video.
 */
import type { Sample } from '../../core/types';

/**
 * One subject's samples that fall within the recording, re-stamped with the recording second they
 * close, sorted. A live sample holds the reading of the second before its write, which mostly
 * overlaps the recording's second ending at the nearest whole second: that is the second it
 * stands for (sampleAt's convention: a second's sample is stamped at its end).
 */
export function samplesOnRecording(samples: readonly Sample[], recordingStartedAt: number, durationSeconds: number): Sample[] {
  const end = Number.isFinite(durationSeconds) ? durationSeconds + 1 : Infinity;
  return samples
    .map((s) => ({ s, at: (s.t - recordingStartedAt) / 1000 }))
    .filter(({ at }) => at > 0 && at <= end)
    .map(({ s, at }) => ({ ...s, tMedia: Math.max(1, Math.round(at)) }))
    .sort((a, b) => a.tMedia - b.tMedia || a.t - b.t);
}

/** How long the recording runs when the file does not say (not finalized): to its last sample. */
export function fallbackDuration(samplesBySubject: readonly (readonly Sample[])[]): number {
  return Math.max(1, ...samplesBySubject.flatMap((list) => list.map((s) => s.tMedia)));
}
