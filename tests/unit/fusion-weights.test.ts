import { describe, expect, it } from 'vitest';
import { streamWeights } from '../../src/fusion/weights';
import { faceReading, oneHot, peaked, voiceReading } from './fusion-helpers';

describe('streamWeights', () => {
  it('sums to 1 when any stream is usable', () => {
    const cases = [
      streamWeights(faceReading(peaked('happy', 0.6)), voiceReading(peaked('sad', 0.4))),
      streamWeights(faceReading(peaked('happy', 0.6), { faceSize: 0.05 }), voiceReading(peaked('sad', 0.9), { speech: 0.3 })),
      streamWeights(faceReading(null), voiceReading(peaked('sad', 0.4))),
    ];
    for (const { weights } of cases) expect(weights.face + weights.voice).toBeCloseTo(1, 12);
  });

  it('uses the base weights for equally good and certain streams', () => {
    const { weights } = streamWeights(
      faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 0.5 }),
      voiceReading(oneHot('sad'), { speech: 1 }),
    );
    expect(weights.face).toBeCloseTo(0.6, 12);
    expect(weights.voice).toBeCloseTo(0.4, 12);
    const custom = streamWeights(
      faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 0.5 }),
      voiceReading(oneHot('sad'), { speech: 1 }),
      { face: 0.5, voice: 0.5 },
    );
    expect(custom.weights.face).toBeCloseTo(0.5, 12);
  });

  it('gives a missing, disabled or failing stream weight 0', () => {
    expect(streamWeights(faceReading(null), voiceReading(oneHot('sad'))).weights).toEqual({ face: 0, voice: 1 });
    expect(streamWeights(faceReading(oneHot('happy'), { state: 'off' }), voiceReading(oneHot('sad'))).weights.face).toBe(0);
    expect(streamWeights(faceReading(oneHot('happy')), voiceReading(oneHot('sad'), { state: 'error' })).weights.voice).toBe(0);
    expect(streamWeights(null, voiceReading(oneHot('sad'))).weights.face).toBe(0);
  });

  it('rejects garbage probabilities as if the stream were missing', () => {
    for (const probs of [[NaN, 0, 0, 0, 0, 0, 1], [1, 0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [-1, 2, 0, 0, 0, 0, 0]]) {
      const { weights } = streamWeights(faceReading(probs), voiceReading(oneHot('sad')));
      expect(weights).toEqual({ face: 0, voice: 1 });
    }
  });

  it('gives both 0 and trust 0 when nothing is usable', () => {
    const r = streamWeights(faceReading(null), voiceReading(null));
    expect(r.weights).toEqual({ face: 0, voice: 0 });
    expect(r.trust).toBe(0);
    expect(streamWeights(faceReading(oneHot('happy'), { detectionScore: NaN }), voiceReading(null)).weights).toEqual({
      face: 0,
      voice: 0,
    });
  });

  it('lowers the face weight for a small or poorly detected face', () => {
    const voice = voiceReading(oneHot('sad'));
    const big = streamWeights(faceReading(oneHot('happy'), { faceSize: 0.4 }), voice).weights.face;
    const small = streamWeights(faceReading(oneHot('happy'), { faceSize: 0.03 }), voice).weights.face;
    const unsure = streamWeights(faceReading(oneHot('happy'), { detectionScore: 0.3 }), voice).weights.face;
    expect(small).toBeLessThan(big);
    expect(unsure).toBeLessThan(big);
  });

  it('lowers the voice weight when there is little speech', () => {
    const face = faceReading(oneHot('happy'));
    const speaking = streamWeights(face, voiceReading(oneHot('sad'), { speech: 1 })).weights.voice;
    const mumbling = streamWeights(face, voiceReading(oneHot('sad'), { speech: 0.1 })).weights.voice;
    expect(mumbling).toBeLessThan(speaking);
  });

  it('lets the confident stream dominate', () => {
    const { weights } = streamWeights(
      faceReading(peaked('happy', 0.2)), // nearly uniform
      voiceReading(oneHot('sad'), { speech: 1 }),
    );
    expect(weights.voice).toBeGreaterThan(weights.face);
  });
});

describe('typed-array readings', () => {
  it('accepts a Float32Array as a model returns it', () => {
    const probs = Float32Array.from(oneHot('happy')) as unknown as number[];
    const r = streamWeights(faceReading(probs), voiceReading(null));
    expect(r.weights.face).toBe(1);
    expect(Array.isArray(r.probs.face)).toBe(true);
  });
});
