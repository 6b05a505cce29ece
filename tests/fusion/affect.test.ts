import { describe, expect, it } from 'vitest';
import { valenceArousal } from '../../src/fusion/affect';
import { oneHot, peaked } from '../support/readings';

describe('valenceArousal', () => {
  const va = (e: Parameters<typeof oneHot>[0]) => valenceArousal(oneHot(e));

  it('puts happy above zero valence and sad/angry below', () => {
    expect(va('happy').valence).toBeGreaterThan(0);
    expect(va('sad').valence).toBeLessThan(0);
    expect(va('angry').valence).toBeLessThan(0);
    expect(va('neutral').valence).toBe(0);
  });

  it('gives angry, surprise and fear more arousal than sad and neutral', () => {
    for (const high of ['angry', 'surprise', 'fear'] as const) {
      for (const low of ['sad', 'neutral'] as const) expect(va(high).arousal).toBeGreaterThan(va(low).arousal);
    }
  });

  it('keeps valence in -1..1 and arousal in 0..1', () => {
    for (const e of ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const) {
      const { valence, arousal } = va(e);
      expect(Math.abs(valence)).toBeLessThanOrEqual(1);
      expect(arousal).toBeGreaterThanOrEqual(0);
      expect(arousal).toBeLessThanOrEqual(1);
    }
  });

  it('is the probability-weighted mean of the class positions', () => {
    const mixed = valenceArousal([0, 0, 0, 0.5, 0.5, 0, 0]);
    expect(mixed.valence).toBeCloseTo((va('happy').valence + va('sad').valence) / 2, 10);
    expect(mixed.arousal).toBeCloseTo((va('happy').arousal + va('sad').arousal) / 2, 10);
    expect(valenceArousal(peaked('happy', 0.9)).valence).toBeLessThan(va('happy').valence);
  });

  it.each([[[0.5, 0.5]], [[NaN, 0, 0, 0, 0, 0, 1]], [[-0.2, 0.2, 0, 0, 0, 0, 1]], [[3, 3, 3, 3, 3, 3, 3]]])(
    'rejects %j',
    (probs) => {
      expect(() => valenceArousal(probs)).toThrow(RangeError);
    },
  );
});
