import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf, fileIOHandler } from '../../../scripts/lib/tfjs-wasm-node';
import { loadExpressionModel } from '../../../src/modalities/face/expression-model';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FACES_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'faces');
export const MODEL_DIR = path.join(REPO_ROOT, 'models', 'face', 'tfjs');
export const MODEL_V1_DIR = path.join(REPO_ROOT, 'models', 'face', 'tfjs-v1');
/** The v2 model (models/face/README.md): models/face/tfjs-v2 while it is not the shipped one. */
export const MODEL_V2_DIR = fs.existsSync(path.join(REPO_ROOT, 'models', 'face', 'tfjs-v2', 'model.json'))
  ? path.join(REPO_ROOT, 'models', 'face', 'tfjs-v2') : MODEL_DIR;
export const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

interface Parity { inputs: number[][]; torchFloat: number[][]; torchDequantized: number[][]; torchFloatFlipTTA: number[][]; torchDequantizedFlipTTA: number[][] }

/** Runs the runtime on the parity fixtures of an exported model folder. */
export async function runParity(dir: string, flipTTA = false) {
  const parity = JSON.parse(fs.readFileSync(path.join(dir, 'parity.json'), 'utf8')) as Parity;
  const model = await loadExpressionModel(fileIOHandler(path.join(dir, 'model.json')), { flipTTA });
  const refDeq = flipTTA ? parity.torchDequantizedFlipTTA : parity.torchDequantized;
  const refFloat = flipTTA ? parity.torchFloatFlipTTA : parity.torchFloat;
  let vsDeq = 0;
  let vsFloat = 0;
  const before = tf.memory().numTensors;
  parity.inputs.forEach((px, i) => {
    const img = tf.tensor3d(Uint8Array.from(px), [48, 48, 1], 'int32');
    const p = model.predict(img, null);
    img.dispose();
    vsDeq = Math.max(vsDeq, maxAbsDiff(p, refDeq[i]));
    vsFloat = Math.max(vsFloat, maxAbsDiff(p, refFloat[i]));
  });
  const leaked = tf.memory().numTensors - before;
  model.dispose();
  return { vsDeq, vsFloat, leaked, n: parity.inputs.length };
}

