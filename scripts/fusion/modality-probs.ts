/**
 * Seven probabilities per held-out sample of each modality, from the shipped models through the
 * runtime code (the same paths as eval:face, eval:voice and eval:text), cached as JSON in a
 * git-ignored folder so that the fusion step takes seconds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { EMOTIONS } from '../../src/core/emotions';
import { loadTextModel } from '../../src/modalities/text/text-model';
import { fileIOHandler, initWasmBackend, tf } from '../lib/tfjs-wasm-node';
import { csvRecords } from '../lib/csv-records';
import { ours } from '../face/peers';
import { muxspaceHoldout } from '../face/eval-lib';
import { evaluateManifest } from '../voice/eval-voice';
import { balancedSubset, type Rng } from './pairing';

export interface ProbCache {
  /** What was computed (data, model, subset): a cache whose key differs is recomputed. */
  key: string;
  source: string;
  /** Class index of each sample (EMOTIONS order). */
  labels: number[];
  probs: number[][];
  /** Where each sample came from (row of the .bin, file, CSV row). */
  ids: (number | string)[];
}

const classIndex = (label: string) => (EMOTIONS as readonly string[]).indexOf(label);
const round6 = (p: ArrayLike<number>) => Array.from(p, (v) => Math.round(v * 1e6) / 1e6);

/** A short hash of a TF.js model's files (model.json and its weight shards): a changed model invalidates its cache. */
export function modelTag(modelPath: string): string {
  const json = fs.readFileSync(modelPath);
  const manifest = (JSON.parse(json.toString('utf8')).weightsManifest ?? []) as { paths: string[] }[];
  const h = createHash('sha1').update(json);
  for (const group of manifest) for (const p of group.paths) h.update(fs.readFileSync(path.join(path.dirname(modelPath), p)));
  return h.digest('hex').slice(0, 12);
}

/** The cache at `file` if its key matches, else `compute()` written there. */
export async function cached(file: string, key: string, refresh: boolean, compute: () => Promise<Omit<ProbCache, 'key'>>): Promise<ProbCache> {
  if (!refresh && fs.existsSync(file)) {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as ProbCache;
    if (c.key === key) return c;
  }
  const t0 = Date.now();
  const c = { key, ...(await compute()) };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(c));
  console.log(`  ${c.source}: ${c.labels.length} samples in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${path.relative(process.cwd(), file)}`);
  return c;
}

/**
 * Faces of a FER-format file (NAME.bin + NAME.labels, flags 2 = JPEG/not-a-face rows skipped when
 * NAME.flags exists), at most `cap` per class, through the shipped model with the runtime's
 * preprocessing and its per-model default (v1: flip TTA).
 */
export async function faceProbs(binPath: string, modelPath: string, cap: number, rng: Rng): Promise<Omit<ProbCache, 'key'>> {
  const bin = fs.readFileSync(binPath);
  const labelBytes = fs.readFileSync(binPath.replace(/\.bin$/, '.labels'));
  const flagsPath = binPath.replace(/\.bin$/, '.flags');
  const flags = fs.existsSync(flagsPath) ? fs.readFileSync(flagsPath) : null;
  if (bin.length !== labelBytes.length * 2304) throw new Error(`${binPath}: ${bin.length} bytes for ${labelBytes.length} labels`);
  // the shipped face model trained on muxspace's other identities: only the held-out ones are unseen
  const rows = path.basename(binPath).startsWith('muxspace') ? muxspaceHoldout(binPath) : Array.from(labelBytes.keys());
  const usable = rows.filter((i) => !flags || flags[i] !== 2);
  const picked = balancedSubset(usable.map((i) => labelBytes[i]), cap, rng).map((k) => usable[k]);
  await initWasmBackend();
  const model = await ours(modelPath);
  const before = tf.memory().numTensors;
  const probs: number[][] = [];
  try {
    for (const i of picked) {
      const img = tf.tensor3d(Int32Array.from(bin.subarray(i * 2304, (i + 1) * 2304)), [48, 48, 1], 'int32');
      try {
        probs.push(round6(model.predict(img, null)));
      } finally {
        img.dispose();
      }
    }
  } finally {
    model.dispose();
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked > 0) console.warn(`face: ${leaked} tensors leaked`);
  return { source: path.basename(binPath), labels: picked.map((i) => labelBytes[i]), probs, ids: picked };
}

/**
 * Clips of a speech manifest (`file,label,...`), at most `cap` per class, through the runtime voice
 * pipeline of eval:voice (ffmpeg decode, features.ts, VAD, the shipped model; a clip's
 * probabilities are the mean of its voiced 2-s windows). The sampled manifest is written beside
 * the cache, its paths relative to it.
 */
export async function voiceProbs(manifest: string, modelPath: string, cap: number, rng: Rng, workDir: string): Promise<Omit<ProbCache, 'key'>> {
  // exact class names only, as evaluateManifest keeps them (its results then line up with the sample)
  const rows = csvRecords(fs.readFileSync(manifest, 'utf8')).filter((r) => classIndex(r.label) >= 0);
  const picked = balancedSubset(rows.map((r) => classIndex(r.label)), cap, rng).map((k) => rows[k]);
  const dir = path.dirname(manifest);
  const sample = path.join(workDir, `${path.basename(dir)}-sample.csv`);
  fs.mkdirSync(workDir, { recursive: true });
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  fs.writeFileSync(sample, ['file,label,speaker', ...picked.map((r) => [path.relative(workDir, path.join(dir, r.file)), r.label, r.speaker ?? ''].map(quote).join(','))].join('\n') + '\n');
  const { results, summary } = await evaluateManifest({ manifest: sample, model: modelPath, quiet: true });
  if (results.length !== picked.length) throw new Error(`voice: ${results.length} results for ${picked.length} clips`);
  console.log(`  voice on ${path.basename(dir)}: accuracy ${summary.accuracy}, UAR ${summary.uar}, clips without a voiced window ${summary.noSpeechClips}`);
  return { source: `${path.basename(dir)} (${path.relative(path.dirname(dir), manifest)})`, labels: results.map((r) => r.label), probs: results.map((r) => round6(r.probs)), ids: results.map((r) => r.file) };
}

/** Utterances of one split of a text CSV (`text,label,lang,split,...`), at most `cap` per class, through the shipped text model. */
export async function textProbs(csv: string, split: string, modelPath: string, cap: number, rng: Rng): Promise<Omit<ProbCache, 'key'>> {
  const rows = csvRecords(fs.readFileSync(csv, 'utf8'))
    .map((r, row) => ({ text: r.text, label: r.label, split: r.split, row }))
    .filter((r) => r.split === split && classIndex(r.label) >= 0);
  if (!rows.length) throw new Error(`${csv}: no rows of split ${split}`);
  const picked = balancedSubset(rows.map((r) => classIndex(r.label)), cap, rng).map((k) => rows[k]);
  await initWasmBackend();
  const model = await loadTextModel(fileIOHandler(modelPath));
  const probs: number[][] = [];
  try {
    for (let i = 0; i < picked.length; i += 64) probs.push(...model.predict(picked.slice(i, i + 64).map((r) => r.text)).map(round6));
  } finally {
    model.dispose();
  }
  return { source: `${path.basename(csv)} ${split}`, labels: picked.map((r) => classIndex(r.label)), probs, ids: picked.map((r) => r.row) };
}
