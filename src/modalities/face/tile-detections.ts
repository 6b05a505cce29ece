/**
 * The detector skipped while a tile holds still. People in a call sit mostly still, and one
 * detection costs as much as classifying a face (MediaPipe's fixed cost per call); so a tile whose
 * picture has not changed since its last detection, and whose detection is recent, keeps that
 * detection's faces. Change is measured on a small grey thumbnail against the one taken at the last
 * detection (not the previous round), so slow drift adds up and is caught too. Detections that
 * are only old (not changed) are refreshed a few per round, so they do not all fall due together.
 * vladmandic/human skips its detector between frames the same way (`skipFrames`, `skipTime`).
 */
import type { Box } from './crop-policy';
import type { DetectedFace, FaceDetectorModel } from './face-detector';

/** Thumbnail size: enough to see a head move, small enough to cost a fraction of a millisecond. */
const THUMB_W = 48;
const THUMB_H = 36;

export interface ReusePolicy {
  /** A detection older than this is refreshed (within the per-round budget). */
  maxAgeMs: number;
  /** Mean absolute grey-level difference (0-255) of the thumbnails above which the tile is detected again. */
  maxChange: number;
  /** Old-but-unchanged tiles refreshed per round, at most (changed and new tiles are always detected). */
  refreshPerRound: number;
}

/**
 * One refresh a round: a detection costs 8-10 ms a tile here, as much as a quarter of a 9-person
 * round's budget (bench: 2 refreshes took 16-21 ms of a 66-69 ms round). A still tile's faces are
 * then at most about 4.5 s old (9 people, 2 rounds a second); any change in its picture still
 * detects it in the same round.
 */
export const DEFAULT_REUSE: ReusePolicy = { maxAgeMs: 3000, maxChange: 6, refreshPerRound: 1 };

interface Memory {
  faces: DetectedFace[];
  thumb: Uint8Array;
  at: number;
  width: number;
  height: number;
}

export interface TileInput<K> {
  key: K;
  frame: TexImageSource & CanvasImageSource;
  width: number;
  height: number;
  /** A part of `frame` is the tile (a window of a gallery): its thumbnail is drawn from there... */
  region?: Box;
  /** ...and the detector gets this image of it, made only when it runs. */
  detectOn?: () => TexImageSource;
}

export interface TileDetection {
  faces: DetectedFace[];
  /** Whether the detector ran on this tile this round. */
  detected: boolean;
}

export class TileDetections<K> {
  private readonly memory = new Map<K, Memory>();
  private thumbs: CanvasRenderingContext2D | null = null;
  /** Detector runs and reuses so far (for the benchmark and tests). */
  readonly counts = { detected: 0, reused: 0 };

  constructor(
    private readonly policy: ReusePolicy = DEFAULT_REUSE,
    /** The grey thumbnail of a frame or a region of it (a canvas draw by default; tests give their own). */
    private readonly thumbnail: (frame: CanvasImageSource, region?: Box) => Uint8Array = (frame, region) => this.drawThumbnail(frame, region),
  ) {}

  /**
   * Faces for each tile of a round: reused where the picture held still, detected otherwise.
   * `frames` in the round's order; the result is in the same order.
   */
  round(frames: TileInput<K>[], detector: FaceDetectorModel, now = performance.now()): TileDetection[] {
    const thumbs = frames.map((f) => this.thumbnail(f.frame, f.region));
    const due = frames.map((f, i) => {
      const m = this.memory.get(f.key);
      if (!m || m.width !== f.width || m.height !== f.height) return 'new' as const;
      if (meanAbsDiff(m.thumb, thumbs[i]) > this.policy.maxChange) return 'changed' as const;
      return now - m.at > this.policy.maxAgeMs ? ('old' as const) : ('fresh' as const);
    });
    // the oldest of the old ones are refreshed first, up to the budget
    const old = frames.map((f, i) => i).filter((i) => due[i] === 'old').sort((a, b) => this.memory.get(frames[a].key)!.at - this.memory.get(frames[b].key)!.at);
    const refresh = new Set(old.slice(0, this.policy.refreshPerRound));
    return frames.map((f, i) => {
      const m = this.memory.get(f.key);
      if (m && (due[i] === 'fresh' || (due[i] === 'old' && !refresh.has(i)))) {
        this.counts.reused++;
        return { faces: m.faces, detected: false };
      }
      // timestamps must increase from call to call: every detection is a little later than the last
      const faces = f.width > 0 && f.height > 0 ? detector.detect(f.detectOn ? f.detectOn() : f.frame, performance.now()) : [];
      this.memory.set(f.key, { faces, thumb: thumbs[i], at: now, width: f.width, height: f.height });
      this.counts.detected++;
      return { faces, detected: true };
    });
  }

  /** A person left: their memory goes too. */
  forget(key: K): void {
    this.memory.delete(key);
  }

  private drawThumbnail(frame: CanvasImageSource, region?: Box): Uint8Array {
    if (!this.thumbs) {
      const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(THUMB_W, THUMB_H) : Object.assign(document.createElement('canvas'), { width: THUMB_W, height: THUMB_H });
      this.thumbs = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      this.thumbs.imageSmoothingQuality = 'medium';
    }
    if (region) this.thumbs.drawImage(frame, region.x, region.y, region.width, region.height, 0, 0, THUMB_W, THUMB_H);
    else this.thumbs.drawImage(frame, 0, 0, THUMB_W, THUMB_H);
    const rgba = this.thumbs.getImageData(0, 0, THUMB_W, THUMB_H).data;
    const grey = new Uint8Array(THUMB_W * THUMB_H);
    for (let i = 0, j = 0; i < grey.length; i++, j += 4) grey[i] = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    return grey;
  }
}

export function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / Math.max(1, a.length);
}
