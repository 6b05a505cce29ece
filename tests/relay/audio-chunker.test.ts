import { describe, expect, it } from 'vitest';
import { AUDIO_CHUNK_MS, audioChunker } from '../../src/relay/audio-chunker';

describe('audioChunker', () => {
  it('hands on one contiguous chunk once AUDIO_CHUNK_MS are gathered, samples in order, nothing lost', () => {
    const out: { samples: Float32Array; rate: number }[] = [];
    const push = audioChunker((samples, rate) => out.push({ samples, rate }));
    const rate = 48_000;
    const block = 480; // 10 ms, as a track processor gives them
    let next = 0;
    for (let b = 0; b < 25; b++) push(Float32Array.from({ length: block }, () => next++), rate);
    const perChunk = (rate * AUDIO_CHUNK_MS) / 1000 / block;
    expect(out).toHaveLength(Math.floor(25 / perChunk));
    expect(out.every((c) => c.rate === rate && c.samples.length === block * perChunk)).toBe(true);
    const all = out.flatMap((c) => [...c.samples]);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i));
  });

  it('takes blocks larger than a chunk whole (a script processor\'s 4096 samples)', () => {
    const sizes: number[] = [];
    const push = audioChunker((samples) => sizes.push(samples.length));
    for (let b = 0; b < 3; b++) push(new Float32Array(4096), 16_000);
    expect(sizes).toEqual([4096, 4096, 4096]);
  });
});
