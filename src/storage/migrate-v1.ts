/**
 * IndexedDB v1 -> v2 record conversion. v1 had one subject per meeting ('self', or 'remote' for
 * the whole captured call tab) and flat face/voice fields per sample.
 */
import type { Emotion, Probabilities } from '../core/emotions';
import type { Meeting, MeetingSubject, ModalityState, Sample } from '../core/types';

export interface V1Meeting {
  id: string;
  site: string;
  title: string;
  url: string;
  subject: 'self' | 'remote';
  startedAt: number;
  lastSampleAt: number;
  endedAt: number | null;
  sampleCount: number;
  dominantSeconds: number[];
}

export interface V1Sample {
  meetingId: string;
  t: number;
  face: Probabilities | null;
  voice: Probabilities | null;
  fused: Probabilities | null;
  dominant: Emotion | null;
  confidence: number;
  valence: number | null;
  arousal: number | null;
  faceState: ModalityState;
  voiceState: ModalityState;
  speech: number;
  faceScore: number;
}

/** v1's 'remote' subject was the whole call tab, everyone in it as one. */
export const V1_REMOTE_SUBJECT = { id: 'participants', kind: 'participant', label: 'Other participants (whole tab)' } as const;

const subjectIdOf = (m: V1Meeting) => (m.subject === 'remote' ? V1_REMOTE_SUBJECT.id : 'self');

export function migrateV1Meeting(m: V1Meeting): Meeting {
  const { subject, ...rest } = m;
  return { ...rest, kind: 'call', othersAnalysed: subject === 'remote' };
}

export function v1Subject(m: V1Meeting): MeetingSubject {
  const ref = m.subject === 'remote' ? { ...V1_REMOTE_SUBJECT } : { id: 'self', kind: 'self' as const };
  return {
    ...ref,
    meetingId: m.id,
    firstSeenAt: m.startedAt,
    lastSampleAt: m.lastSampleAt,
    sampleCount: m.sampleCount,
    dominantSeconds: [...m.dominantSeconds],
  };
}

export function migrateV1Sample(s: V1Sample, meeting: V1Meeting): Sample {
  return {
    meetingId: s.meetingId,
    subjectId: subjectIdOf(meeting),
    t: s.t,
    // v1 had no media clock: time since the meeting started is the closest equivalent.
    tMedia: Math.max(0, (s.t - meeting.startedAt) / 1000),
    readings: {
      face: { state: s.faceState, probs: s.face, quality: s.faceScore },
      voice: { state: s.voiceState, probs: s.voice, quality: s.speech },
    },
    fused:
      s.fused && s.dominant
        ? { probs: s.fused, dominant: s.dominant, confidence: s.confidence, valence: s.valence ?? 0, arousal: s.arousal ?? 0 }
        : null,
  };
}
