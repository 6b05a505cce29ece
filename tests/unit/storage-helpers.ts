import { EMOTIONS, type Emotion } from '../../src/core/emotions';
import type { Meeting, Sample } from '../../src/core/types';
import { oneHot } from './fusion-helpers';

export function meeting(id: string, startedAt: number, overrides: Partial<Meeting> = {}): Meeting {
  return {
    id,
    site: 'meet',
    title: `Meeting ${id}`,
    url: 'https://meet.google.com/abc-defg-hij',
    subject: 'self',
    startedAt,
    lastSampleAt: startedAt,
    endedAt: null,
    sampleCount: 0,
    dominantSeconds: EMOTIONS.map(() => 0),
    ...overrides,
  };
}

export function sample(meetingId: string, t: number, dominant: Emotion | null, overrides: Partial<Sample> = {}): Sample {
  const fused = dominant ? oneHot(dominant) : null;
  return {
    meetingId,
    t,
    face: fused,
    voice: null,
    fused,
    dominant,
    confidence: dominant ? 0.8 : 0,
    valence: dominant ? 0.1 : null,
    arousal: dominant ? 0.5 : null,
    faceState: dominant ? 'ok' : 'no-face',
    voiceState: 'silence',
    speech: 0,
    faceScore: dominant ? 0.9 : 0,
    ...overrides,
  };
}
