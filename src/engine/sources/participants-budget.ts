/** The participants' face budget, shared by the engine's scheduler and the benchmark. */

/** Face rounds per second: with MAX_TILES_PER_ROUND, 18 people are each read once a second. */
export const ROUNDS_PER_SECOND = 2;
/** Most people whose faces one round reads; with more, rounds take turns. */
export const MAX_TILES_PER_ROUND = 9;
/**
 * Mirror-image averaging doubles the face model's cost: kept for rounds of at most this many people
 * (the self-view keeps it always). Measured in the bench (participantsFrameMs).
 */
export const FLIP_TTA_MAX_TILES = 2;

/** Frames a second of a person's tile while it is recorded (the analysis still takes ROUNDS_PER_SECOND of them). */
export const RECORD_FPS = 15;

/**
 * Rounds of more tiles than this are a gallery: the backend chosen for batches of 9 and the
 * cheaper gallery face model (where packaged) run them.
 */
export const GALLERY_MIN_TILES = 4;

/**
 * How the faces of other people are classified, `faces` at a time (a round of tiles, or every face
 * of a captured gallery frame): the gallery model (where packaged) above GALLERY_MIN_TILES, and
 * mirror-image averaging only where it fits.
 */
export function faceBudget<M extends { flipTTA: boolean }>(faces: number, main: M, gallery: M | null): { expression: M; flipTTA: boolean } {
  const expression = (faces > GALLERY_MIN_TILES && gallery) || main;
  return { expression, flipTTA: faces <= FLIP_TTA_MAX_TILES && expression.flipTTA };
}
