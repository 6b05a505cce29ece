import { clamp01 } from '../../core/numbers';

/** Face height / frame height from which the face model sees enough detail (~48 px of a 320 px frame). */
export const FULL_QUALITY_FACE_SIZE = 0.15;

/** Input quality of one face for fusion: detection score times a size factor, 0..1. */
export function faceQuality(detectionScore: number, faceHeightOverFrame: number): number {
  return clamp01(detectionScore) * clamp01(faceHeightOverFrame / FULL_QUALITY_FACE_SIZE);
}
