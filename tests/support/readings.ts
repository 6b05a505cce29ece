import { EMOTIONS, type Emotion, type Probabilities } from '../../src/core/emotions';
import type { ModalityReading, ModalityState } from '../../src/core/types';
import { faceQuality } from '../../src/modalities/face/face-quality';

/** A distribution with `top` at `p` and the rest spread evenly. */
export function peaked(top: Emotion, p: number): Probabilities {
  const rest = (1 - p) / (EMOTIONS.length - 1);
  return EMOTIONS.map((e) => (e === top ? p : rest));
}

export function oneHot(top: Emotion): Probabilities {
  return peaked(top, 1);
}

interface FaceOverrides {
  state?: ModalityState;
  detectionScore?: number;
  faceSize?: number;
}

/** A face reading; quality from the detector score and face size as the pipeline computes it. */
export function faceReading(probs: Probabilities | null, o: FaceOverrides = {}): ModalityReading {
  return {
    modality: 'face',
    state: o.state ?? (probs ? 'ok' : 'no-face'),
    probs,
    quality: faceQuality(o.detectionScore ?? 0.95, o.faceSize ?? 0.4),
    tMedia: 0,
    faces: probs ? 1 : 0,
  };
}

export function voiceReading(probs: Probabilities | null, o: { state?: ModalityState; speech?: number } = {}): ModalityReading {
  return { modality: 'voice', state: o.state ?? (probs ? 'ok' : 'silence'), probs, quality: o.speech ?? (probs ? 0.9 : 0), tMedia: 0 };
}

export function textReading(probs: Probabilities | null, quality = 1): ModalityReading {
  return { modality: 'text', state: probs ? 'ok' : 'silence', probs, quality, tMedia: 0 };
}
