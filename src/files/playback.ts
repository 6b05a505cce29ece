/**
 * What to show over the video at a playback time: each subject's sample for that second, and the
 * faces of the analysed frame at or just before it. Pure, so the lookup is tested without a video.
 */
import type { Sample } from '../core/types';
import type { AnalysedFrame } from './analyse-file';

/** Index of the last item whose `key` is <= t in a list sorted by key; -1 if none. */
function lastAtOrBefore<T>(items: readonly T[], t: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The sample of media second floor(t) (stamped at that second's end) from one subject's samples sorted by tMedia. */
export function sampleAt(samples: readonly Sample[], t: number): Sample | null {
  const k = Math.floor(t);
  // the first sample stamped after k
  const i = lastAtOrBefore(samples, k + 1e-6, (s) => s.tMedia) + 1;
  const s = samples[i];
  return s && s.tMedia > k && s.tMedia <= k + 1 + 1e-6 ? s : null;
}

/** The analysed frame shown at `t`: the last one at or before it, if it is at most `holdSeconds` old. */
export function frameAt(frames: readonly AnalysedFrame[], t: number, holdSeconds: number): AnalysedFrame | null {
  const i = lastAtOrBefore(frames, t, (f) => f.tMedia);
  return i >= 0 && t - frames[i].tMedia <= holdSeconds ? frames[i] : null;
}
