import { describe, expect, it } from 'vitest';
import { FusionEngine } from '../../src/fusion/fusion-engine';
import { faceReading, oneHot, peaked, voiceReading } from '../support/readings';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('FusionEngine', () => {
  it('returns null before any reading', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 2 });
    expect(engine.update({ face: faceReading(null), voice: voiceReading(null) }, 0)).toBeNull();
  });

  it('equals the other stream when one is missing', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 0 });
    const voice = peaked('sad', 0.7);
    const fused = engine.update({ face: faceReading(null), voice: voiceReading(voice) }, 0)!;
    expect(fused.weights).toEqual({ face: 0, voice: 1, text: 0 });
    fused.probs.forEach((p, i) => expect(p).toBeCloseTo(voice[i], 12));
    expect(fused.dominant).toBe('sad');
  });

  it('mixes both streams by weight and reports weights summing to 1', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 0, baseWeights: { face: 0.5, voice: 0.5 } });
    const fused = engine.update({ face: faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 1 }), voice: voiceReading(oneHot('sad'), { speech: 1 }) }, 0)!;
    expect(fused.weights.face + fused.weights.voice).toBeCloseTo(1, 12);
    expect(fused.probs[3]).toBeCloseTo(0.5, 12);
    expect(fused.probs[4]).toBeCloseTo(0.5, 12);
    expect(sum(fused.probs)).toBeCloseTo(1, 12);
  });

  it('follows the confident stream when the streams disagree', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 0 });
    const fused = engine.update({ face: faceReading(peaked('happy', 0.2)), voice: voiceReading(peaked('angry', 0.95), { speech: 1 }) }, 0)!;
    expect(fused.dominant).toBe('angry');
    expect(fused.weights.voice).toBeGreaterThan(fused.weights.face);
  });

  it('smooths with the configured half-life', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 1 });
    const perfect = { detectionScore: 1, faceSize: 1 };
    engine.update({ face: faceReading(oneHot('neutral'), perfect), voice: voiceReading(null) }, 0);
    const after = engine.update({ face: faceReading(oneHot('happy'), perfect), voice: voiceReading(null) }, 1000)!;
    expect(after.probs[3]).toBeCloseTo(0.5, 12);
    expect(after.probs[6]).toBeCloseTo(0.5, 12);
  });

  it('ignores garbage readings instead of propagating NaN', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 1 });
    const fused = engine.update({ face: faceReading([NaN, 0, 0, 0, 0, 0, 1]), voice: voiceReading(oneHot('sad')) }, 0)!;
    expect(fused.probs.every(Number.isFinite)).toBe(true);
    expect(fused.weights.face).toBe(0);
    expect(engine.update({ face: faceReading([1, 2, 3]), voice: voiceReading(null) }, 10)?.probs.every(Number.isFinite)).toBe(true);
    expect(() => engine.update({ face: faceReading(null), voice: voiceReading(null) }, NaN)).toThrow(RangeError);
  });

  it('holds the last reading with decaying confidence during a short gap, then drops it', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 2 });
    const live = engine.update({ face: faceReading(oneHot('happy')), voice: voiceReading(null) }, 0)!;
    const held = engine.update({ face: faceReading(null), voice: voiceReading(null) }, 2000)!;
    expect(held.dominant).toBe('happy');
    expect(held.weights).toEqual({ face: 0, voice: 0, text: 0 });
    expect(held.confidence).toBeCloseTo(live.confidence / 2, 12);
    expect(engine.update({ face: faceReading(null), voice: voiceReading(null) }, 10_001)).toBeNull();
  });

  it('starts fresh instead of blending in stale data after a long gap', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 1 });
    engine.update({ face: faceReading(oneHot('angry')), voice: voiceReading(null) }, 0);
    const fused = engine.update({ face: faceReading(oneHot('happy')), voice: voiceReading(null) }, 60_000)!;
    expect(fused.probs[3]).toBeCloseTo(1, 12);
  });

  it('starts fresh after reset', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 10 });
    engine.update({ face: faceReading(oneHot('angry')), voice: voiceReading(null) }, 0);
    engine.reset();
    expect(engine.update({ face: faceReading(null), voice: voiceReading(null) }, 100)).toBeNull();
    expect(engine.update({ face: faceReading(oneHot('happy')), voice: voiceReading(null) }, 200)!.dominant).toBe('happy');
  });

  it('reports confidence and valence/arousal in range', () => {
    const engine = new FusionEngine({ halfLifeSeconds: 2 });
    const fused = engine.update({ face: faceReading(peaked('happy', 0.8)), voice: voiceReading(peaked('happy', 0.6)) }, 0)!;
    expect(fused.confidence).toBeGreaterThan(0);
    expect(fused.confidence).toBeLessThanOrEqual(1);
    expect(fused.valence).toBeGreaterThan(0);
    expect(fused.arousal).toBeGreaterThanOrEqual(0);
    expect(fused.arousal).toBeLessThanOrEqual(1);
  });
});
