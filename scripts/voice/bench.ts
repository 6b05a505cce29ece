/**
 * Micro-benchmark of the runtime parts: feature extraction (ms per second of audio, µs per frame)
 * and the model (ms per window, batched and single). Usage: tsx scripts/voice/bench.ts [model.json]
 */
import path from 'node:path';
import { initWasmBackend, loadLayersModelFromFile } from '../lib/tfjs-wasm-node';
import { extractFrames, FrameFeatureExtractor } from '../../src/modalities/voice/features';
import { createVoiceModel } from '../../src/modalities/voice/voice-model';

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
  m.dispose();
  console.log(JSON.stringify({
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
