/**
 * How much each modality is trusted for one reading. A modality's weight is its base weight times
 * its input quality (can the model see/hear what it needs?) times its own certainty (how peaked
 * its probabilities are). A modality that is missing, off, failing or garbage gets exactly 0, so
 * any set of modalities fuses the same way.
 */
import type { Probabilities } from '../core/emotions';
import { clamp01 } from '../core/numbers';
import { MODALITIES, type Modality, type ModalityReading, type ModalityReadings, type ModalityState } from '../core/types';
import { normalizedEntropy, toProbabilities } from './probabilities';

export type BaseWeights = Record<Modality, number>;

/**
 * Face is the most accurate modality on its own, voice next; text (a caption's words) is the
 * most ambiguous, so it informs the mix without leading it.
 */
export const DEFAULT_BASE_WEIGHTS: Readonly<BaseWeights> = Object.freeze({ face: 0.6, voice: 0.4, text: 0.25 });

/**
 * Floor of the certainty factor: a flat but valid distribution still carries information
 * (e.g. "not happy"), so uncertainty lowers a modality's weight without silencing it.
 */
const MIN_CERTAINTY_FACTOR = 0.1;

/** States whose probabilities may be fused ('several-faces': the subject's face was still read). */
const USABLE_STATES: ReadonlySet<ModalityState> = new Set(['ok', 'several-faces']);

/** 1 − normalised entropy, floored: 1 for a one-hot vector, MIN_CERTAINTY_FACTOR for a uniform one. */
export function certaintyFactor(probs: Probabilities): number {
  return MIN_CERTAINTY_FACTOR + (1 - MIN_CERTAINTY_FACTOR) * (1 - normalizedEntropy(probs));
}

export interface ModalityWeights {
  /** Normalised weights summing to 1 over the usable modalities; every modality listed, 0 when unusable. */
  weights: Record<Modality, number>;
  /** The usable modalities' probabilities, normalised. */
  probs: Partial<Record<Modality, Probabilities>>;
  /** How far the fused reading can be trusted: the weight-averaged quality, 0..1. */
  trust: number;
}

function usableProbs(reading: ModalityReading | undefined): Probabilities | null {
  if (!reading || !USABLE_STATES.has(reading.state)) return null;
  return toProbabilities(reading.probs);
}

function validBase(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function modalityWeights(readings: ModalityReadings, baseWeights: Partial<BaseWeights> = DEFAULT_BASE_WEIGHTS): ModalityWeights {
  const raw = {} as Record<Modality, number>;
  const quality = {} as Record<Modality, number>;
  const probs: Partial<Record<Modality, Probabilities>> = {};
  let total = 0;
  for (const m of MODALITIES) {
    const reading = readings[m];
    const p = usableProbs(reading);
    quality[m] = p && reading ? clamp01(reading.quality) : 0;
    raw[m] = p ? validBase(baseWeights[m], DEFAULT_BASE_WEIGHTS[m]) * quality[m] * certaintyFactor(p) : 0;
    if (p && raw[m] > 0) probs[m] = p;
    total += raw[m];
  }
  const weights = {} as Record<Modality, number>;
  let trust = 0;
  for (const m of MODALITIES) {
    weights[m] = total > 0 ? raw[m] / total : 0;
    trust += weights[m] * quality[m];
  }
  return { weights, probs: total > 0 ? probs : {}, trust: clamp01(trust) };
}
