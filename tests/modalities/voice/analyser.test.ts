/**
 * The pure part of voice-pipeline.ts (VoiceWindowProcessor): 100 ms chunks in, one result per hop
 * once a 2 s window is buffered; probabilities for speech, null for silence.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWasmBackend, loadLayersModelFromFile, tf } from '../../../scripts/lib/tfjs-wasm-node';
import { VoiceWindowProcessor } from '../../../src/modalities/voice/voice-pipeline';
import { createVoiceModel } from '../../../src/modalities/voice/voice-model';
import { decodeAudio } from '../../../scripts/voice/audio';

const ROOT = path.resolve(__dirname, '../../..');

describe('VoiceWindowProcessor', () => {
  it('reports every hop; null probs for silence, 7 probs for speech; no tensor leak', async () => {
    await initWasmBackend();
    const model = createVoiceModel(await loadLayersModelFromFile(path.join(ROOT, 'models/voice/tfjs/model.json')));
    const speech = await decodeAudio(path.join(ROOT, '../shared/data/speech/ravdess/Actor_02/03-01-05-02-01-01-02.opus'));
    const silence = new Float32Array(3 * 16000);
    const signal = new Float32Array(silence.length + speech.length + speech.length);
    signal.set(silence, 0);
    signal.set(speech, silence.length);
    signal.set(speech, silence.length + speech.length);
    const proc = new VoiceWindowProcessor(model, 0.5);
    const before = tf.memory().numTensors;
    const results = [];
    for (let i = 0; i < signal.length; i += 1600) results.push(...proc.push(signal.subarray(i, i + 1600)));
    expect(tf.memory().numTensors).toBe(before);
    const seconds = signal.length / 16000;
    // first result after 2 s, then every 0.5 s
    expect(results.length).toBe(Math.floor((seconds - 2.01) / 0.5) + 1);
    expect(results[0].t).toBeCloseTo(2.012, 2);
    expect(results[1].t - results[0].t).toBeCloseTo(0.5, 2);
    // windows inside the leading silence
    expect(results[0].probs).toBeNull();
    expect(results[0].speech).toBeLessThan(0.5);
    expect(results[0].rms).toBe(0);
    // windows fully inside the speech part (start >= 3 s)
    const inSpeech = results.filter((r) => r.t >= 5.2);
    expect(inSpeech.length).toBeGreaterThan(3);
    const voiced = inSpeech.filter((r) => r.probs);
    expect(voiced.length).toBeGreaterThan(inSpeech.length / 2);
    for (const r of voiced) {
      expect(r.probs!.length).toBe(7);
      expect(r.probs!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(r.speech).toBeGreaterThanOrEqual(0.5);
    }
    model.dispose();
  }, 60000);
});
