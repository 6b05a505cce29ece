/**
 * Checks and measures on 7-class probability vectors, shared by fusion and export.
 * Readings cross process boundaries and come from models, so nothing is assumed valid.
 */
import { NUM_EMOTIONS, type Probabilities } from '../core/emotions';

/** Tolerated drift of a model's softmax sum from 1 before the vector is considered garbage. */
const SUM_TOLERANCE = 0.05;

/**
 * A copy of `value` normalised to sum 1, or null unless it is an array (or typed array, as
 * models return) of NUM_EMOTIONS finite, non-negative numbers whose sum is close to 1: a model
 * output, not arbitrary scores.
 */
export function toProbabilities(value: unknown): Probabilities | null {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) value = Array.from(value as unknown as ArrayLike<number>);
  if (!Array.isArray(value) || value.length !== NUM_EMOTIONS) return null;
  let sum = 0;
  for (const p of value) {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) return null;
    sum += p;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) return null;
  return value.map((p: number) => p / sum);
}

/** Shannon entropy divided by its maximum (log of the class count): 0 = certain, 1 = uniform. */
export function normalizedEntropy(probs: Probabilities): number {
  let h = 0;
  for (const p of probs) if (p > 0) h -= p * Math.log(p);
  return Math.min(1, Math.max(0, h / Math.log(probs.length)));
}

/**
 * Jensen–Shannon distance (square root of the divergence in bits), 0 = identical, 1 = disjoint.
 * Symmetric and bounded, unlike KL, so it can compare face and voice on equal terms.
 */
export function jensenShannonDistance(p: Probabilities, q: Probabilities): number {
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) divergence += 0.5 * p[i] * Math.log2(p[i] / m);
    if (q[i] > 0) divergence += 0.5 * q[i] * Math.log2(q[i] / m);
  }
  return Math.sqrt(Math.min(1, Math.max(0, divergence)));
}

