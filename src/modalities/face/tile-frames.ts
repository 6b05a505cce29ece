/**
 * Faces of several frames at once: the other participants' tiles, one frame per person at their
 * track's own resolution. Each tile is searched for its largest face; every face's crop region is
 * drawn into one atlas canvas, on one block grid (snapToBlockGrid), read back once and classified in
 * one batched call. Detection stays per tile (the detector takes one image), and with `detections` a
 * still tile keeps its last detection (tile-detections.ts); classification is one forward pass for
 * the whole class.
 */
import { blockGridOffset, cropGeometry, MAX_OVERSAMPLE, type FaceGeometry } from './align';
import { cropForBox, type Box } from './crop-policy';
import { grayPixels } from './gray-pixels';
import type { ExpressionModel } from './expression-model';
import { frameSize, type DetectedFace, type FaceDetectorModel } from './face-detector';
import { grow, moveBox, movePoint, PIXELS_PER_FACE, type ClassifiedFace } from './face-frame';
import type { TileDetections } from './tile-detections';

export interface TileFrame<K> {
  key: K;
  frame: CanvasImageSource & TexImageSource;
}

export interface TileResult<K> {
  key: K;
  width: number;
  height: number;
  /** The tile's largest face, classified; null when the tile shows none. */
  face: ClassifiedFace | null;
  /** Faces seen in the tile (more than one: someone else is in the picture too). */
  faces: number;
}

export interface TilesTiming {
  detectMs: number;
  classifyMs: number;
  /** Tiles the detector ran on this round (the others kept their last detection). */
  detected: number;
}

/** Widest atlas row, in pixels (five cells of faces scaled to 192 px, with margin and room): rows of cells are stacked below. */
const ATLAS_WIDTH = 1088;
/**
 * A cell holds this much more than the crop, of the tile's own picture: the crop's outer samples
 * read up to one k x k block past its edge (align.ts), which must be the person's surroundings, as
 * when the face is read from its own frame, not a gap or the next cell.
 */
const CELL_MARGIN = 1.1;
/**
 * Cells up to this size keep the tile's own pixels (the face then reads as in its own frame, to
 * float rounding); larger ones are scaled to PIXELS_PER_FACE, whose resampling moves an ambiguous
 * face's probabilities by up to about 0.05.
 */
const NATIVE_CELL_MAX = 400;
/** Room each cell gets beyond its size, so that it can be moved onto the atlas's block grid. */
const GRID_ROOM = MAX_OVERSAMPLE - 1;

interface Cell<K> {
  /** The tile's result, which gets the face's probabilities. */
  result: TileResult<K>;
  frame: CanvasImageSource;
  face: DetectedFace;
  /** The crop's whole extent in the tile's pixels (it may reach past the tile's edge). */
  region: Box;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Lays cells out in rows (shelf packing), each with GRID_ROOM to spare, and returns the atlas size. */
function pack<K>(cells: Cell<K>[]): { width: number; height: number } {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 1;
  for (const c of cells) {
    const w = c.w + GRID_ROOM;
    if (x > 0 && x + w > ATLAS_WIDTH) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    c.x = x;
    c.y = y;
    x += w;
    rowHeight = Math.max(rowHeight, c.h + GRID_ROOM);
    width = Math.max(width, x);
  }
  return { width, height: Math.max(1, y + rowHeight) };
}

/** The cell's face in atlas pixels (where predictBatch looks for it). */
function faceInAtlas<K>(c: Cell<K>): FaceGeometry {
  const sx = c.w / c.region.width;
  const sy = c.h / c.region.height;
  const at = { x: c.region.x - c.x / sx, y: c.region.y - c.y / sy, width: 0, height: 0 };
  return { box: moveBox(c.face.box, at, sx), keypoints: c.face.keypoints.map((p) => movePoint(p, at, sx)) };
}

/**
 * Moves each cell (within its GRID_ROOM) so that its crop's block grid is the atlas's own: the crops
 * are then pooled by one convolution of the atlas (align.ts, sampleCrops) instead of one region copy
 * each, with the same numbers.
 */
function snapToBlockGrid<K>(cells: Cell<K>[], expression: ExpressionModel): void {
  for (const c of cells) {
    const { k, x, y } = blockGridOffset(cropGeometry(faceInAtlas(c), expression.cropPolicy, expression.align));
    c.x += (k - x) % k;
    c.y += (k - y) % k;
  }
}

export function analyseTiles<K>(
  tiles: TileFrame<K>[],
  detector: FaceDetectorModel,
  expression: ExpressionModel,
  atlas: CanvasRenderingContext2D,
  options: { flipTTA?: boolean; detections?: TileDetections<K>; /** The round's time, for `detections` (the bench simulates the live cadence). */ now?: number } = {},
): { results: TileResult<K>[]; timing: TilesTiming } {
  const detectStart = performance.now();
  const reach = (expression.align ? Math.SQRT2 : 1) * CELL_MARGIN;
  const results: TileResult<K>[] = [];
  const cells: Cell<K>[] = [];
  const sized = tiles.map((tile) => ({ ...tile, ...frameSize(tile.frame) }));
  const found = options.detections
    ? options.detections.round(sized, detector, options.now)
    : // timestamps must increase from call to call: every detection is a little later than the last
      sized.map((t) => ({ faces: t.width > 0 && t.height > 0 ? detector.detect(t.frame, performance.now()) : [], detected: true }));
  const detected = found.filter((f) => f.detected).length;
  for (const [i, tile] of sized.entries()) {
    const { width, height } = tile;
    const faces = found[i].faces;
    const result: TileResult<K> = { key: tile.key, width, height, face: null, faces: faces.length };
    results.push(result);
    const face = faces[0];
    if (!face) continue;
    // a cell holds the crop's whole extent and a margin, also where it reaches past the tile's edge
    // (left black, as outside a frame), so that no crop reads a neighbouring cell
    const c = grow(cropForBox(face.box, expression.cropPolicy), reach);
    const crop = { x: Math.floor(c.x), y: Math.floor(c.y), width: Math.max(1, Math.ceil(c.x + c.width) - Math.floor(c.x)), height: Math.max(1, Math.ceil(c.y + c.height) - Math.floor(c.y)) };
    const scale = crop.width <= NATIVE_CELL_MAX ? 1 : (PIXELS_PER_FACE * reach) / crop.width;
    cells.push({ result, frame: tile.frame, face, region: crop, x: 0, y: 0, w: Math.max(1, Math.round(crop.width * scale)), h: Math.max(1, Math.round(crop.height * scale)) });
  }
  const detectMs = performance.now() - detectStart;
  if (cells.length === 0) return { results, timing: { detectMs, classifyMs: 0, detected } };

  const classifyStart = performance.now();
  const size = pack(cells);
  snapToBlockGrid(cells, expression);
  if (atlas.canvas.width !== size.width || atlas.canvas.height !== size.height) {
    atlas.canvas.width = size.width;
    atlas.canvas.height = size.height;
  }
  atlas.fillStyle = '#000';
  atlas.fillRect(0, 0, size.width, size.height);
  for (const c of cells) {
    // the part of the crop inside the tile, at its place in the cell
    const { width, height } = frameSize(c.frame as TexImageSource);
    const x0 = Math.max(0, c.region.x);
    const y0 = Math.max(0, c.region.y);
    const x1 = Math.min(width, c.region.x + c.region.width);
    const y1 = Math.min(height, c.region.y + c.region.height);
    if (x1 <= x0 || y1 <= y0) continue;
    const sx = c.w / c.region.width;
    const sy = c.h / c.region.height;
    atlas.drawImage(c.frame, x0, y0, x1 - x0, y1 - y0, c.x + (x0 - c.region.x) * sx, c.y + (y0 - c.region.y) * sy, (x1 - x0) * sx, (y1 - y0) * sy);
  }
  const pixels = grayPixels(atlas.getImageData(0, 0, size.width, size.height));
  let probs: Float32Array[];
  try {
    probs = expression.predictBatch(pixels, cells.map(faceInAtlas), options);
  } finally {
    pixels.dispose();
  }
  cells.forEach((c, i) => (c.result.face = { ...c.face, probs: probs[i] }));
  return { results, timing: { detectMs, classifyMs: performance.now() - classifyStart, detected } };
}
