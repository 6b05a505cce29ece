/**
 * Run-time signal quality (signal-quality.ts, VoiceWindowProcessor): clipping and SNR flags.
 * Speech boosted by 30 dB must be flagged as clipping; the same speech at its own level must not;
 * speech in strong noise must read a lower SNR than clean speech.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWasmBackend, loadLayersModelFromFile } from '../../../scripts/lib/tfjs-wasm-node';
import { VoiceWindowProcessor, VoiceWindowResult } from '../../../src/modalities/voice/voice-pipeline';
import { createVoiceModel } from '../../../src/modalities/voice/voice-model';
import { ClipMeter, clipFractionOf, voiceQuality, windowSnrDb } from '../../../src/modalities/voice/signal-quality';
import { extractFrames, padToWindow } from '../../../src/modalities/voice/features';
import { VoiceActivityDetector } from '../../../src/modalities/voice/vad';
import { decodeAudio, opusRoundTrip } from '../../../scripts/voice/audio';
import { addNoise, applyGain, makeNoise, makeRng } from '../../../scripts/voice/augment';

const ROOT = path.resolve(__dirname, '../../..');
const CLIPS = [
  'ravdess/Actor_02/03-01-01-01-01-01-02.opus', // neutral
  'ravdess/Actor_07/03-01-02-01-02-01-07.opus', // calm
  'nemo/EB0_anger_1.opus',
  'casia/ZhaoZuoxiang/angry/201.opus',
  'ased/angry/a5-01-01-01-01.opus',
].map((f) => path.join(ROOT, '../shared/data/speech', f));

async function run(model: Parameters<typeof createVoiceModel>[0], x: Float32Array): Promise<VoiceWindowResult[]> {
  const proc = new VoiceWindowProcessor(createVoiceModel(model), 0.5);
  const out: VoiceWindowResult[] = [];
  for (let i = 0; i < x.length; i += 1600) out.push(...proc.push(x.subarray(i, i + 1600)));
  return out;
}

describe('signal quality', () => {
  it('ClipMeter: fraction over the ring of blocks', () => {
    const m = new ClipMeter(4, 0.95);
    m.push(Float32Array.from([0.1, 0.99, -1, 0.2]));
    m.nextBlock();
    m.push(Float32Array.from([0.1, 0.1, 0.1, 0.1]));
    expect(m.fraction()).toBeCloseTo(2 / 8, 6);
    for (let k = 0; k < 4; k++) {
      m.nextBlock();
      m.push(new Float32Array(4));
    }
    expect(m.fraction()).toBe(0); // the clipped block left the ring
    expect(clipFractionOf(Float32Array.from([1, 0, 0, -0.96]))).toBeCloseTo(0.5, 6);
  });

  it('voiceQuality: clipping dominates, SNR ramps', () => {
    expect(voiceQuality(true, 40)).toBeLessThan(0.2);
    expect(voiceQuality(false, 30)).toBe(1);
    expect(voiceQuality(false, 0)).toBeCloseTo(0.2, 6);
    expect(voiceQuality(false, 10)).toBeGreaterThan(voiceQuality(false, 5));
  });

  it('windowSnrDb: clean speech reads a higher SNR than the same speech in noise at 0 dB', async () => {
    const x = await decodeAudio(CLIPS[2]);
    const rng = makeRng(5);
    const noisy = addNoise(x, makeNoise('pink', x.length, rng), 0);
    const snr = (y: Float32Array) => {
      const { data, nFrames } = extractFrames(padToWindow(y));
      const v = new VoiceActivityDetector().score(data, nFrames);
      return windowSnrDb(data, nFrames, v.noiseFloorDb);
    };
    const clean = snr(x);
    const low = snr(noisy);
    expect(clean).toBeGreaterThan(20);
    expect(low).toBeLessThan(10);
  });

  it('VoiceWindowProcessor: speech boosted 30 dB is flagged as clipping (raw and through Opus); the same speech is not', async () => {
    await initWasmBackend();
    const layers = await loadLayersModelFromFile(path.join(ROOT, 'models/voice/tfjs/model.json'));
    let flaggedBoosted = 0;
    let flaggedBoostedOpus = 0;
    let voicedClean = 0;
    let overdriven = 0;
    for (const f of CLIPS) {
      const x = await decodeAudio(f);
      let peak = 0;
      for (const v of x) peak = Math.max(peak, Math.abs(v));
      // +30 dB = x31.6: overdriven by >= 6 dB beyond full scale, or (a quiet clip) still below it
      const drive = peak * Math.pow(10, 30 / 20);
      const lead = new Float32Array(8000);
      const sig = (y: Float32Array) => {
        const s = new Float32Array(lead.length + y.length * 2);
        s.set(y, lead.length);
        s.set(y, lead.length + y.length);
        return s;
      };
      const clean = await run(layers, sig(x));
      for (const r of clean) {
        expect(r.clipping).toBe(false);
        expect(r.clipFraction).toBeLessThan(0.002);
        expect(r.quality).toBeGreaterThan(0);
        expect(Number.isFinite(r.snrDb)).toBe(true);
        if (r.probs) voicedClean++;
      }
      const boosted = applyGain(x, 30);
      const rb = (await run(layers, sig(boosted))).filter((r) => r.probs);
      if (drive < 0.95) {
        // a quiet clip made loud but not clipped: nothing to flag
        for (const r of rb) expect(r.clipping).toBe(false);
        continue;
      }
      expect(drive).toBeGreaterThan(2);
      overdriven++;
      // most voiced windows of boosted speech are flagged, with a low fusion weight
      if (rb.filter((r) => r.clipping).length >= rb.length / 2) flaggedBoosted++;
      for (const r of rb.filter((q) => q.clipping)) expect(r.quality).toBeLessThan(0.2);
      const ro = (await run(layers, sig(await opusRoundTrip(boosted, 16000)))).filter((r) => r.probs);
      if (ro.filter((r) => r.clipping).length >= ro.length / 2) flaggedBoostedOpus++;
    }
    expect(voicedClean).toBeGreaterThan(10);
    expect(overdriven).toBe(CLIPS.length - 1); // all but the quiet calm clip (peak 0.027)
    expect(flaggedBoosted).toBe(overdriven);
    expect(flaggedBoostedOpus).toBe(overdriven);
    layers.dispose();
  }, 120000);
});
