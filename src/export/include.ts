/**
 * Removes from an export what belongs to the streams the user left out: a modality's readings
 * (state, quality, probabilities) and the fused reading with everything derived from it.
 */
import type { Settings } from '../settings/schema';
import { MODALITIES, type Meeting, type Sample } from '../core/types';
import type { MeetingSummary } from './summary';

export type ExportInclude = Settings['exportInclude'];
export type ExportStream = keyof ExportInclude;

export type ExportedSample = Omit<Sample, 'fused'> & { fused?: Sample['fused'] };
export type ExportedMeeting = Omit<Meeting, 'dominantSeconds'> & { dominantSeconds?: number[] };
export type ExportedSummary = Partial<Omit<MeetingSummary, 'coverage'>> &
  Pick<MeetingSummary, 'durationSeconds' | 'sampleCount'> & { coverage: Partial<MeetingSummary['coverage']> };

export function filterSample(sample: Sample, include: ExportInclude): ExportedSample {
  const readings: Sample['readings'] = {};
  for (const m of MODALITIES) if (include[m] && sample.readings[m]) readings[m] = { ...sample.readings[m]! };
  const { fused, ...rest } = sample;
  return include.fused ? { ...rest, readings, fused } : { ...rest, readings };
}

export function filterMeeting(meeting: Meeting, include: ExportInclude): ExportedMeeting {
  const { dominantSeconds, ...rest } = meeting;
  // Time per expression is derived from the fused stream.
  return include.fused ? { ...rest, dominantSeconds: [...dominantSeconds] } : rest;
}

export function filterSummary(summary: MeetingSummary, include: ExportInclude): ExportedSummary {
  const { timeShare, meanProbabilities, dominant, peaks, meanValence, meanArousal, agreement, coverage, ...always } = summary;
  const out: ExportedSummary = { ...always, coverage: {} };
  if (include.fused) Object.assign(out, { timeShare, meanProbabilities, dominant, peaks, meanValence, meanArousal });
  if (include.face && include.voice) out.agreement = agreement;
  for (const stream of [...MODALITIES, 'fused'] as const) if (include[stream]) out.coverage[stream] = coverage[stream];
  return out;
}
