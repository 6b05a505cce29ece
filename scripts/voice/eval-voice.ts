/**
 * npm run eval:voice -- <manifest.csv> [--limit N] [--filter COLUMN=VALUE[|VALUE2...]]... [--model PATH]
 *                       [--hop SECONDS] [--by COLUMN] [--no-vad] [--stream clip|speaker] [--gain-db DB]
 *
 * --stream: how the running speaker/channel normalisation (running-norm.ts, models with
 * meta.speakerNorm) is fed. `clip` (default): every clip is a fresh stream, statistics from the clip
 * so far. `speaker`: the clips of one `speaker` value form one stream (as a call: one speaker heard
 * for a while), in a fixed pseudo-random order, statistics carried across clips, always causal.
 * --gain-db: gain applied to the decoded audio with hard clipping at full scale (robustness probe,
 * e.g. 30 = the "boosted 30 dB" test); windows flagged as clipping are counted in the summary.
 *
 * Runs the runtime voice pipeline in Node: ffmpeg decode to 16 kHz mono, src/modalities/voice/features.ts,
 * src/modalities/voice/vad.ts and the exported TF.js model (models/voice/tfjs) on the WASM backend. Windows of
 * 2 s every --hop seconds (default 1); a clip's prediction is the mean of its voiced windows'
 * probabilities (if no window is voiced, its most speech-like window). Prints per-class recall,
 * the confusion matrix, accuracy, UAR and the cost (features + VAD + model, decoding excluded) in
 * ms per second of audio; the last line is one JSON object.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasmBackend, loadLayersModelFromFile } from '../lib/tfjs-wasm-node';
import { EMOTIONS } from '../../src/core/emotions';
import { confusionMatrix, formatConfusion, perClassRecall, accuracy as accOf } from '../lib/metrics';
import { extractFrames, FrameFeatureExtractor, padToWindow, VOICE_FEATURE_CONFIG, windowStarts, FRAME_DIM } from '../../src/modalities/voice/features';
import { VoiceActivityDetector } from '../../src/modalities/voice/vad';
import { createVoiceModel } from '../../src/modalities/voice/voice-model';
import { NormStats, RunningNorm } from '../../src/modalities/voice/running-norm';
import { clipFractionOf, DEFAULT_SIGNAL_QUALITY } from '../../src/modalities/voice/signal-quality';
import { applyGain, makeRng } from './augment';
import { decodeAudio } from './audio';
import { csvRecords } from '../lib/csv-records';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Args = Required<Omit<EvalOptions, 'quiet'>>;

function parseArgs(argv: string[]): Args {
  const a: Args = { manifest: '', limit: 0, filters: [], model: path.join(ROOT, 'models/voice/tfjs/model.json'), hop: 1, by: null, vad: true, stream: 'clip', gainDb: 0 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--limit') a.limit = Number(argv[++i]);
    else if (k === '--filter') {
      const [col, ...rest] = argv[++i].split('=');
      a.filters.push([col, rest.join('=').split('|')]);
    } else if (k === '--model') a.model = path.resolve(argv[++i]);
    else if (k === '--hop') a.hop = Number(argv[++i]);
    else if (k === '--by') a.by = argv[++i];
    else if (k === '--no-vad') a.vad = false;
    else if (k === '--stream') a.stream = argv[++i] as 'clip' | 'speaker';
    else if (k === '--gain-db') a.gainDb = Number(argv[++i]);
    else if (!k.startsWith('--')) a.manifest = path.resolve(k);
    else throw new Error(`unknown option ${k}`);
  }
  if (!a.manifest) throw new Error('usage: eval-voice <manifest.csv> [--limit N] [--filter COL=VAL] [--model model.json] [--hop s] [--by COL]');
  return a;
}

function uar(cm: number[][]): number {
  const r = perClassRecall(cm).filter((v) => !Number.isNaN(v));
  return r.length ? r.reduce((x, y) => x + y, 0) / r.length : 0;
}

export interface ClipResult { label: number; pred: number; probs: Float32Array; voiced: number; windows: number; group: string; file: string; }

export interface EvalOptions {
  manifest: string; limit?: number; filters?: [string, string[]][]; model: string; hop?: number; by?: string | null; vad?: boolean; quiet?: boolean;
  stream?: 'clip' | 'speaker'; gainDb?: number;
}

export interface EvalSummary {
  n: number;
  accuracy: number;
  uar: number;
  perClass: Record<string, number | null>;
  msPerAudioSecond: number;
  noSpeechClips: number;
  confusion: number[][];
  /** Share of each predicted class over the clips (e.g. how often boosted neutral speech reads angry). */
  predictedShare?: Record<string, number>;
  /** Voiced windows flagged as clipping (signal-quality.ts) / all voiced windows. */
  clippingWindowShare?: number;
  stream?: string;
  gainDb?: number;
}

/** Evaluates the model on a manifest; prints the report unless quiet; returns the summary and per-clip results. */
export async function evaluateManifest(o: EvalOptions): Promise<{ summary: EvalSummary; results: ClipResult[] }> {
  const args = { limit: 0, filters: [] as [string, string[]][], hop: 1, by: null as string | null, vad: true, quiet: false, stream: 'clip' as 'clip' | 'speaker', gainDb: 0, ...o };
  const log = (...m: unknown[]) => { if (!args.quiet) console.log(...m); };
  const dir = path.dirname(args.manifest);
  let rows = csvRecords(fs.readFileSync(args.manifest, 'utf8'));
  for (const [col, vals] of args.filters) rows = rows.filter((r) => vals.includes(r[col]));
  rows = rows.filter((r) => (EMOTIONS as readonly string[]).includes(r.label));
  if (args.limit > 0) rows = rows.slice(0, args.limit);
  if (!rows.length) throw new Error('no clips selected');
  if (args.stream === 'speaker') {
    if (!rows.every((r) => r.speaker)) throw new Error('--stream speaker needs a speaker column');
    // one stream per speaker, clips in a fixed pseudo-random order (not sorted by emotion)
    const rng = makeRng(4242);
    const key = new Map(rows.map((r) => [r, rng()]));
    rows = [...rows].sort((p, q) => (p.speaker < q.speaker ? -1 : p.speaker > q.speaker ? 1 : key.get(p)! - key.get(q)!));
  }

  await initWasmBackend();
  const model = createVoiceModel(await loadLayersModelFromFile(args.model));
  const T = model.meta.windowFrames;
  const fps = VOICE_FEATURE_CONFIG.sampleRate / VOICE_FEATURE_CONFIG.hopSize;
  const hopFrames = Math.max(1, Math.round(args.hop * fps));
  const extractor = new FrameFeatureExtractor();
  // warm-up (wasm compilation, first-call allocations) outside the timing
  model.predictBatch(new Float32Array(T * FRAME_DIM), 1);

  const results: ClipResult[] = [];
  let computeMs = 0;
  let audioSec = 0;
  let noSpeech = 0;
  let clippedWindows = 0;
  let voicedWindows = 0;
  const sn = model.meta.speakerNorm ?? null;
  let norm: RunningNorm | null = null;
  let normSpeaker: string | null = null;
  const hopSize = VOICE_FEATURE_CONFIG.hopSize;
  for (const r of rows) {
    let raw = await decodeAudio(path.join(dir, r.file));
    if (args.gainDb) raw = applyGain(raw, args.gainDb);
    audioSec += raw.length / VOICE_FEATURE_CONFIG.sampleRate;
    const t0 = performance.now();
    const x = padToWindow(raw);
    const { data, nFrames } = extractFrames(x, extractor);
    const starts = windowStarts(nFrames, T, hopFrames);
    const vad = new VoiceActivityDetector();
    const scores = starts.map((s) => vad.score(data.subarray(s * FRAME_DIM, (s + T) * FRAME_DIM), T, s + T).speech);
    let use = starts.filter((_, i) => !args.vad || scores[i] >= vad.opts.threshold);
    if (!use.length) {
      noSpeech++;
      use = [starts[scores.indexOf(Math.max(...scores))]];
    }
    // running normalisation: a fresh stream per clip, or per speaker (carried across its clips)
    let norms: NormStats[] | undefined;
    if (sn) {
      if (!norm || args.stream === 'clip' || r.speaker !== normSpeaker) norm = new RunningNorm(sn);
      normSpeaker = r.speaker;
      norms = [];
      let pushed = 0;
      for (const s of use) {
        const end = Math.min(nFrames, s + T);
        if (end > pushed) norm.push(data, end - pushed, pushed);
        pushed = Math.max(pushed, end);
        norms.push(norm.stats());
      }
      if (nFrames > pushed) norm.push(data, nFrames - pushed, pushed);
    }
    for (const s of use) {
      voicedWindows++;
      const seg = x.subarray(s * hopSize, Math.min(x.length, (s + T - 1) * hopSize + VOICE_FEATURE_CONFIG.frameSize));
      if (clipFractionOf(seg) >= DEFAULT_SIGNAL_QUALITY.clipFraction) clippedWindows++;
    }
    const batch = new Float32Array(use.length * T * FRAME_DIM);
    use.forEach((s, i) => batch.set(data.subarray(s * FRAME_DIM, (s + T) * FRAME_DIM), i * T * FRAME_DIM));
    const probs = model.predictBatch(batch, use.length, norms);
    const mean = new Float32Array(EMOTIONS.length);
    for (let i = 0; i < use.length; i++) for (let c = 0; c < mean.length; c++) mean[c] += probs[i * mean.length + c] / use.length;
    computeMs += performance.now() - t0;
    let pred = 0;
    for (let c = 1; c < mean.length; c++) if (mean[c] > mean[pred]) pred = c;
    results.push({ label: (EMOTIONS as readonly string[]).indexOf(r.label), pred, probs: mean, voiced: use.length, windows: starts.length, group: args.by ? r[args.by] : '', file: r.file });
  }
  model.dispose();

  const report = (name: string, rs: ClipResult[]) => {
    const cm = confusionMatrix(rs.map((q) => q.label), rs.map((q) => q.pred), EMOTIONS.length);
    log(`\n${name}: n=${rs.length} accuracy=${accOf(cm).toFixed(4)} UAR=${uar(cm).toFixed(4)}`);
    log(formatConfusion(cm, EMOTIONS));
    return cm;
  };
  if (args.by) {
    for (const g of [...new Set(results.map((q) => q.group))].sort()) report(`${args.by}=${g}`, results.filter((q) => q.group === g));
  }
  const cm = report('all', results);
  const msPerAudioSecond = computeMs / audioSec;
  log(`\nclips ${results.length}, audio ${audioSec.toFixed(1)} s, clips without a voiced window ${noSpeech}, ` +
    `windows ${results.reduce((a, q) => a + q.windows, 0)} (voiced ${results.reduce((a, q) => a + q.voiced, 0)}), ` +
    `features+VAD+model ${msPerAudioSecond.toFixed(3)} ms per audio second (wasm)`);
  const summary = summarizeCm(cm, msPerAudioSecond, noSpeech);
  const counts = new Array(EMOTIONS.length).fill(0);
  for (const q of results) counts[q.pred]++;
  summary.predictedShare = Object.fromEntries(EMOTIONS.map((e, i) => [e, Math.round((counts[i] / results.length) * 1e4) / 1e4]));
  summary.clippingWindowShare = Math.round((clippedWindows / Math.max(1, voicedWindows)) * 1e4) / 1e4;
  summary.stream = sn ? args.stream : 'none (model without speakerNorm)';
  summary.gainDb = args.gainDb;
  return { summary, results };
}

export function summarizeCm(cm: number[][], msPerAudioSecond: number, noSpeech: number): EvalSummary {
  const rec = perClassRecall(cm);
  const perClass: Record<string, number | null> = {};
  EMOTIONS.forEach((e, i) => (perClass[e] = Number.isNaN(rec[i]) ? null : Math.round(rec[i] * 1e4) / 1e4));
  return {
    n: cm.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0),
    accuracy: Math.round(accOf(cm) * 1e4) / 1e4,
    uar: Math.round(uar(cm) * 1e4) / 1e4,
    perClass,
    msPerAudioSecond: Math.round(msPerAudioSecond * 1000) / 1000,
    noSpeechClips: noSpeech,
    confusion: cm,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { summary } = await evaluateManifest(args);
  console.log(JSON.stringify(summary));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
