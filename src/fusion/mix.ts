/**
 * How one moment's modality probabilities become one distribution. Two rules, chosen per engine:
 * - `weighted`: the confidence-weighted sum of every usable modality (weights.ts), the default;
 * - `doubt`: face and voice by their weighted sum; when its top two classes are within
 *   `DOUBT_MARGIN`, the words settle it (the sum is multiplied by the text's probabilities and
 *   renormalised). Without face and voice, the text alone.
 * The default is the one that measured better (`npm run eval:fusion`, README "Fusion rule:
 * measured"): on class-paired held-out readings of the shipped models, a proxy since no data
 * here has the face, voice and words of one moment, the weighted sum scored about 0.7–0.8
 * macro-F1 points above the doubt rule.
 */
import { NUM_EMOTIONS, type Probabilities } from '../core/emotions';
import type { Modality } from '../core/types';
import type { ModalityWeights } from './weights';

export type MixRule = 'weighted' | 'doubt';
export const DEFAULT_MIX_RULE: MixRule = 'weighted';
/** Top-two gap under which face and voice are "in doubt". */
export const DOUBT_MARGIN = 0.1;

function weightedSum(w: ModalityWeights, modalities: readonly Modality[]): Probabilities | null {
  const total = modalities.reduce((sum, m) => sum + (w.probs[m] ? w.weights[m] : 0), 0);
  if (!(total > 0)) return null;
  const mixed = new Array<number>(NUM_EMOTIONS).fill(0);
  for (const m of modalities) {
    const p = w.probs[m];
    if (p) for (let i = 0; i < NUM_EMOTIONS; i++) mixed[i] += (w.weights[m] / total) * p[i];
  }
  return mixed;
}

/** Gap between the two largest probabilities: face and voice are in doubt when it is under the margin. */
export function topTwoGap(p: Probabilities): number {
  const sorted = [...p].sort((a, b) => b - a);
  return sorted[0] - sorted[1];
}

export function mixModalities(w: ModalityWeights, rule: MixRule = DEFAULT_MIX_RULE, margin = DOUBT_MARGIN): Probabilities | null {
  if (rule === 'weighted') return weightedSum(w, ['face', 'voice', 'text']);
  const faceVoice = weightedSum(w, ['face', 'voice']);
  const text = w.probs.text;
  if (!faceVoice) return text ? [...text] : null;
  if (!text || topTwoGap(faceVoice) >= margin) return faceVoice;
  const settled = faceVoice.map((p, i) => p * text[i]);
  const sum = settled.reduce((a, b) => a + b, 0);
  return sum > 0 ? settled.map((p) => p / sum) : faceVoice;
}
