import { describe, expect, it } from 'vitest';
import { FaceTracker, iou } from '../../../src/modalities/face/face-tracker';

const box = (x: number, y = 100, s = 80) => ({ x, y, width: s, height: s });

describe('FaceTracker', () => {
  it('numbers new faces left to right and keeps each id while the face moves a little', () => {
    const t = new FaceTracker();
    expect(t.update([box(400), box(50), box(250)], 0).map((f) => f.id)).toEqual([3, 1, 2]);
    // the tiles shuffle a few pixels and come back in another order
    expect(t.update([box(55), box(395), box(255)], 200).map((f) => f.id)).toEqual([1, 3, 2]);
  });

  it('numbers a gallery in reading order: rows, then left to right', () => {
    const t = new FaceTracker();
    expect(t.update([box(600, 520), box(60, 520), box(600, 100), box(70, 110)], 0).map((f) => f.id)).toEqual([4, 3, 2, 1]);
  });

  it('gives a returning face a new id after it was gone too long, and keeps it through a short gap', () => {
    const t = new FaceTracker(1000);
    t.update([box(50), box(250)], 0);
    expect(t.update([box(250)], 500).map((f) => f.id)).toEqual([2]);
    expect(t.update([box(50), box(250)], 900).map((f) => f.id)).toEqual([1, 2]);
    expect(t.update([box(50)], 5000).map((f) => f.id)).toEqual([3]);
  });

  it('measures overlap', () => {
    expect(iou(box(0), box(0))).toBe(1);
    expect(iou(box(0), box(500))).toBe(0);
    expect(iou(box(0, 0, 10), box(5, 0, 10))).toBeCloseTo(50 / 150, 12);
  });
});
