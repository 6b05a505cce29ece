/**
 * The proxy behind eval-fusion.ts, kept free of models so that tests can check it.
 *
 * No corpus here has the face, the voice and the words of the same moment. The proxy pairs them
 * by class: a triple is (a face of class c, a voice clip of class c, an utterance of class c), each
 * drawn at random from that modality's held-out samples, which assumes the modalities' errors are
 * independent given the class. Real moments are correlated (a tense face with tense words), so the
 * proxy says which rule combines *independent* evidence better, not how well a call is read.
 */
import { makeRng, type Rng } from '../voice/augment';
import { EMOTIONS } from '../../src/core/emotions';
import { summarize } from '../lib/metrics';

export { makeRng, type Rng };

export const FUSED_MODALITIES = ['face', 'voice', 'text'] as const;
export type FusedModality = (typeof FUSED_MODALITIES)[number];

/** Sample indices of each class (EMOTIONS order) in one modality's cache. */
export type ClassPools = number[][];

export function poolsByClass(labels: readonly number[]): ClassPools {
  const pools: ClassPools = EMOTIONS.map(() => []);
  labels.forEach((y, i) => {
    if (!(Number.isInteger(y) && y >= 0 && y < EMOTIONS.length)) throw new RangeError(`label ${y} at ${i} is not a class index`);
    pools[y].push(i);
  });
  return pools;
}

/** Uniform integer in [0, n). */
const pick = (rng: Rng, n: number) => Math.min(n - 1, Math.floor(rng() * n));

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = pick(rng, i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** At most `cap` random indices of each class, for a balanced cache that is cheap to compute. */
export function balancedSubset(labels: readonly number[], cap: number, rng: Rng): number[] {
  return poolsByClass(labels).flatMap((pool) => shuffled(pool, rng).slice(0, cap)).sort((a, b) => a - b);
}

export interface Triple { label: number; face: number; voice: number; text: number }
export interface Pairing {
  triples: Triple[];
  /** Classes left out, with the modalities that have no sample of them. */
  skipped: { emotion: string; missing: FusedModality[] }[];
}

/**
 * `perClass` triples of every class that all three modalities have, each member drawn uniformly
 * (with replacement) from its modality's pool of that class. Classes a modality lacks are skipped
 * and listed.
 */
export function drawTriples(pools: Record<FusedModality, ClassPools>, perClass: number, rng: Rng): Pairing {
  const triples: Triple[] = [];
  const skipped: Pairing['skipped'] = [];
  EMOTIONS.forEach((emotion, c) => {
    const missing = FUSED_MODALITIES.filter((m) => !pools[m][c]?.length);
    if (missing.length) {
      skipped.push({ emotion, missing });
      return;
    }
    for (let k = 0; k < perClass; k++) {
      const [face, voice, text] = FUSED_MODALITIES.map((m) => pools[m][c][pick(rng, pools[m][c].length)]);
      triples.push({ label: c, face, voice, text });
    }
  });
  return { triples, skipped };
}

/**
 * Two halves, each class split evenly (a shuffled half of its triples each): one to choose a
 * parameter on, the other to report on.
 */
export function splitHalves<T extends { label: number }>(items: readonly T[], rng: Rng): [T[], T[]] {
  const a: T[] = [];
  const b: T[] = [];
  for (let c = 0; c < EMOTIONS.length; c++) {
    const ofClass = shuffled(items.filter((t) => t.label === c), rng);
    const half = Math.floor(ofClass.length / 2);
    a.push(...ofClass.slice(0, half));
    b.push(...ofClass.slice(half));
  }
  return [a, b];
}

export interface Score { accuracy: number; macroF1: number }

/** Accuracy and macro-F1 (scripts/lib/metrics.ts: over the classes present in labels or predictions). */
export function score(labels: readonly number[], preds: readonly number[]): Score {
  const s = summarize(labels, preds, EMOTIONS);
  return { accuracy: s.accuracy, macroF1: s.macroF1 };
}

export interface Spread { mean: number; sd: number; lo: number; hi: number }

/** Mean, standard deviation and the 2.5 / 97.5 percentiles of a sample of values. */
export function spread(values: readonly number[]): Spread {
  if (!values.length) throw new RangeError('spread of no values');
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  const sorted = [...values].sort((x, y) => x - y);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))];
  return { mean, sd, lo: q(0.025), hi: q(0.975) };
}

/**
 * Bootstrap of a paired statistic: `reps` resamples (with replacement) of the items' positions,
 * `stat` applied to each resample's positions.
 */
export function bootstrap(n: number, reps: number, rng: Rng, stat: (positions: number[]) => number): number[] {
  if (!(n > 0)) throw new RangeError('bootstrap of no items');
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const positions = Array.from({ length: n }, () => pick(rng, n));
    out.push(stat(positions));
  }
  return out;
}
