import { describe, expect, it } from 'vitest';
import { ExponentialSmoother } from '../../src/fusion/smoothing';

describe('ExponentialSmoother', () => {
  it('reaches half-way on a step input after exactly one half-life', () => {
    const s = new ExponentialSmoother(2);
    s.update([0], 0);
    expect(s.update([1], 2000)[0]).toBeCloseTo(0.5, 12);
    expect(s.update([1], 4000)[0]).toBeCloseTo(0.75, 12);
  });

  it('does not depend on how the updates are spaced', () => {
    const coarse = new ExponentialSmoother(1.5);
    const irregular = new ExponentialSmoother(1.5);
    coarse.update([0, 1], 0);
    irregular.update([0, 1], 0);
    for (const t of [37, 200, 201, 990, 1300, 1500]) irregular.update([1, 0], t);
    const a = coarse.update([1, 0], 1500);
    const b = irregular.value!;
    expect(b[0]).toBeCloseTo(a[0], 12);
    expect(b[0]).toBeCloseTo(0.5, 12);
    expect(b[1]).toBeCloseTo(0.5, 12);
  });

  it('moves less for a low-weight reading', () => {
    const full = new ExponentialSmoother(1);
    const light = new ExponentialSmoother(1);
    full.update([0], 0);
    light.update([0], 0);
    expect(light.update([1], 1000, 0.5)[0]).toBeLessThan(full.update([1], 1000, 1)[0]);
    expect(light.update([1], 2000, 0)[0]).toBeCloseTo(1 - 2 ** -0.5, 12);
  });

  it('ignores out-of-order updates and starts over after reset', () => {
    const s = new ExponentialSmoother(1);
    s.update([0], 1000);
    expect(s.update([1], 500)).toEqual([0]);
    s.reset();
    expect(s.value).toBeNull();
    expect(s.update([1], 0)).toEqual([1]);
  });

  it('passes input straight through with a half-life of 0', () => {
    const s = new ExponentialSmoother(0);
    s.update([0], 0);
    expect(s.update([1], 10)).toEqual([1]);
  });

  it('rejects non-finite input, time and half-life', () => {
    const s = new ExponentialSmoother(1);
    expect(() => s.update([NaN], 0)).toThrow(RangeError);
    expect(() => s.update([1], Infinity)).toThrow(RangeError);
    expect(() => new ExponentialSmoother(-1)).toThrow(RangeError);
    expect(() => new ExponentialSmoother(NaN)).toThrow(RangeError);
  });
});
