/**
 * Removes from an export what belongs to streams the user left out. A stream's readings carry
 * more than its probabilities (face score, speech level, derived expression), so each stream
 * owns a list of fields, and a field is only exported when its stream is.
 */
import type { Settings } from '../settings/schema';
import type { Meeting, Sample } from '../core/types';
import type { MeetingSummary } from './summary';

export type ExportInclude = Settings['exportInclude'];
export type ExportStream = keyof ExportInclude;

/** The sample fields each stream owns. */
export const SAMPLE_FIELDS_BY_STREAM = {
  face: ['face', 'faceState', 'faceScore'],
  voice: ['voice', 'voiceState', 'speech'],
  fused: ['fused', 'dominant', 'confidence', 'valence', 'arousal'],
} as const satisfies Record<ExportStream, readonly (keyof Sample)[]>;

export type ExportedSample = Partial<Sample> & Pick<Sample, 'meetingId' | 't'>;
export type ExportedMeeting = Omit<Meeting, 'dominantSeconds'> & { dominantSeconds?: number[] };
export type ExportedSummary = Partial<Omit<MeetingSummary, 'coverage'>> &
  Pick<MeetingSummary, 'durationSeconds' | 'sampleCount'> & { coverage: Partial<MeetingSummary['coverage']> };

const STREAMS: ExportStream[] = ['face', 'voice', 'fused'];

export function filterSample(sample: Sample, include: ExportInclude): ExportedSample {
  const out: Record<string, unknown> = { ...sample };
  for (const stream of STREAMS) if (!include[stream]) for (const key of SAMPLE_FIELDS_BY_STREAM[stream]) delete out[key];
  return out as ExportedSample;
}

export function filterMeeting(meeting: Meeting, include: ExportInclude): ExportedMeeting {
  const { dominantSeconds, ...rest } = meeting;
  // Time per expression is derived from the fused stream.
  return include.fused ? { ...rest, dominantSeconds: [...dominantSeconds] } : rest;
}

export function filterSummary(summary: MeetingSummary, include: ExportInclude): ExportedSummary {
  const { timeShare, meanProbabilities, dominant, peaks, meanValence, meanArousal, agreement, coverage, ...always } =
    summary;
  const out: ExportedSummary = { ...always, coverage: {} };
  if (include.fused) Object.assign(out, { timeShare, meanProbabilities, dominant, peaks, meanValence, meanArousal });
  if (include.face && include.voice) out.agreement = agreement;
  for (const stream of STREAMS) if (include[stream]) out.coverage[stream] = coverage[stream];
  return out;
}
