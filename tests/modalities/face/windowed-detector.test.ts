/**
 * The gallery detector's geometry (src/modalities/face/windowed-detector.ts): windows that cover
 * the frame and overlap, so every tile of a 3x3 gallery lies whole in one window; duplicates of a
 * face seen in several windows merged into one. Its detection in a real gallery frame is measured
 * by the bench (participants, tab capture) and the tab-capture end-to-end test.
 */
import { describe, expect, it } from 'vitest';
import { cutByWindow, GALLERY_GRID, mergeFaces, windowBoxes } from '../../../src/modalities/face/windowed-detector';
import type { DetectedFace } from '../../../src/modalities/face/face-detector';

const face = (x: number, y: number, side: number, score: number): DetectedFace => ({ box: { x, y, width: side, height: side }, score, keypoints: [] });

describe('windowed detector', () => {
  it('3x3 windows cover the frame, and each tile of a 3x3 gallery lies whole in one of them', () => {
    const [W, H] = [1280, 720];
    const windows = windowBoxes(W, H, GALLERY_GRID);
    expect(windows).toHaveLength(9);
    expect(Math.min(...windows.map((w) => w.x))).toBe(0);
    expect(Math.max(...windows.map((w) => w.x + w.width))).toBe(W);
    expect(Math.max(...windows.map((w) => w.y + w.height))).toBe(H);
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++) {
        const tile = { x: (c * W) / 3, y: (r * H) / 3, width: W / 3, height: H / 3 };
        const inside = windows.some((w) => w.x <= tile.x && w.y <= tile.y && w.x + w.width >= tile.x + tile.width && w.y + w.height >= tile.y + tile.height);
        expect(inside, `tile ${r},${c}`).toBe(true);
      }
  });

  it('merges one face seen whole and cut by a window edge into the whole one; keeps faces apart', () => {
    const whole = face(100, 100, 80, 0.9);
    const cut = face(100, 100, 50, 0.6);
    const other = face(400, 100, 80, 0.8);
    const merged = mergeFaces([cut, other, whole]);
    expect(merged).toEqual([whole, other]);
  });
  it("drops a face cut by a window's inner edge, not one at the frame's own edge", () => {
    const [W, H] = [1280, 720];
    const inner = { x: 300, y: 0, width: 576, height: 324 };
    // in window coordinates: touching the window's left edge, which lies inside the frame
    expect(cutByWindow({ x: 2, y: 100, width: 80, height: 80 }, inner, W, H)).toBe(true);
    expect(cutByWindow({ x: 200, y: 100, width: 80, height: 80 }, inner, W, H)).toBe(false);
    // the window's top edge is the frame's: a face there is whole as far as the frame goes
    expect(cutByWindow({ x: 200, y: 0, width: 80, height: 80 }, inner, W, H)).toBe(false);
    // touching its bottom edge, inside the frame
    expect(cutByWindow({ x: 200, y: 260, width: 80, height: 64 }, inner, W, H)).toBe(true);
  });
});
