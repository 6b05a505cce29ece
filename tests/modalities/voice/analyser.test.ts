/**
 * The pure part of voice-pipeline.ts (VoiceWindowProcessor): 100 ms chunks in, one result per hop
 * once a 2 s window is buffered; probabilities for speech, null for silence.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

  it('with a speaker-normalised model: feeds the running statistics (speech frames only), reports quality fields', async () => {
    await initWasmBackend();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-proc-spk-'));
    const ex = spawnSync('/usr/bin/python3', [path.join(ROOT, 'models/voice/export_tfjs.py'), '--random-tiny-spk', '--out', out], { encoding: 'utf8' });
    expect(ex.status, ex.stderr).toBe(0);
    const model = createVoiceModel(await loadLayersModelFromFile(path.join(out, 'model.json')));
    const speech = await decodeAudio(path.join(ROOT, '../shared/data/speech/ravdess/Actor_02/03-01-05-02-01-01-02.opus'));
    const signal = new Float32Array(16000 * 2 + speech.length);
    signal.set(speech, 16000 * 2); // 2 s of digital silence, then speech
    const proc = new VoiceWindowProcessor(model, 0.5);
    const before = tf.memory().numTensors;
    const results = [];
    for (let i = 0; i < signal.length; i += 1600) results.push(...proc.push(signal.subarray(i, i + 1600)));
    expect(tf.memory().numTensors).toBe(before);
    const silent = results.filter((r) => r.t < 1.9);
    expect(silent.length).toBeGreaterThan(0);
    for (const r of silent) expect(r.normFrames).toBe(0); // silence does not pull the statistics
    const last = results[results.length - 1];
    expect(last.normFrames).toBeGreaterThan(20);
    for (let k = 1; k < results.length; k++) expect(results[k].normFrames).toBeGreaterThanOrEqual(results[k - 1].normFrames);
    for (const r of results) {
      expect(typeof r.clipping).toBe('boolean');
      expect(r.clipping).toBe(false);
      expect(r.quality).toBeGreaterThan(0);
      expect(r.quality).toBeLessThanOrEqual(1);
    }
    proc.resetNormalisation();
    const after = proc.push(new Float32Array(16000)); // 1 s of silence: two hops
    expect(after.length).toBeGreaterThanOrEqual(1);
    for (const r of after) expect(r.normFrames).toBe(0);
    model.dispose();
    fs.rmSync(out, { recursive: true, force: true });
  }, 60000);
});
