/**
 * The detector skipped while a tile holds still (src/modalities/face/tile-detections.ts): which
 * tiles are detected in a round and which keep their last faces. The thumbnails are given
 * directly (a canvas draw in the browser, measured in the bench's participants rounds).
 */
import { describe, expect, it } from 'vitest';
import { TileDetections, meanAbsDiff } from '../../../src/modalities/face/tile-detections';
import type { DetectedFace, FaceDetectorModel } from '../../../src/modalities/face/face-detector';

const face = (x: number): DetectedFace => ({ box: { x, y: 10, width: 100, height: 100 }, score: 0.9, keypoints: [] });
/** A "frame" is its own thumbnail here; the detector finds one face at the picture's first grey level. */
const picture = (level: number) => ({ thumb: new Uint8Array(48 * 36).fill(level) });
type Frame = ReturnType<typeof picture>;

function harness(policy = { maxAgeMs: 1000, maxChange: 6, refreshPerRound: 1 }) {
  const calls: number[] = [];
  const detector: FaceDetectorModel = {
    detect: (frame) => {
      const level = (frame as unknown as Frame).thumb[0];
      calls.push(level);
      return [face(level)];
    },
    dispose: () => undefined,
  };
  const d = new TileDetections<string>(policy, (frame) => (frame as unknown as Frame).thumb);
  const round = (frames: [string, Frame][], now: number) =>
    d.round(frames.map(([key, f]) => ({ key, frame: f as never, width: 640, height: 480 })), detector, now);
  return { d, calls, round };
}

describe('tile detections', () => {
  it('detects new tiles, then keeps their faces while the picture holds still', () => {
    const h = harness();
    const a = picture(100);
    const b = picture(50);
    expect(h.round([['a', a], ['b', b]], 0).map((r) => r.detected)).toEqual([true, true]);
    const again = h.round([['a', picture(103)], ['b', picture(48)]], 400);
    expect(again.map((r) => r.detected)).toEqual([false, false]);
    // the kept faces are those of the last detection
    expect(again[0].faces[0].box.x).toBe(100);
    expect(h.calls).toEqual([100, 50]);
  });

  it('detects again a tile whose picture changed, measured against its last detection (drift adds up)', () => {
    const h = harness();
    h.round([['a', picture(100)]], 0);
    expect(h.round([['a', picture(104)]], 100)[0].detected).toBe(false);
    expect(h.round([['a', picture(108)]], 200)[0].detected).toBe(true);
    expect(h.round([['a', picture(120)]], 300)[0].faces[0].box.x).toBe(120);
  });

  it('refreshes old detections a few per round, oldest first, so they never all fall due at once', () => {
    const h = harness({ maxAgeMs: 1000, maxChange: 6, refreshPerRound: 1 });
    const tiles: [string, Frame][] = [['a', picture(10)], ['b', picture(20)], ['c', picture(30)]];
    h.round(tiles.slice(0, 1), 0);
    h.round(tiles, 100); // b and c are new
    expect(h.round(tiles, 1500).map((r) => r.detected)).toEqual([true, false, false]);
    expect(h.round(tiles, 1600).map((r) => r.detected)).toEqual([false, true, false]);
    expect(h.round(tiles, 1700).map((r) => r.detected)).toEqual([false, false, true]);
    expect(h.round(tiles, 1800).map((r) => r.detected)).toEqual([false, false, false]);
  });

  it('forgets a person who left, and a tile whose resolution changed is new', () => {
    const h = harness();
    h.round([['a', picture(10)]], 0);
    h.d.forget('a');
    expect(h.round([['a', picture(10)]], 10)[0].detected).toBe(true);
    const resized = h.d.round([{ key: 'a', frame: picture(10) as never, width: 320, height: 240 }], { detect: () => [], dispose: () => undefined }, 20);
    expect(resized[0]).toEqual({ faces: [], detected: true });
  });

  it('mean absolute difference of thumbnails', () => {
    expect(meanAbsDiff(new Uint8Array([0, 10, 20, 30]), new Uint8Array([2, 10, 16, 30]))).toBe(1.5);
  });
});
