import { describe, expect, it } from 'vitest';
import { modalityWeights } from '../../src/fusion/weights';
import { faceReading, oneHot, peaked, textReading, voiceReading } from '../support/readings';

describe('streamWeights', () => {
  it('sums to 1 when any stream is usable', () => {
    const cases = [
      modalityWeights({ face: faceReading(peaked('happy', 0.6)), voice: voiceReading(peaked('sad', 0.4)) }),
      modalityWeights({ face: faceReading(peaked('happy', 0.6), { faceSize: 0.05 }), voice: voiceReading(peaked('sad', 0.9), { speech: 0.3 }) }),
      modalityWeights({ face: faceReading(null), voice: voiceReading(peaked('sad', 0.4)) }),
    ];
    for (const { weights } of cases) expect(weights.face + weights.voice).toBeCloseTo(1, 12);
  });

  it('uses the base weights for equally good and certain streams', () => {
    const { weights } = modalityWeights({ face: faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 0.5 }), voice: voiceReading(oneHot('sad'), { speech: 1 }) });
    expect(weights.face).toBeCloseTo(0.6, 12);
    expect(weights.voice).toBeCloseTo(0.4, 12);
    const custom = modalityWeights({ face: faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 0.5 }), voice: voiceReading(oneHot('sad'), { speech: 1 }) }, { face: 0.5, voice: 0.5 });
    expect(custom.weights.face).toBeCloseTo(0.5, 12);
  });

  it('gives a missing, disabled or failing stream weight 0', () => {
    expect(modalityWeights({ face: faceReading(null), voice: voiceReading(oneHot('sad')) }).weights).toEqual({ face: 0, voice: 1, text: 0 });
    expect(modalityWeights({ face: faceReading(oneHot('happy'), { state: 'off' }), voice: voiceReading(oneHot('sad')) }).weights.face).toBe(0);
    expect(modalityWeights({ face: faceReading(oneHot('happy')), voice: voiceReading(oneHot('sad'), { state: 'error' }) }).weights.voice).toBe(0);
    expect(modalityWeights({ voice: voiceReading(oneHot('sad')) }).weights.face).toBe(0);
  });

  it('rejects garbage probabilities as if the stream were missing', () => {
    for (const probs of [[NaN, 0, 0, 0, 0, 0, 1], [1, 0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [-1, 2, 0, 0, 0, 0, 0]]) {
      const { weights } = modalityWeights({ face: faceReading(probs), voice: voiceReading(oneHot('sad')) });
      expect(weights).toEqual({ face: 0, voice: 1, text: 0 });
    }
  });

  it('gives both 0 and trust 0 when nothing is usable', () => {
    const r = modalityWeights({ face: faceReading(null), voice: voiceReading(null) });
    expect(r.weights).toEqual({ face: 0, voice: 0, text: 0 });
    expect(r.trust).toBe(0);
    expect(modalityWeights({ face: faceReading(oneHot('happy'), { detectionScore: NaN }), voice: voiceReading(null) }).weights).toEqual({
      face: 0,
      voice: 0,
      text: 0,
    });
  });

  it('lowers the face weight for a small or poorly detected face', () => {
    const voice = voiceReading(oneHot('sad'));
    const big = modalityWeights({ face: faceReading(oneHot('happy'), { faceSize: 0.4 }), voice: voice }).weights.face;
    const small = modalityWeights({ face: faceReading(oneHot('happy'), { faceSize: 0.03 }), voice: voice }).weights.face;
    const unsure = modalityWeights({ face: faceReading(oneHot('happy'), { detectionScore: 0.3 }), voice: voice }).weights.face;
    expect(small).toBeLessThan(big);
    expect(unsure).toBeLessThan(big);
  });

  it('lowers the voice weight when there is little speech', () => {
    const face = faceReading(oneHot('happy'));
    const speaking = modalityWeights({ face: face, voice: voiceReading(oneHot('sad'), { speech: 1 }) }).weights.voice;
    const mumbling = modalityWeights({ face: face, voice: voiceReading(oneHot('sad'), { speech: 0.1 }) }).weights.voice;
    expect(mumbling).toBeLessThan(speaking);
  });

  it('lets the confident stream dominate', () => {
    const { weights } = modalityWeights({ face: faceReading(peaked('happy', 0.2)), voice: // nearly uniform
      voiceReading(oneHot('sad'), { speech: 1 }) });
    expect(weights.voice).toBeGreaterThan(weights.face);
  });
});

describe('any set of modalities', () => {
  it('fuses text alone, and text with face and voice, with weights summing to 1', () => {
    const alone = modalityWeights({ text: textReading(oneHot('sad')) });
    expect(alone.weights).toEqual({ face: 0, voice: 0, text: 1 });
    const all = modalityWeights({
      face: faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 0.5 }),
      voice: voiceReading(oneHot('sad'), { speech: 1 }),
      text: textReading(oneHot('angry')),
    });
    expect(all.weights.face + all.weights.voice + all.weights.text).toBeCloseTo(1, 12);
    // equally good and certain: the base weights 0.6 : 0.4 : 0.25, normalised
    expect(all.weights.text).toBeCloseTo(0.25 / 1.25, 12);
    expect(Object.keys(all.probs).sort()).toEqual(['face', 'text', 'voice']);
  });

  it('gives a missing modality weight 0 and leaves the others in their ratio', () => {
    const two = modalityWeights({ face: faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 0.5 }), text: textReading(oneHot('sad')) });
    expect(two.weights.voice).toBe(0);
    expect(two.weights.face / two.weights.text).toBeCloseTo(0.6 / 0.25, 12);
    expect(modalityWeights({}).weights).toEqual({ face: 0, voice: 0, text: 0 });
  });
});

describe('typed-array readings', () => {
  it('accepts a Float32Array as a model returns it', () => {
    const probs = Float32Array.from(oneHot('happy')) as unknown as number[];
    const r = modalityWeights({ face: faceReading(probs), voice: voiceReading(null) });
    expect(r.weights.face).toBe(1);
    expect(Array.isArray(r.probs.face)).toBe(true);
  });
});
