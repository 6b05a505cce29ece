import { describe, expect, it } from 'vitest';
import { baseRectOf, clampOffset, VIEWPORT_MARGIN } from '../../src/badge/drag';

describe('clampOffset', () => {
  const viewport = { width: 1000, height: 800 };
  // A 220x120 badge resting in the bottom-right corner, 16 px from the edges.
  const base = { left: 1000 - 16 - 220, top: 800 - 16 - 120, width: 220, height: 120 };

  it('leaves an offset inside the viewport alone', () => {
    expect(clampOffset({ x: -300, y: -200 }, base, viewport)).toEqual({ x: -300, y: -200 });
  });

  it('stops at every edge', () => {
    expect(clampOffset({ x: 500, y: 500 }, base, viewport)).toEqual({ x: 16 - VIEWPORT_MARGIN, y: 16 - VIEWPORT_MARGIN });
    expect(clampOffset({ x: -5000, y: -5000 }, base, viewport)).toEqual({ x: VIEWPORT_MARGIN - base.left, y: VIEWPORT_MARGIN - base.top });
  });

  it('keeps the top-left visible when the viewport is smaller than the badge', () => {
    const tiny = { width: 100, height: 50 };
    const at = clampOffset({ x: 0, y: 0 }, { left: 16, top: 16, width: 220, height: 120 }, tiny);
    expect(16 + at.x).toBe(VIEWPORT_MARGIN);
    expect(16 + at.y).toBe(VIEWPORT_MARGIN);
  });

  it('recovers the untranslated rect', () => {
    expect(baseRectOf({ left: 100, top: 50, width: 220, height: 120 }, { x: 30, y: -20 })).toEqual({
      left: 70,
      top: 70,
      width: 220,
      height: 120,
    });
  });
});
