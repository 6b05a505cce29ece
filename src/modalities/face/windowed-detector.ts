/**
 * A detector for pictures of many small faces (a captured gallery of tiles): the short-range
 * detector sees the whole frame at 128x128, where a 3x3 gallery's faces are a few pixels tall and
 * are missed. This one also searches overlapping windows of the frame, each drawn at its own
 * resolution, maps their faces back to the frame and merges the duplicates. Windows whose picture
 * held still keep their last detection (tile-detections.ts, judged on a thumbnail of the window's
 * region) and are never drawn out, so a still gallery costs little more than one detection a frame.
 */
import type { Box } from './crop-policy';
import { frameSize, type DetectedFace, type FaceDetectorModel } from './face-detector';
import { TileDetections } from './tile-detections';

export interface WindowGrid {
  /** Windows per row and per column. */
  n: number;
  /** Each window's side as a fraction of the frame's (more than 1/n: windows overlap, so no face is only ever cut). */
  size: number;
}

/** 3x3 windows of 45% of the frame: a 3x3 gallery's tile lies whole in one window. */
export const GALLERY_GRID: WindowGrid = { n: 3, size: 0.45 };

/** Faces whose boxes share this much of the smaller box are one face (the one seen whole wins). */
const SAME_FACE_OVERLAP = 0.5;

export function windowBoxes(width: number, height: number, grid: WindowGrid): Box[] {
  const w = Math.round(width * grid.size);
  const h = Math.round(height * grid.size);
  const boxes: Box[] = [];
  for (let row = 0; row < grid.n; row++)
    for (let col = 0; col < grid.n; col++) {
      const x = grid.n === 1 ? 0 : Math.round(((width - w) * col) / (grid.n - 1));
      const y = grid.n === 1 ? 0 : Math.round(((height - h) * row) / (grid.n - 1));
      boxes.push({ x, y, width: w, height: h });
    }
  return boxes;
}

/** Of a window's width or height: a face box this close to an inner edge of its window is cut by it. */
const EDGE_MARGIN = 0.02;

/**
 * Whether a face found in a window touches one of the window's edges inside the frame: then the
 * window cut it, and the overlapping windows hold it whole (its cut half would count twice).
 */
export function cutByWindow(face: Box, window: Box, frameWidth: number, frameHeight: number): boolean {
  const mx = window.width * EDGE_MARGIN;
  const my = window.height * EDGE_MARGIN;
  if (window.x > 0 && face.x <= mx) return true;
  if (window.y > 0 && face.y <= my) return true;
  if (window.x + window.width < frameWidth && face.x + face.width >= window.width - mx) return true;
  if (window.y + window.height < frameHeight && face.y + face.height >= window.height - my) return true;
  return false;
}

const area = (b: Box) => Math.max(0, b.width) * Math.max(0, b.height);
function overlapOfSmaller(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return (w * h) / Math.max(1e-6, Math.min(area(a), area(b)));
}

/** One face per place: of overlapping boxes, the best scored is kept (a face cut by a window's edge scores lower). */
export function mergeFaces(faces: DetectedFace[]): DetectedFace[] {
  const kept: DetectedFace[] = [];
  for (const f of [...faces].sort((a, b) => b.score - a.score)) {
    if (kept.every((k) => overlapOfSmaller(k.box, f.box) < SAME_FACE_OVERLAP)) kept.push(f);
  }
  // largest first, as the detector answers
  return kept.sort((a, b) => area(b.box) - area(a.box));
}

export function windowedDetector(base: FaceDetectorModel, grid: WindowGrid = GALLERY_GRID): FaceDetectorModel {
  const windows = new TileDetections<number>();
  const canvases: CanvasRenderingContext2D[] = [];
  const canvasFor = (i: number, w: number, h: number) => {
    if (!canvases[i]) {
      const c = document.createElement('canvas');
      canvases[i] = c.getContext('2d', { willReadFrequently: true })!;
    }
    const ctx = canvases[i];
    if (ctx.canvas.width !== w || ctx.canvas.height !== h) {
      ctx.canvas.width = w;
      ctx.canvas.height = h;
    }
    return ctx;
  };
  return {
    detect(frame, timestampMs) {
      const { width, height } = frameSize(frame);
      const whole = base.detect(frame, timestampMs);
      if (width === 0 || height === 0) return whole;
      const boxes = windowBoxes(width, height, grid);
      // a window is drawn out of the frame only when the detector runs on it
      const tiles = boxes.map((b, i) => ({
        key: i,
        frame: frame as TexImageSource & CanvasImageSource,
        width: b.width,
        height: b.height,
        region: b,
        detectOn: () => {
          const ctx = canvasFor(i, b.width, b.height);
          ctx.drawImage(frame as CanvasImageSource, b.x, b.y, b.width, b.height, 0, 0, b.width, b.height);
          return ctx.canvas;
        },
      }));
      const found = windows.round(tiles, base);
      const inFrame = found.flatMap((r, i) =>
        r.faces.filter((f) => !cutByWindow(f.box, boxes[i], width, height)).map((f) => ({
          ...f,
          box: { ...f.box, x: f.box.x + boxes[i].x, y: f.box.y + boxes[i].y },
          keypoints: f.keypoints.map((p) => ({ x: p.x + boxes[i].x, y: p.y + boxes[i].y })),
        })),
      );
      return mergeFaces([...whole, ...inFrame]);
    },
    dispose() {
      // the base detector is the engine's own: its owner disposes it
    },
  };
}
