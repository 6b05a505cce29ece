import { describe, expect, it } from 'vitest';
import { clampFaceInterval, faceTimes } from '../../src/files/face-times';
import { progressOf } from '../../src/files/progress';

describe('face schedule', () => {
  it('reads every interval of media time from the first frame, never at or past the end', () => {
    expect(faceTimes(0, 2, 500)).toEqual([0, 0.5, 1, 1.5]);
    expect(faceTimes(0.2, 1.3, 500)).toEqual([0.2, 0.7, 1.2]);
    expect(faceTimes(0, 0, 500)).toEqual([]);
    expect(faceTimes(0, Number.NaN, 500)).toEqual([]);
  });

  it('does not drift over a long file', () => {
    const t = faceTimes(0, 3600, 100);
    expect(t).toHaveLength(36000);
    expect(t[35999]).toBe(3599.9);
  });

  it('clamps the setting', () => {
    expect(clampFaceInterval(5)).toBe(40);
    expect(clampFaceInterval(1e9)).toBe(10000);
    expect(clampFaceInterval(Number.NaN)).toBe(500);
    expect(faceTimes(0, 1, 1)).toHaveLength(25);
  });
});

describe('progress', () => {
  it('gives the share, the speed and the time left', () => {
    const p = progressOf(10, 40, 2000);
    expect(p.fraction).toBe(0.25);
    expect(p.msPerMediaSecond).toBe(200);
    expect(p.etaSeconds).toBe(6);
    expect(progressOf(0, 40, 0).etaSeconds).toBeNull();
  });
});
