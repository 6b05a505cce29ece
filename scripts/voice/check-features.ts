/**
 * Checks that the training features (models/voice/work/features, float16) equal what the current
 * runtime feature code computes for the same clips (un-augmented copies): guards against drift
 * between training and inference. Usage: tsx scripts/voice/check-features.ts [--n 20]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFrames, FRAME_DIM, padToWindow } from '../../src/modalities/voice/features';
import { decodeAudio } from './audio';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(ROOT, 'models/voice/work/features');
const nArg = process.argv.indexOf('--n');
const N = nArg >= 0 ? Number(process.argv[nArg + 1]) : 20;

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
const fd = fs.openSync(path.join(dir, 'frames.f16'), 'r');
const clean = index.items.filter((it: { copy: number }) => it.copy === 0);
let worst = 0;
let worstAbs = 0;
for (let k = 0; k < N; k++) {
  const it = clean[Math.floor((k * clean.length) / N)];
  const buf = Buffer.alloc(it.nFrames * FRAME_DIM * 2);
  fs.readSync(fd, buf, 0, buf.length, it.offset * FRAME_DIM * 2);
  const stored = new Uint16Array(buf.buffer, buf.byteOffset, buf.length / 2);
  const { data, nFrames } = extractFrames(padToWindow(await decodeAudio(path.resolve(ROOT, '../shared/data/speech', it.file))));
  if (nFrames !== it.nFrames) throw new Error(`${it.file}: ${nFrames} frames now, ${it.nFrames} in training data`);
  for (let i = 0; i < data.length; i++) {
    const a = half(stored[i]);
    const d = Math.abs(a - data[i]);
    worstAbs = Math.max(worstAbs, d);
    // float16 keeps 11 significant bits: relative error <= 2^-11
    worst = Math.max(worst, d / Math.max(Math.abs(data[i]), 1e-3));
  }
}
console.log(JSON.stringify({ clips: N, maxRelDiff: worst, maxAbsDiff: worstAbs }));
// float16 storage (2^-11 relative) plus FFT rounding on near-silent bins (log of tiny values)
if (worstAbs > 0.05) process.exit(1);
