/**
 * Time-aware exponential smoothing of a vector. Readings arrive at irregular intervals
 * (frames drop, tabs throttle), so the blend factor comes from the elapsed time:
 * alpha = 1 − 2^(−dt / halfLife), which makes a step input reach half-way after exactly one
 * half-life however the updates are spaced. A reading's weight (0..1) stretches its effective
 * time, alpha = 1 − 2^(−weight · dt / halfLife), so a low-quality reading moves the value less.
 */
export class ExponentialSmoother {
  private current: number[] | null = null;
  private lastT: number | null = null;

  constructor(private readonly halfLifeSeconds: number) {
    if (!Number.isFinite(halfLifeSeconds) || halfLifeSeconds < 0) {
      throw new RangeError('ExponentialSmoother: half-life must be a finite number >= 0');
    }
  }

  /** The smoothed vector, or null before the first update. */
  get value(): readonly number[] | null {
    return this.current;
  }

  /** Time of the last accepted update, in ms. */
  get lastUpdateMs(): number | null {
    return this.lastT;
  }

  /** Blends `input` in and returns the smoothed vector (a copy). Out-of-order updates are ignored. */
  update(input: readonly number[], tMs: number, weight = 1): number[] {
    if (!Number.isFinite(tMs)) throw new RangeError('ExponentialSmoother: time must be finite');
    if (!input.every(Number.isFinite)) throw new RangeError('ExponentialSmoother: input must be finite');
    const w = Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0;
    if (this.current === null || this.lastT === null) {
      if (w === 0) return [...input];
      this.current = [...input];
      this.lastT = tMs;
      return [...this.current];
    }
    if (input.length !== this.current.length) throw new RangeError('ExponentialSmoother: input length changed');
    if (tMs < this.lastT) return [...this.current];
    const alpha = this.alpha(tMs - this.lastT, w);
    for (let i = 0; i < input.length; i++) this.current[i] += alpha * (input[i] - this.current[i]);
    this.lastT = tMs;
    return [...this.current];
  }

  /** Blend factor for `dtMs` elapsed at `weight`. */
  alpha(dtMs: number, weight = 1): number {
    if (this.halfLifeSeconds === 0) return weight > 0 ? 1 : 0;
    return 1 - 2 ** (-(weight * dtMs) / 1000 / this.halfLifeSeconds);
  }

  reset(): void {
    this.current = null;
    this.lastT = null;
  }
}
