import { EMOTIONS, type Emotion, type Probabilities } from '../../src/core/emotions';
import type { FaceReading, VoiceReading } from '../../src/core/types';

/** A distribution with `top` at `p` and the rest spread evenly. */
export function peaked(top: Emotion, p: number): Probabilities {
  const rest = (1 - p) / (EMOTIONS.length - 1);
  return EMOTIONS.map((e) => (e === top ? p : rest));
}

export function oneHot(top: Emotion): Probabilities {
  return peaked(top, 1);
}

export function faceReading(probs: Probabilities | null, overrides: Partial<FaceReading> = {}): FaceReading {
  return { state: probs ? 'ok' : 'no-face', probs, detectionScore: 0.95, faceSize: 0.4, faces: probs ? 1 : 0, ...overrides };
}

export function voiceReading(probs: Probabilities | null, overrides: Partial<VoiceReading> = {}): VoiceReading {
  return { state: probs ? 'ok' : 'silence', probs, speech: probs ? 0.9 : 0, ...overrides };
}
