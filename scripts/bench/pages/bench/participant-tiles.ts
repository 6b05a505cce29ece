/**
 * The participants path as the engine runs it on a call's received tracks: one frame per person
 * (the demo stills, at a 640x480 track's resolution), each tile searched for its face, all faces
 * of a round classified in one batched call (src/modalities/face/tile-frames.ts). Also checks
 * that a face read through the round's atlas gets the probabilities it gets from its own frame.
 *
 * Two detection modes: `reuse`, as the engine runs (a still tile keeps its last detection,
 * src/modalities/face/tile-detections.ts), on a clock that advances one round slot per round as
 * in a live call, the stills standing for people who sit still; and `detect-all`, every tile
 * detected every round: everyone moving, the worst case.
 */
import type { ExpressionModel } from '../../../../src/modalities/face/expression-model';
import type { FaceDetectorModel } from '../../../../src/modalities/face/face-detector';
import * as tf from '@tensorflow/tfjs';
import { analyseTiles } from '../../../../src/modalities/face/tile-frames';
import { loadFrames } from './frames';
import { faceBudget, ROUNDS_PER_SECOND } from '../../../../src/engine/sources/participants-budget';
import { TileDetections } from '../../../../src/modalities/face/tile-detections';

export interface TileRun {
  roundMs: number[];
  /** Faces found per round (one per tile when all is well). */
  faces: number[];
  /** Largest |p_atlas - p_alone| over every tile and class. */
  parityMaxAbsDiff: number;
  /** Tiles the detector ran on, per measured round. */
  detected: number[];
  /** Each measured round's two parts: detection (with the still-tile check) and the batched classification. */
  detectMs: number[];
  classifyMs: number[];
}

export async function runParticipantTiles(
  detector: FaceDetectorModel,
  main: ExpressionModel,
  gallery: ExpressionModel | null,
  urls: string[],
  n: number,
  maxPerRound: number,
  warmup: number,
  iterations: number,
  mode: 'reuse' | 'detect-all' = 'reuse',
): Promise<TileRun> {
  const stills = await loadFrames(urls);
  const all = Array.from({ length: n }, (_, i) => ({ key: i, frame: stills[i % stills.length] }));
  const perRound = Math.min(n, maxPerRound);
  // the model and mirror averaging the engine's rounds of that many use (participants-source.ts)
  const { expression, flipTTA } = faceBudget(perRound, main, gallery);
  // rounds take turns over the people, as the engine's scheduler does
  const turn = (i: number) => Array.from({ length: perRound }, (_, k) => all[(i * perRound + k) % n]);
  const atlas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const out: TileRun = { roundMs: [], faces: [], parityMaxAbsDiff: 0, detected: [], detectMs: [], classifyMs: [] };
  const detections = mode === 'reuse' ? new TileDetections<number>() : undefined;
  for (let i = 0; i < warmup + iterations; i++) {
    const now = (i * 1000) / ROUNDS_PER_SECOND;
    const { results, timing } = analyseTiles(turn(i), detector, expression, atlas, { flipTTA, detections, now });
    if (i >= warmup) {
      out.roundMs.push(timing.detectMs + timing.classifyMs);
      out.faces.push(results.filter((r) => r.face).length);
      out.detected.push(timing.detected);
      out.detectMs.push(timing.detectMs);
      out.classifyMs.push(timing.classifyMs);
    }
    if (i % 4 === 3) await new Promise((res) => setTimeout(res, 0));
  }
  // parity: the atlas against each face classified in its own frame, with the same detection (so
  // that only the atlas differs, not the detector's jitter between calls) and the model's own flip
  const { results } = analyseTiles(all.slice(0, perRound), detector, expression, atlas);
  for (const r of results) {
    if (!r.face) continue;
    const pixels = tf.browser.fromPixels(all[r.key].frame, 3);
    try {
      const alone = expression.predictBatch(pixels, [{ box: r.face.box, keypoints: r.face.keypoints }])[0];
      for (let k = 0; k < alone.length; k++) out.parityMaxAbsDiff = Math.max(out.parityMaxAbsDiff, Math.abs(alone[k] - r.face.probs[k]));
    } finally {
      pixels.dispose();
    }
  }
  return out;
}
