/**
 * Precomputes the distillation teachers' soft outputs on every training (and validation) face, once:
 * the v1 model (models/face/tfjs-v1, flip TTA), @vladmandic/human's emotion model and face-api's
 * expression model (both MIT), each on the 48x48 face crop with its own preprocessing.
 *
 *   nice -n 10 npx tsx scripts/face/teachers.ts [--limit N]
 *
 * Writes models/face/work/teachers_<split>.f32: float32 [N, 3, 7] (v1, human, faceapi; EMOTIONS order).
 * Resumable: a split whose file is complete is skipped. --no-v1 leaves the v1 slot at 0 (for splits
 * whose v1 outputs come from models/face/v1_teacher.py, the same network batched in PyTorch);
 * --splits a,b picks the splits; --part K/P computes the K-th of P equal row ranges of each split into
 * teachers_<split>.partK-P.f32 (run P processes, then join the parts: models/face/join_parts.py).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf, initWasmBackend } from '../lib/tfjs-wasm-node';
import { ours, human, faceapi } from './peers';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const DATA = path.resolve(ROOT, '..', 'shared', 'data', 'faces');
const WORK = path.join(ROOT, 'models', 'face', 'work');
const argv = process.argv.slice(2);
const limit = argv.includes('--limit') ? Number(argv[argv.indexOf('--limit') + 1]) : Infinity;
const noV1 = argv.includes('--no-v1');
const splits = argv.includes('--splits') ? argv[argv.indexOf('--splits') + 1].split(',') : ['fer2013_publictest', 'muxspace_train', 'fer2013_train'];
const part = argv.includes('--part') ? argv[argv.indexOf('--part') + 1].split('/').map(Number) : null;
const v1Path = argv.includes('--v1') ? argv[argv.indexOf('--v1') + 1] : path.join(ROOT, 'models/face/tfjs-v1/model.json');

async function main() {
  await initWasmBackend();
  fs.mkdirSync(WORK, { recursive: true });
  const preds = [noV1 ? null : await ours(v1Path, true, 'v1'), await human(), await faceapi()];
  for (const split of splits) {
    const bin = fs.readFileSync(path.join(DATA, `${split}.bin`));
    const total = Math.min(limit, bin.length / 2304);
    const lo = part ? Math.floor((total * part[0]) / part[1]) : 0;
    const hi = part ? Math.floor((total * (part[0] + 1)) / part[1]) : total;
    const n = hi - lo;
    const out = path.join(WORK, part ? `teachers_${split}.part${part[0]}-${part[1]}.f32` : `teachers_${split}.f32`);
    if (fs.existsSync(out) && fs.statSync(out).size === n * 21 * 4) { console.log(`${split}: done`); continue; }
    const res = new Float32Array(n * 21);
    const t0 = performance.now();
    for (let r = 0; r < n; r++) {
      const i = lo + r;
      const img = tf.tensor3d(Int32Array.from(bin.subarray(i * 2304, (i + 1) * 2304)), [48, 48, 1], 'int32');
      preds.forEach((p, k) => { if (p) res.set(p.predict(img, null), r * 21 + k * 7); });
      img.dispose();
      if (r % 2000 === 0) console.log(`${split} ${r}/${n} ${((performance.now() - t0) / (r + 1)).toFixed(1)} ms/face`);
    }
    fs.writeFileSync(out + '.tmp', Buffer.from(res.buffer));
    fs.renameSync(out + '.tmp', out);
    console.log(`${split}: ${n} faces in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  console.log(JSON.stringify({ done: true, tensors: tf.memory().numTensors }));
}
main().catch((e) => { console.error(e); process.exit(1); });
