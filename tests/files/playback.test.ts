import { describe, expect, it } from 'vitest';
import { frameAt, sampleAt } from '../../src/files/playback';
import type { Sample } from '../../src/core/types';

const s = (tMedia: number): Sample => ({ meetingId: 'm', subjectId: 'a', t: tMedia * 1000, tMedia, readings: {}, fused: null });

describe('playback lookup', () => {
  it('shows the sample of the current media second', () => {
    const samples = [s(1), s(2), s(3), s(3.4)];
    expect(sampleAt(samples, 0.2)?.tMedia).toBe(1);
    expect(sampleAt(samples, 1)?.tMedia).toBe(2);
    expect(sampleAt(samples, 1.99)?.tMedia).toBe(2);
    expect(sampleAt(samples, 3.2)?.tMedia).toBe(3.4);
    expect(sampleAt(samples, 5)).toBeNull();
    expect(sampleAt([s(1), s(5)], 2.5)).toBeNull();
  });

  it('holds a frame for a while, then lets it go', () => {
    const frames = [0, 0.5, 1].map((tMedia) => ({ tMedia, width: 1, height: 1, faces: [] }));
    expect(frameAt(frames, 0.7, 0.75)?.tMedia).toBe(0.5);
    expect(frameAt(frames, 2, 0.75)).toBeNull();
  });
});
