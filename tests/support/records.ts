import { EMOTIONS, type Emotion, type Probabilities } from '../../src/core/emotions';
import type { Meeting, MeetingSubject, ModalityState, Sample, SubjectRef } from '../../src/core/types';
import { oneHot } from './readings';

export function meeting(id: string, startedAt: number, overrides: Partial<Meeting> = {}): Meeting {
  return {
    id,
    kind: 'call',
    site: 'meet',
    title: `Meeting ${id}`,
    url: 'https://meet.google.com/abc-defg-hij',
    startedAt,
    lastSampleAt: startedAt,
    endedAt: null,
    sampleCount: 0,
    dominantSeconds: EMOTIONS.map(() => 0),
    othersAnalysed: false,
    ...overrides,
  };
}

/** The flat fields a test sets; `sample` turns them into a stored v2 sample. */
export interface SampleFields {
  subjectId?: string;
  tMedia?: number;
  face?: Probabilities | null;
  voice?: Probabilities | null;
  text?: Probabilities | null;
  fused?: Probabilities | null;
  dominant?: Emotion | null;
  confidence?: number;
  valence?: number | null;
  arousal?: number | null;
  faceState?: ModalityState;
  voiceState?: ModalityState;
  speech?: number;
  faceScore?: number;
}

export function sample(meetingId: string, t: number, dominant: Emotion | null, o: SampleFields = {}): Sample {
  const fusedProbs = o.fused !== undefined ? o.fused : dominant ? oneHot(dominant) : null;
  const top = o.dominant !== undefined ? o.dominant : dominant;
  const face = o.face !== undefined ? o.face : fusedProbs;
  const readings: Sample['readings'] = {
    face: { state: o.faceState ?? (dominant ? 'ok' : 'no-face'), probs: face, quality: o.faceScore ?? (dominant ? 0.9 : 0) },
    voice: { state: o.voiceState ?? 'silence', probs: o.voice ?? null, quality: o.speech ?? 0 },
  };
  if (o.text !== undefined) readings.text = { state: o.text ? 'ok' : 'silence', probs: o.text, quality: o.text ? 1 : 0 };
  return {
    meetingId,
    subjectId: o.subjectId ?? 'self',
    t,
    tMedia: o.tMedia ?? 0,
    readings,
    fused:
      fusedProbs && top
        ? { probs: fusedProbs, dominant: top, confidence: o.confidence ?? 0.8, valence: o.valence ?? 0.1, arousal: o.arousal ?? 0.5 }
        : null,
  };
}

export function subject(meetingId: string, ref: SubjectRef, firstSeenAt: number, overrides: Partial<MeetingSubject> = {}): MeetingSubject {
  return { ...ref, meetingId, firstSeenAt, lastSampleAt: firstSeenAt, sampleCount: 0, dominantSeconds: EMOTIONS.map(() => 0), ...overrides };
}
