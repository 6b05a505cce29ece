/**
 * The participants' face budget (src/engine/sources/participants-budget.ts): which model and
 * whether mirror averaging, for a round of tiles or a captured gallery frame of n faces.
 */
import { describe, expect, it } from 'vitest';
import { faceBudget, FLIP_TTA_MAX_TILES, GALLERY_MIN_TILES } from '../../src/engine/sources/participants-budget';

const main = { name: 'v1', flipTTA: true };
const gallery = { name: 'v2', flipTTA: false };

describe('faceBudget', () => {
  it('keeps the main model and its flip for a few faces, the gallery model above GALLERY_MIN_TILES', () => {
    expect(faceBudget(1, main, gallery)).toEqual({ expression: main, flipTTA: true });
    expect(faceBudget(FLIP_TTA_MAX_TILES, main, gallery).flipTTA).toBe(true);
    expect(faceBudget(FLIP_TTA_MAX_TILES + 1, main, gallery)).toEqual({ expression: main, flipTTA: false });
    expect(faceBudget(GALLERY_MIN_TILES, main, gallery).expression).toBe(main);
    expect(faceBudget(GALLERY_MIN_TILES + 1, main, gallery)).toEqual({ expression: gallery, flipTTA: false });
  });

  it('falls back to the main model where no gallery model is packaged, and never flips a model that does not', () => {
    expect(faceBudget(9, main, null)).toEqual({ expression: main, flipTTA: false });
    expect(faceBudget(1, { flipTTA: false }, null).flipTTA).toBe(false);
  });
});
