/**
 * Prints the max |TF.js (WASM) - PyTorch| probability difference of an exported voice model on the
 * exporter's parity inputs (models/voice/tfjs/parity.json), and its file size.
 * Usage: tsx scripts/voice/parity.ts [models/voice/tfjs]
 */
import fs from 'node:fs';
import path from 'node:path';
import { initWasmBackend, loadLayersModelFromFile, tf } from '../lib/tfjs-wasm-node';
import { createVoiceModel } from '../../src/modalities/voice/voice-model';
import { RunningNorm } from '../../src/modalities/voice/running-norm';
import { parityInputs } from './parity-inputs';


async function main() {
  const dir = path.resolve(process.argv[2] ?? 'models/voice/tfjs');
  await initWasmBackend();
  const parity = JSON.parse(fs.readFileSync(path.join(dir, 'parity.json'), 'utf8'));
  const { n, T, D } = parity.inputs;
  const model = await loadLayersModelFromFile(path.join(dir, 'model.json'));
  const x = tf.tensor3d(parityInputs(n, T, D), [n, T, D]);
  const y = model.predict(x) as tf.Tensor;
  const got = (await y.array()) as number[][];
  tf.dispose([x, y]);
  let maxDiff = 0;
  got.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - parity.torchProbs[i][j])))));
  const vm = createVoiceModel(model);
  const raw = parityInputs(1, T, D).map((v, i) => v * 2 - 3 + 0.01 * (i % D));
  const p = vm.predict(raw);
  let rawDiff = 0;
  p.forEach((v, j) => (rawDiff = Math.max(rawDiff, Math.abs(v - parity.torchProbsFromRaw[j]))));
  // speaker-normalised model: a RunningNorm fed the raw window, vs the Python preprocessing
  let streamDiff: number | null = null;
  if (vm.meta.speakerNorm && parity.torchProbsFromRawWithStream) {
    const rn = new RunningNorm(vm.meta.speakerNorm);
    rn.push(raw, T);
    const ps = vm.predict(raw, rn.stats());
    streamDiff = 0;
    ps.forEach((v, j) => (streamDiff = Math.max(streamDiff!, Math.abs(v - parity.torchProbsFromRawWithStream[j]))));
  }
  vm.dispose();
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const bytes = fs.statSync(path.join(dir, 'model.json')).size +
    json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths).reduce((s: number, q: string) => s + fs.statSync(path.join(dir, q)).size, 0);
  console.log(JSON.stringify({ maxDiffNormalisedInputs: maxDiff, maxDiffRawWindowThroughVoiceModel: rawDiff, maxDiffRawWindowWithRunningNorm: streamDiff,
    float16VsFloat32WeightsMaxDiff: parity.float16VsFloat32MaxDiff, modelBytes: bytes }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
