import { describe, expect, it } from 'vitest';
import { StreamingResampler } from '../../src/files/resampler';

const tone = (rate: number, hz: number, seconds: number, amp = 0.5) => Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
const rms = (x: Float32Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);

describe('streaming resampler', () => {
  it('keeps a speech-band tone, removes one above 8 kHz, and gives 16 kHz however the input is chunked', () => {
    const low = tone(48000, 440, 1);
    const outWhole = new StreamingResampler(48000).push([low]);
    const r = new StreamingResampler(48000);
    const pieces: Float32Array[] = [];
    for (let i = 0; i < low.length; i += 1024) pieces.push(r.push([low.subarray(i, i + 1024)]));
    const outChunked = Float32Array.from(pieces.flatMap((p) => Array.from(p)));
    expect(Math.abs(outWhole.length - 16000)).toBeLessThan(20);
    expect(outChunked.length).toBe(outWhole.length);
    for (let i = 0; i < outWhole.length; i += 997) expect(outChunked[i]).toBeCloseTo(outWhole[i], 5);
    expect(rms(outWhole.subarray(100))).toBeCloseTo(0.5 / Math.SQRT2, 2);
    const high = new StreamingResampler(48000).push([tone(48000, 12000, 1)]);
    expect(rms(high.subarray(100))).toBeLessThan(0.01);
  });

  it('downmixes channels (opposite phases cancel) and handles 44.1 kHz', () => {
    const a = tone(44100, 300, 0.5);
    const b = a.map((v) => -v);
    const out = new StreamingResampler(44100).push([a, b]);
    expect(Math.abs(out.length - 8000)).toBeLessThan(20);
    expect(rms(out)).toBeLessThan(1e-6);
  });
});
