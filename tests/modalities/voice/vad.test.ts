import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFrames, FRAME_DIM, padToWindow, windowStarts } from '../../../src/modalities/voice/features';
import { VoiceActivityDetector } from '../../../src/modalities/voice/vad';
import { decodeAudio } from '../../../scripts/voice/audio';
import { csvRecords } from '../../../scripts/lib/csv-records';

const SR = 16000;
const T = 100;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const whiteNoise = (sec: number, amp: number, seed = 3) => {
  const r = rng(seed);
  return Float32Array.from({ length: Math.round(sec * SR) }, () => amp * (2 * r() - 1));
};
const tone = (hz: number, sec: number, amp = 0.2) => Float32Array.from({ length: Math.round(sec * SR) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));

/** Speech-like: syllables (~4/s) of a harmonic source with a gliding pitch, pauses between words. */
function syntheticSpeech(sec: number, amp = 0.2, seed = 5): Float32Array {
  const r = rng(seed);
  const x = new Float32Array(Math.round(sec * SR));
  let phase = 0;
  let t = 0;
  while (t < x.length) {
    const syl = Math.round((0.12 + 0.15 * r()) * SR);
    const gap = Math.round((0.03 + (r() < 0.2 ? 0.3 : 0.06) * r()) * SR);
    const f0a = 110 + 120 * r();
    const f0b = f0a * (0.8 + 0.4 * r());
    const loud = 0.4 + 0.6 * r();
    for (let i = 0; i < syl && t + i < x.length; i++) {
      const f0 = f0a + ((f0b - f0a) * i) / syl;
      phase += (2 * Math.PI * f0) / SR;
      const env = Math.sin((Math.PI * i) / syl) * loud;
      let s = 0;
      for (let k = 1; k <= 20; k++) s += Math.sin(k * phase) / k ** 1.2 * (k * f0 < 1000 ? 1 : 0.4);
      x[t + i] = amp * env * s * 0.5;
    }
    t += syl + gap;
  }
  return x;
}

const mix = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + (b[i] ?? 0));
const concat = (...xs: Float32Array[]) => {
  const out = new Float32Array(xs.reduce((s, x) => s + x.length, 0));
  let o = 0;
  for (const x of xs) (out.set(x, o), (o += x.length));
  return out;
};

/** Speech score of each 2 s window every 0.5 s, with one detector run over the signal. */
function scores(x: Float32Array, vad = new VoiceActivityDetector()) {
  const { data, nFrames } = extractFrames(padToWindow(x));
  return windowStarts(nFrames, T, 25).map((s) => vad.score(data.subarray(s * FRAME_DIM, (s + T) * FRAME_DIM), T, s + T));
}

describe('voice activity on synthetic signals', () => {
  it('silence is not speech', () => {
    for (const r of scores(new Float32Array(SR * 4))) {
      expect(r.speech).toBeLessThan(0.05);
      expect(r.isSpeech).toBe(false);
    }
  });
  it('steady white noise is not speech, at any level', () => {
    for (const amp of [0.003, 0.05, 0.5]) for (const r of scores(whiteNoise(5, amp))) expect(r.speech).toBeLessThan(0.2);
  });
  it('a steady tone or hum is not speech', () => {
    for (const hz of [150, 440, 1000]) for (const r of scores(tone(hz, 4))) expect(r.speech).toBeLessThan(0.2);
  });
  it('speech-like harmonic syllables are speech', () => {
    const rs = scores(syntheticSpeech(5));
    for (const r of rs) expect(r.isSpeech).toBe(true);
  });
  it('speech in noise (10 dB SNR) is detected after a noise-only lead-in, and the lead-in is not', () => {
    const sp = syntheticSpeech(5, 0.2);
    // RMS over the voiced samples -> uniform noise 10 dB below it (uniform amplitude a has RMS a/sqrt(3))
    const voiced = sp.filter((v) => v !== 0);
    const speechRms = Math.sqrt(voiced.reduce((a, v) => a + v * v, 0) / voiced.length);
    const noise = whiteNoise(8, (speechRms / Math.sqrt(10)) * Math.sqrt(3), 11);
    const rs = scores(mix(noise, concat(new Float32Array(3 * SR), sp)));
    // windows entirely inside the first 3 s (start <= 1 s) are noise only
    expect(rs.slice(0, 2).every((r) => !r.isSpeech)).toBe(true);
    // windows entirely inside the speech (start >= 3 s)
    expect(rs.slice(6, 10).every((r) => r.isSpeech)).toBe(true);
  });
  it('the noise floor adapts: it follows the quiet level, rising slowly', () => {
    const vad = new VoiceActivityDetector();
    scores(whiteNoise(3, 0.001), vad);
    const quiet = vad.noiseFloorDb;
    scores(whiteNoise(2, 0.1, 9), vad);
    const after = vad.noiseFloorDb;
    expect(after).toBeGreaterThan(quiet);
    expect(after - quiet).toBeLessThan(10); // 2 s at 3 dB/s, not the full 40 dB jump
  });
});

const RAVDESS = path.resolve(__dirname, '../../../../shared/data/speech/ravdess');

describe('voice activity on real speech (RAVDESS clips)', () => {
  it('finds speech in every clip and none in its own silent lead-in', async () => {
    const rows = csvRecords(fs.readFileSync(path.join(RAVDESS, 'metadata.csv'), 'utf8'));
    // 14 clips across actors and emotions (including quiet neutral/sad ones)
    const picked = rows.filter((_, i) => i % 86 === 3).slice(0, 14);
    expect(picked.length).toBe(14);
    let found = 0;
    for (const r of picked) {
      const x = await decodeAudio(path.join(RAVDESS, r.file));
      const rs = scores(x);
      if (rs.some((q) => q.isSpeech)) found++;
      // the first 0.25 s of a RAVDESS clip is silence (room noise): loop it to 3 s
      const lead = x.subarray(0, Math.round(0.25 * SR));
      const looped = Float32Array.from({ length: 3 * SR }, (_, i) => lead[i % lead.length]);
      for (const q of scores(looped)) expect(q.isSpeech).toBe(false);
    }
    expect(found).toBe(picked.length);
  }, 60000);
});
