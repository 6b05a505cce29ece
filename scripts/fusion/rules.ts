/**
 * The fusion rules compared by eval-fusion.ts, run through the runtime's own code: each modality's
 * probabilities become a ModalityReading (state ok, quality 1), src/fusion/weights.ts weights them
 * with the runtime's base weights and certainty, src/fusion/mix.ts mixes them.
 */
import { argmax, type Probabilities } from '../../src/core/emotions';
import type { ModalityReading, ModalityReadings } from '../../src/core/types';
import { DEFAULT_BASE_WEIGHTS, modalityWeights } from '../../src/fusion/weights';
import { mixModalities, topTwoGap, type MixRule } from '../../src/fusion/mix';

export { topTwoGap };
import type { FusedModality } from './pairing';

export interface RuleSpec { name: string; modalities: readonly FusedModality[]; rule: MixRule; margin?: number }

export const SINGLE_AND_SUM_RULES: readonly RuleSpec[] = [
  { name: 'face alone', modalities: ['face'], rule: 'weighted' },
  { name: 'voice alone', modalities: ['voice'], rule: 'weighted' },
  { name: 'text alone', modalities: ['text'], rule: 'weighted' },
  { name: 'face+voice weighted', modalities: ['face', 'voice'], rule: 'weighted' },
  { name: 'face+voice+text weighted', modalities: ['face', 'voice', 'text'], rule: 'weighted' },
];

export const doubtRule = (margin: number): RuleSpec => ({ name: `doubt m=${margin}`, modalities: ['face', 'voice', 'text'], rule: 'doubt', margin });

/** A usable reading of full quality, as the runtime would pass it to the fusion. */
export function usableReading(modality: FusedModality, probs: Probabilities): ModalityReading {
  return { modality, state: 'ok', probs, quality: 1, tMedia: 0, ...(modality === 'face' ? { faces: 1 } : {}) };
}

/** The rule's fused distribution for one triple's probabilities. */
export function fuse(spec: RuleSpec, probs: Record<FusedModality, Probabilities>): Probabilities {
  const readings: ModalityReadings = {};
  for (const m of spec.modalities) readings[m] = usableReading(m, probs[m]);
  const mixed = mixModalities(modalityWeights(readings, DEFAULT_BASE_WEIGHTS), spec.rule, spec.margin);
  if (!mixed) throw new Error(`${spec.name}: the fusion returned nothing for usable readings`);
  return mixed;
}

/** The class index the rule picks for one triple's probabilities. */
export const decide = (spec: RuleSpec, probs: Record<FusedModality, Probabilities>): number => argmax(fuse(spec, probs));

