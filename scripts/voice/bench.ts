/**
 * Micro-benchmark of the runtime parts: feature extraction (ms per second of audio, µs per frame)
 * and the model (ms per window, batched and single), and the whole run-time VoiceWindowProcessor
 * (features + running normalisation when the model has one + VAD + clipping / SNR + model, a window
 * every 0.5 s) in ms per second of audio on real speech. Usage: tsx scripts/voice/bench.ts [model.json]
 */
import path from 'node:path';
import { initWasmBackend, loadLayersModelFromFile } from '../lib/tfjs-wasm-node';
import { extractFrames, FrameFeatureExtractor } from '../../src/modalities/voice/features';
import { createVoiceModel } from '../../src/modalities/voice/voice-model';
import { VoiceWindowProcessor } from '../../src/modalities/voice/voice-pipeline';
import { decodeAudio } from './audio';
import { fileURLToPath } from 'node:url';
import { ClipMeter, windowSnrDb } from '../../src/modalities/voice/signal-quality';

async function main() {
  const modelPath = path.resolve(process.argv[2] ?? 'models/voice/tfjs/model.json');
  const sig = new Float32Array(16000 * 20);
  for (let i = 0; i < sig.length; i++) sig[i] = 0.2 * Math.sin(i * 0.05) * Math.sin(i * 0.0007) + 0.02 * (Math.random() - 0.5);
  const ex = new FrameFeatureExtractor();
  extractFrames(sig, ex);
  let t0 = performance.now();
  const { nFrames } = extractFrames(sig, ex);
  const featMs = performance.now() - t0;
  await initWasmBackend();
  const m = createVoiceModel(await loadLayersModelFromFile(modelPath));
  const W = m.meta.windowFrames * m.meta.frameDim;
  const x = new Float32Array(4 * W).map(() => Math.random() * 2 - 1);
  for (let i = 0; i < 5; i++) m.predictBatch(x, 4);
  t0 = performance.now();
  for (let i = 0; i < 25; i++) m.predictBatch(x, 4);
  const batched = (performance.now() - t0) / 100;
  t0 = performance.now();
  for (let i = 0; i < 50; i++) m.predict(x.subarray(0, W));
  const single = (performance.now() - t0) / 50;
  // the runtime processor on 30 s of speech (one RAVDESS clip looped), 100 ms chunks, hop 0.5 s
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const clip = await decodeAudio(path.join(root, '../shared/data/speech/ravdess/Actor_02/03-01-05-02-01-01-02.opus'));
  const speech = new Float32Array(16000 * 30);
  for (let i = 0; i < speech.length; i++) speech[i] = clip[i % clip.length];
  const proc = new VoiceWindowProcessor(m, 0.5);
  proc.push(speech.subarray(0, 16000 * 3));
  t0 = performance.now();
  let windows = 0;
  for (let i = 16000 * 3; i < speech.length; i += 1600) windows += proc.push(speech.subarray(i, i + 1600)).length;
  const procMsPerSec = (performance.now() - t0) / 27;
  // the v2 signal-quality work alone: clip counting of 1 s of samples (50 blocks) + one SNR estimate
  const meter = new ClipMeter(100);
  const { data: fr } = extractFrames(speech.subarray(0, 16000 * 3), ex);
  t0 = performance.now();
  for (let r = 0; r < 20; r++) {
    for (let b = 0; b < 50; b++) {
      meter.push(speech.subarray(b * 320, b * 320 + 320));
      meter.nextBlock();
    }
    meter.fraction();
    windowSnrDb(fr, 100, -60);
    windowSnrDb(fr, 100, -60);
  }
  const qualityMsPerSec = (performance.now() - t0) / 20;
  m.dispose();
  console.log(JSON.stringify({
    qualityMsPerAudioSecond: +qualityMsPerSec.toFixed(4),
    processorMsPerAudioSecond: +procMsPerSec.toFixed(3),
    processorWindows: windows,
    featuresMsPerAudioSecond: +(featMs / 20).toFixed(3),
    featuresUsPerFrame: +((featMs * 1000) / nFrames).toFixed(1),
    modelMsPerWindowBatched4: +batched.toFixed(3),
    modelMsPerWindowSingle: +single.toFixed(3),
  }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
