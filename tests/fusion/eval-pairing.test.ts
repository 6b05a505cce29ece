import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../src/core/emotions';
import { balancedSubset, bootstrap, drawTriples, makeRng, poolsByClass, score, splitHalves, spread } from '../../scripts/fusion/pairing';
import { decide, doubtRule, SINGLE_AND_SUM_RULES } from '../../scripts/fusion/rules';

const c = (e: (typeof EMOTIONS)[number]) => EMOTIONS.indexOf(e);

describe('eval-fusion pairing (class-conditional triples)', () => {
  // face has every class; voice lacks disgust and surprise (as ASED); text lacks fear
  const faceLabels = EMOTIONS.flatMap((_, k) => [k, k, k]);
  const voiceLabels = [c('angry'), c('fear'), c('happy'), c('sad'), c('neutral'), c('happy')];
  const textLabels = [c('neutral'), c('angry'), c('happy'), c('sad'), c('disgust'), c('surprise'), c('angry')];
  const pools = { face: poolsByClass(faceLabels), voice: poolsByClass(voiceLabels), text: poolsByClass(textLabels) };

  it('every member of a triple has the triple\'s class; classes a modality lacks are skipped and named', () => {
    const { triples, skipped } = drawTriples(pools, 10, makeRng(3));
    expect(skipped).toEqual([
      { emotion: 'disgust', missing: ['voice'] },
      { emotion: 'fear', missing: ['text'] },
      { emotion: 'surprise', missing: ['voice'] },
    ]);
    expect(new Set(triples.map((t) => EMOTIONS[t.label]))).toEqual(new Set(['angry', 'happy', 'sad', 'neutral']));
    for (const t of triples) {
      expect(faceLabels[t.face]).toBe(t.label);
      expect(voiceLabels[t.voice]).toBe(t.label);
      expect(textLabels[t.text]).toBe(t.label);
    }
    // balanced: 10 per class
    for (const k of [c('angry'), c('happy'), c('sad'), c('neutral')]) expect(triples.filter((t) => t.label === k)).toHaveLength(10);
  });

  it('draws are reproducible from the seed and differ between seeds', () => {
    expect(drawTriples(pools, 20, makeRng(5))).toEqual(drawTriples(pools, 20, makeRng(5)));
    expect(drawTriples(pools, 20, makeRng(5)).triples).not.toEqual(drawTriples(pools, 20, makeRng(6)).triples);
  });

  it('the two halves are disjoint, cover everything and split each class evenly', () => {
    const { triples } = drawTriples(pools, 11, makeRng(8));
    const tagged = triples.map((t, id) => ({ ...t, id }));
    const [a, b] = splitHalves(tagged, makeRng(9));
    expect(a.length + b.length).toBe(tagged.length);
    expect(new Set([...a, ...b].map((t) => t.id)).size).toBe(tagged.length);
    for (const k of new Set(tagged.map((t) => t.label))) {
      expect(a.filter((t) => t.label === k)).toHaveLength(5);
      expect(b.filter((t) => t.label === k)).toHaveLength(6);
    }
  });

  it('a balanced subset keeps at most cap of each class and every sample of a rarer class', () => {
    const labels = [...new Array(50).fill(c('happy')), ...new Array(3).fill(c('fear')), ...new Array(12).fill(c('sad'))];
    const sub = balancedSubset(labels, 10, makeRng(1));
    const count = (k: number) => sub.filter((i) => labels[i] === k).length;
    expect([count(c('happy')), count(c('fear')), count(c('sad'))]).toEqual([10, 3, 10]);
    expect(new Set(sub).size).toBe(sub.length);
  });

  it('rejects a label that is not a class index', () => {
    expect(() => poolsByClass([0, 7])).toThrow(RangeError);
  });
});

describe('eval-fusion metrics and spread', () => {
  it('accuracy and macro-F1 of known predictions', () => {
    // angry: 2 of 2 right; happy: 1 of 2 right (one read as angry) -> F1 angry 0.8, happy 2/3
    const s = score([c('angry'), c('angry'), c('happy'), c('happy')], [c('angry'), c('angry'), c('happy'), c('angry')]);
    expect(s.accuracy).toBe(0.75);
    expect(s.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 4);
  });

  it('spread: mean, sample sd and percentiles', () => {
    const s = spread([1, 2, 3, 4, 5]);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect([s.lo, s.hi]).toEqual([1, 5]);
    expect(() => spread([])).toThrow(RangeError);
  });

  it('bootstrap resamples positions with replacement: a constant statistic has no spread, a mean has some', () => {
    const values = [0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
    const means = bootstrap(values.length, 400, makeRng(2), (pos) => pos.reduce((a, i) => a + values[i], 0) / pos.length);
    const s = spread(means);
    expect(s.mean).toBeGreaterThan(0.6);
    expect(s.mean).toBeLessThan(0.8);
    expect(s.hi - s.lo).toBeGreaterThan(0.2);
    expect(spread(bootstrap(10, 50, makeRng(2), () => 0.5)).sd).toBe(0);
  });
});

describe('eval-fusion rules run the runtime fusion', () => {
  const spread7 = (top: number, p: number) => EMOTIONS.map((_, k) => (k === top ? p : (1 - p) / 6));
  /** face and voice torn between happy and sad (gap 0.04); the text leans sad, too unsure to outweigh them in the sum */
  const torn = EMOTIONS.map((e) => (e === 'happy' ? 0.4 : e === 'sad' ? 0.36 : 0.24 / 5));
  const probs = { face: torn, voice: torn, text: spread7(c('sad'), 0.3) };

  it('single modalities read their own argmax; the doubt rule lets the words settle a close call, the weighted sum does not', () => {
    const byName = Object.fromEntries(SINGLE_AND_SUM_RULES.map((r) => [r.name, decide(r, probs)]));
    expect(byName['text alone']).toBe(c('sad'));
    expect(byName['face alone']).toBe(c('happy'));
    expect(byName['face+voice+text weighted']).toBe(c('happy'));
    expect(decide(doubtRule(0.1), probs)).toBe(c('sad'));
    // a margin smaller than the 0.04 gap: no doubt, face+voice stand
    expect(decide(doubtRule(0.02), probs)).toBe(c('happy'));
  });
});
