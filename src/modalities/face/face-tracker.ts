/**
 * Keeps a person's identity across frames when several faces are in view (a gallery of tiles, a
 * group in a room): each face is matched to the face of the previous frames it overlaps most
 * (intersection over union), so a person keeps their subject while tiles move a little. A face
 * unseen for `forgetAfterMs` is dropped; a new face gets the next number.
 */
import type { Box } from './crop-policy';

export interface TrackedFace {
  /** Stable for as long as the face stays in view: 1, 2, 3… in order of first appearance. */
  id: number;
  box: Box;
}

export const MIN_IOU = 0.3;

export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

export class FaceTracker {
  private tracks: { id: number; box: Box; seenAt: number }[] = [];
  private nextId = 1;

  constructor(private readonly forgetAfterMs = 3000) {}

  /** The identity of each box (same order as `boxes`). New faces are numbered in reading order (rows, then left to right). */
  update(boxes: readonly Box[], nowMs: number): TrackedFace[] {
    this.tracks = this.tracks.filter((t) => nowMs - t.seenAt <= this.forgetAfterMs);
    const pairs: { i: number; t: number; score: number }[] = [];
    boxes.forEach((box, i) =>
      this.tracks.forEach((track, t) => {
        const score = iou(box, track.box);
        if (score >= MIN_IOU) pairs.push({ i, t, score });
      }),
    );
    pairs.sort((a, b) => b.score - a.score);
    const ids = new Array<number | null>(boxes.length).fill(null);
    const usedTracks = new Set<number>();
    for (const p of pairs) {
      if (ids[p.i] !== null || usedTracks.has(p.t)) continue;
      ids[p.i] = this.tracks[p.t].id;
      usedTracks.add(p.t);
      this.tracks[p.t] = { ...this.tracks[p.t], box: boxes[p.i], seenAt: nowMs };
    }
    const fresh = boxes
      .map((b, i) => ({ b, i }))
      .filter(({ i }) => ids[i] === null)
      .sort((a, b) => (Math.abs(a.b.y - b.b.y) > (a.b.height + b.b.height) / 2 ? a.b.y - b.b.y : a.b.x - b.b.x));
    for (const { b, i } of fresh) {
      ids[i] = this.nextId++;
      this.tracks.push({ id: ids[i]!, box: b, seenAt: nowMs });
    }
    return boxes.map((box, i) => ({ id: ids[i]!, box }));
  }
}
