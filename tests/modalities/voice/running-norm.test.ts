/**
 * Speaker / channel normalisation by running statistics (running-norm.ts): warm-up towards the
 * prior, convergence to the stream's statistics, silence ignored, memory cap, and the model path.
 */
import { describe, expect, it } from 'vitest';
import { FRAME_DIM, IDX_FLATNESS, IDX_LOG_RMS } from '../../../src/modalities/voice/features';
import { isStatFrame, normFromSums, RunningNorm, SpeakerNormConfig } from '../../../src/modalities/voice/running-norm';

const D = FRAME_DIM;
const cfg = (over: Partial<SpeakerNormConfig> = {}): SpeakerNormConfig => ({
  dims: [0, D],
  priorMean: Array.from({ length: D }, (_, d) => (d === IDX_LOG_RMS ? -4 : d === IDX_FLATNESS ? 0.2 : 0.1 * d)),
  priorVar: Array.from({ length: D }, (_, d) => 1 + 0.01 * d),
  priorFrames: 100,
  maxFrames: 3000,
  minLogRms: -6.33,
  maxFlatness: 0.6,
  ...over,
});

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
/** n speech-like frames: dim d ~ mean + d*0.01 + N(0, sd) roughly (uniform noise), level and flatness in range. */
function frames(n: number, mean: number, sd: number, seed = 1): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(n * D);
  for (let f = 0; f < n; f++)
    for (let d = 0; d < D; d++) x[f * D + d] = mean + 0.01 * d + sd * Math.sqrt(12) * (r() - 0.5);
  for (let f = 0; f < n; f++) {
    x[f * D + IDX_LOG_RMS] = -3 + 0.1 * (r() - 0.5);
    x[f * D + IDX_FLATNESS] = 0.1 + 0.1 * r();
  }
  return x;
}

describe('RunningNorm', () => {
  it('a fresh stream gives exactly the prior', () => {
    const c = cfg();
    const st = new RunningNorm(c).stats();
    for (let d = 0; d < D; d++) {
      expect(st.mean[d]).toBeCloseTo(c.priorMean[d], 5);
      expect(st.invStd[d]).toBeCloseTo(1 / Math.sqrt(c.priorVar[d]), 5);
    }
  });

  it('warm-up: after priorFrames speech frames the mean is half way; warm flag; converges to the stream', () => {
    const c = cfg();
    const rn = new RunningNorm(c);
    const x = frames(1000, 5, 0.5, 2);
    rn.push(x, 99);
    expect(rn.warm).toBe(false);
    rn.push(x, 1, 99);
    expect(rn.warm).toBe(true);
    expect(rn.n).toBe(100);
    const d = 7;
    let s = 0;
    for (let f = 0; f < 100; f++) s += x[f * D + d];
    expect(rn.stats().mean[d]).toBeCloseTo((s + 100 * c.priorMean[d]) / 200, 4);
    rn.push(x, 900, 100);
    const st = rn.stats();
    // n = 1000 >> n0: within 10 % of the prior's pull of the stream mean (5.07)
    expect(Math.abs(st.mean[d] - (5 + 0.07))).toBeLessThan(0.1 * Math.abs(5.07 - c.priorMean[d]));
    // exactly the shrinkage formula on the stream's sums
    let S = 0, SS = 0;
    for (let f = 0; f < 1000; f++) (S += x[f * D + d]), (SS += x[f * D + d] ** 2);
    const m = (S + 100 * c.priorMean[d]) / 1100;
    const v = (SS + 100 * (c.priorVar[d] + c.priorMean[d] ** 2)) / 1100 - m * m;
    expect(st.mean[d]).toBeCloseTo(m, 4);
    expect(1 / st.invStd[d]).toBeCloseTo(Math.sqrt(v), 4);
    // a long stream with a weak prior: the std tends to the stream's (0.5)
    const long = new RunningNorm(cfg({ priorFrames: 5 }));
    long.push(frames(2000, 5, 0.5, 5), 2000);
    expect(1 / long.stats().invStd[d]).toBeGreaterThan(0.45);
    expect(1 / long.stats().invStd[d]).toBeLessThan(0.6);
  });

  it('silence and hiss frames do not count', () => {
    const c = cfg();
    const rn = new RunningNorm(c);
    const x = frames(50, 5, 0.5);
    for (let f = 0; f < 25; f++) x[f * D + IDX_LOG_RMS] = -9; // below -55 dBFS
    for (let f = 25; f < 40; f++) x[f * D + IDX_FLATNESS] = 0.8; // white-noise-like
    for (let f = 0; f < 50; f++) expect(isStatFrame(c, x, f * D)).toBe(f >= 40);
    rn.push(x, 50);
    expect(rn.n).toBe(10);
    expect(rn.seen).toBe(50);
  });

  it('memory cap: n never exceeds maxFrames and the statistics follow a new channel', () => {
    const c = cfg({ maxFrames: 200 });
    const rn = new RunningNorm(c);
    rn.push(frames(400, 0, 0.3, 3), 400);
    expect(rn.n).toBeLessThanOrEqual(200);
    rn.push(frames(1000, 4, 0.3, 4), 1000);
    expect(rn.n).toBeLessThanOrEqual(200 + 1e-9);
    // the old stream has decayed to (199/200)^1000 < 1 %: stream weight 200 frames against the prior's 100
    expect(rn.stats().mean[3]).toBeCloseTo((200 * 4.03 + 100 * c.priorMean[3]) / 300, 1);
  });

  it('a constant gain offset on ln RMS / log-mel is removed once warm (gain invariance)', () => {
    const c = cfg();
    const a = frames(600, 1, 0.5, 9);
    const b = a.map((v, i) => (i % D < 40 || i % D === IDX_LOG_RMS ? v + 3.45 : v)); // +30 dB on log-mel power and ln RMS
    const ra = new RunningNorm(c);
    const rb = new RunningNorm(c);
    ra.push(a, 600);
    rb.push(b, 600);
    const sa = ra.stats();
    const sb = rb.stats();
    for (const d of [0, 10, 39]) {
      const za = (a[599 * D + d] - sa.mean[d]) * sa.invStd[d];
      const zb = (b[599 * D + d] - sb.mean[d]) * sb.invStd[d];
      expect(Math.abs(za - zb)).toBeLessThan(0.6); // only the prior's 100-frame pull remains
    }
  });

  it('normFromSums floors the variance', () => {
    const c = cfg({ dims: [0, 2], priorMean: [0, 0], priorVar: [1, 1], priorFrames: 0 });
    const st = normFromSums(c, new Float64Array([10, 10]), new Float64Array([10, 10]), 10, 2);
    expect(st.mean[0]).toBeCloseTo(1, 6);
    expect(st.invStd[0]).toBeCloseTo(1 / Math.sqrt(1e-4 + 0.01), 3);
    expect(() => new RunningNorm(cfg({ priorMean: [1] }))).toThrow();
  });
});
