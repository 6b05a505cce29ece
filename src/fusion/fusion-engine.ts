/**
 * Turns one subject's modality readings of one moment into the fused, smoothed reading the badge
 * shows: weight the modalities (weights.ts), mix their probabilities, smooth over time
 * (smoothing.ts), then derive the dominant class, confidence and valence/arousal (affect.ts).
 * One engine per subject: smoothing must never blend two people.
 */
import { argmax, EMOTIONS, type Probabilities } from '../core/emotions';
import type { FusedReading, Modality, ModalityReadings } from '../core/types';
import { valenceArousal } from './affect';
import { ExponentialSmoother } from './smoothing';
import { DEFAULT_BASE_WEIGHTS, modalityWeights, type BaseWeights } from './weights';
import { DEFAULT_MIX_RULE, mixModalities, type MixRule } from './mix';

export interface FusionEngineOptions {
  halfLifeSeconds: number;
  baseWeights?: Partial<BaseWeights>;
  /** How modalities mix (mix.ts); the confidence-weighted sum by default. */
  mix?: MixRule;
}

/** With no input for this many half-lives the smoothed value is under 3 % signal: drop it. */
export const STALE_AFTER_HALF_LIVES = 5;
/** Lower bound of the stale window, so that a half-life of 0 does not blank the badge between frames. */
const MIN_STALE_MS = 1000;

export class FusionEngine {
  private readonly halfLifeSeconds: number;
  private readonly baseWeights: BaseWeights;
  private readonly mix: MixRule;
  private readonly probsSmoother: ExponentialSmoother;
  private readonly trustSmoother: ExponentialSmoother;
  private lastInputMs: number | null = null;

  constructor(opts: FusionEngineOptions) {
    const halfLife = opts.halfLifeSeconds;
    this.halfLifeSeconds = Number.isFinite(halfLife) && halfLife >= 0 ? halfLife : 0;
    this.baseWeights = { ...DEFAULT_BASE_WEIGHTS, ...opts.baseWeights };
    this.mix = opts.mix ?? DEFAULT_MIX_RULE;
    this.probsSmoother = new ExponentialSmoother(this.halfLifeSeconds);
    this.trustSmoother = new ExponentialSmoother(this.halfLifeSeconds);
  }

  private get staleAfterMs(): number {
    return Math.max(MIN_STALE_MS, STALE_AFTER_HALF_LIVES * this.halfLifeSeconds * 1000);
  }

  /**
   * The fused reading at `tMs` (epoch ms). Unusable modalities (missing, off, failing, garbage
   * probabilities) get weight 0. With no usable modality the last smoothed reading is held, its confidence
   * decaying, until it goes stale; then, or before any input, the result is null.
   */
  update(readings: ModalityReadings, tMs: number): FusedReading | null {
    if (!Number.isFinite(tMs)) throw new RangeError('FusionEngine.update: time must be finite');
    const streams = modalityWeights(readings, this.baseWeights);
    const sinceLastInput = this.lastInputMs === null ? null : tMs - this.lastInputMs;
    if (sinceLastInput !== null && sinceLastInput > this.staleAfterMs) this.reset();

    const mixed = Object.keys(streams.probs).length ? mixModalities(streams, this.mix) : null;
    if (!mixed) return this.heldReading(tMs);
    const smoothed = this.probsSmoother.update(mixed, tMs, streams.trust);
    const [trust] = this.trustSmoother.update([streams.trust], tMs);
    this.lastInputMs = Math.max(tMs, this.lastInputMs ?? tMs);
    return buildReading(smoothed, trust, { ...streams.weights });
  }

  private heldReading(tMs: number): FusedReading | null {
    const probs = this.probsSmoother.value;
    const trust = this.trustSmoother.value;
    if (!probs || !trust || this.lastInputMs === null) return null;
    const idle = Math.max(0, tMs - this.lastInputMs);
    const decay = this.halfLifeSeconds > 0 ? 2 ** (-idle / 1000 / this.halfLifeSeconds) : 1;
    return buildReading([...probs], trust[0] * decay, zeroWeights());
  }

  reset(): void {
    this.probsSmoother.reset();
    this.trustSmoother.reset();
    this.lastInputMs = null;
  }
}

const zeroWeights = (): Record<Modality, number> => ({ face: 0, voice: 0, text: 0 });

function buildReading(rawProbs: number[], trust: number, weights: Record<Modality, number>): FusedReading {
  // Smoothing convex combinations keeps the sum at 1 up to float drift; renormalise anyway.
  const sum = rawProbs.reduce((a, b) => a + b, 0);
  const probs: Probabilities = rawProbs.map((p) => p / sum);
  const top = argmax(probs);
  const { valence, arousal } = valenceArousal(probs);
  return {
    probs,
    dominant: EMOTIONS[top],
    confidence: Math.min(1, Math.max(0, probs[top] * trust)),
    valence,
    arousal,
    weights,
  };
}
