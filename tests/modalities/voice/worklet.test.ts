/**
 * public/voice-worklet.js in a fake AudioWorkletGlobalScope: mono downmix, 48 kHz -> 16 kHz
 * resampling (frequency and level preserved, aliasing suppressed), 100 ms chunks, transferred.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

type Proc = { process(inputs: Float32Array[][]): boolean; port: { onmessage: ((e: { data: unknown }) => void) | null } };

function loadWorklet(rate: number) {
  const posted: { data: Float32Array; transfer: ArrayBuffer[] }[] = [];
  let Ctor: (new (o: unknown) => Proc) | null = null;
  class AudioWorkletProcessor {
    port = {
      onmessage: null,
      postMessage: (data: Float32Array, transfer: ArrayBuffer[]) => posted.push({ data, transfer }),
    };
  }
  const ctx = vm.createContext({
    AudioWorkletProcessor,
    sampleRate: rate,
    registerProcessor: (name: string, c: new (o: unknown) => Proc) => {
      expect(name).toBe('voice-capture');
      Ctor = c;
    },
    Math,
    Float32Array,
  });
  vm.runInContext(fs.readFileSync(path.resolve(__dirname, '../../../public/voice-worklet.js'), 'utf8'), ctx);
  const proc = new Ctor!({ processorOptions: { targetRate: 16000, chunkSamples: 1600 } });
  return { proc, posted };
}

function run(rate: number, f: (t: number) => number, seconds: number, channels = 2) {
  const { proc, posted } = loadWorklet(rate);
  const total = Math.round(seconds * rate);
  for (let s = 0; s < total; s += 128) {
    const chans = Array.from({ length: channels }, (_, c) => Float32Array.from({ length: 128 }, (_, i) => (c === 0 ? f((s + i) / rate) : c === 1 ? f((s + i) / rate) : 0)));
    expect(proc.process([chans])).toBe(true);
  }
  const out = new Float32Array(posted.reduce((a, p) => a + p.data.length, 0));
  let o = 0;
  for (const p of posted) (out.set(p.data, o), (o += p.data.length));
  return { out, posted };
}

/** Amplitude of frequency hz in x (16 kHz), by correlation. */
function amplitudeAt(x: Float32Array, hz: number) {
  let c = 0, s = 0;
  for (let i = 0; i < x.length; i++) {
    c += x[i] * Math.cos((2 * Math.PI * hz * i) / 16000);
    s += x[i] * Math.sin((2 * Math.PI * hz * i) / 16000);
  }
  return (2 * Math.sqrt(c * c + s * s)) / x.length;
}

describe('voice-worklet.js', () => {
  it('posts 100 ms chunks at 16 kHz, transferring their buffers', () => {
    const { out, posted } = run(48000, (t) => 0.5 * Math.sin(2 * Math.PI * 440 * t), 2.0);
    // 2 s -> 32000 samples at 16 kHz, less the filter delay: 19 full chunks
    expect(posted.length).toBe(19);
    for (const p of posted) {
      expect(p.data.length).toBe(1600);
      expect(p.transfer[0]).toBe(p.data.buffer);
    }
    expect(out.length).toBe(19 * 1600);
  });
  it('keeps a 1 kHz tone (frequency and level) and removes a 12 kHz tone (no aliasing at 4 kHz)', () => {
    const { out } = run(48000, (t) => 0.5 * Math.sin(2 * Math.PI * 1000 * t), 1.0);
    const x = out.subarray(400);
    expect(amplitudeAt(x, 1000)).toBeCloseTo(0.5, 1);
    const { out: hi } = run(48000, (t) => 0.5 * Math.sin(2 * Math.PI * 12000 * t), 1.0);
    expect(amplitudeAt(hi.subarray(400), 4000)).toBeLessThan(0.01);
  });
  it('downmixes stereo to mono (mean of the channels) and handles 44.1 kHz', () => {
    const { out } = run(44100, (t) => 0.4 * Math.sin(2 * Math.PI * 500 * t), 1.0, 3);
    // channels: tone, tone, silence -> 2/3 of the level
    expect(amplitudeAt(out.subarray(400), 500)).toBeCloseTo((0.4 * 2) / 3, 1);
    expect(out.length).toBe(10 * 1600); // 44160 input samples (whole render quanta) -> 16022 - filter delay
  });
});
