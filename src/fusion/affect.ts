/**
 * Valence and arousal of a class distribution: the probability-weighted mean of each class's
 * position on the circumplex of affect.
 *
 * Coordinates are the pleasure and arousal norms of Russell & Mehrabian (1977), "Evidence for a
 * three-factor theory of emotions", J. Research in Personality 11:273–294 (scale −1..1), the
 * placement Russell's circumplex (Russell 1980, J. Pers. Soc. Psych. 39:1161) is built on and the
 * one commonly used to map FER classes to valence/arousal. Neutral sits at the origin.
 */
import { EMOTIONS, type Emotion, type Probabilities } from '../core/emotions';
import { toProbabilities } from './probabilities';

/** Circumplex position per class: valence −1..1, arousal −1 (sleepy) .. 1 (excited). */
export const CIRCUMPLEX: Readonly<Record<Emotion, { valence: number; arousal: number }>> = {
  angry: { valence: -0.51, arousal: 0.59 },
  disgust: { valence: -0.6, arousal: 0.35 },
  fear: { valence: -0.64, arousal: 0.6 },
  happy: { valence: 0.81, arousal: 0.51 },
  sad: { valence: -0.63, arousal: -0.27 },
  surprise: { valence: 0.4, arousal: 0.67 },
  neutral: { valence: 0, arousal: 0 },
};

/**
 * Valence −1..1 and arousal rescaled to 0 (calm) .. 1 (excited), as FusedReading reports it.
 * Throws RangeError for anything that is not a probability vector.
 */
export function valenceArousal(probs: Probabilities): { valence: number; arousal: number } {
  const p = toProbabilities(probs);
  if (!p) throw new RangeError('valenceArousal: not a 7-class probability vector');
  let valence = 0;
  let arousal = 0;
  EMOTIONS.forEach((emotion, i) => {
    valence += p[i] * CIRCUMPLEX[emotion].valence;
    arousal += p[i] * CIRCUMPLEX[emotion].arousal;
  });
  return { valence, arousal: (arousal + 1) / 2 };
}
