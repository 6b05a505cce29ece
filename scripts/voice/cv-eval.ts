/**
 * Leave-speakers-out evaluation of the cross-validation fold models through the runtime pipeline
 * (eval-voice: ffmpeg decode, src/voice features + VAD, TF.js on WASM).
 *
 * For each fold f with an exported model in models/voice/work/fold<f>-tfjs/, evaluates the clips of
 * that fold's held-out speakers (models/voice/work/folds.json, written by train.py) of every
 * corpus; sums the confusion matrices over folds and prints per corpus and overall results.
 * Last line: one JSON object. Usage: tsx scripts/voice/cv-eval.ts [--folds 0,1,2,3,4] [--hop 1]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMOTIONS } from '../../src/core/emotions';
import { formatConfusion } from '../lib/metrics';
import { evaluateManifest, EvalSummary, summarizeCm } from './eval-voice';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORK = path.join(ROOT, 'models/voice/work');
const DATA = path.resolve(ROOT, '../shared/data/speech');

function arg(name: string, def: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

async function main() {
  const folds = arg('folds', '0,1,2,3,4').split(',').map(Number);
  const hop = Number(arg('hop', '1'));
  const speakerFold: Record<string, number> = JSON.parse(fs.readFileSync(path.join(WORK, 'folds.json'), 'utf8'));
  const corpora = ['ravdess', 'nemo', 'casia'];
  const zero = () => EMOTIONS.map(() => EMOTIONS.map(() => 0));
  const cms: Record<string, number[][]> = Object.fromEntries([...corpora, 'overall'].map((c) => [c, zero()]));
  let ms = 0;
  let sec = 0;
  let noSpeech = 0;
  for (const f of folds) {
    const model = path.join(WORK, `fold${f}-tfjs`, 'model.json');
    for (const corpus of corpora) {
      const speakers = Object.entries(speakerFold)
        .filter(([k, v]) => v === f && k.startsWith(corpus + ':'))
        .map(([k]) => k.slice(corpus.length + 1));
      if (!speakers.length) continue;
      const { summary, results } = await evaluateManifest({
        manifest: path.join(DATA, corpus, 'metadata.csv'),
        filters: [['speaker', speakers]],
        model,
        hop,
        quiet: true,
      });
      console.log(`fold ${f} ${corpus} [${speakers.join(' ')}]: n=${summary.n} accuracy=${summary.accuracy} UAR=${summary.uar} ` +
        `(${summary.msPerAudioSecond} ms/audio s)`);
      for (const q of results) {
        cms[corpus][q.label][q.pred]++;
        cms.overall[q.label][q.pred]++;
      }
      const n = results.length;
      ms += summary.msPerAudioSecond * n; // weight by clips (approximation of audio share)
      sec += n;
      noSpeech += summary.noSpeechClips;
    }
  }
  const out: Record<string, EvalSummary> = {};
  for (const k of [...corpora, 'overall']) {
    const s = summarizeCm(cms[k], ms / Math.max(1, sec), 0);
    out[k] = s;
    console.log(`\n== ${k} (folds ${folds.join(',')}, held-out speakers only): n=${s.n} accuracy=${s.accuracy} UAR=${s.uar}`);
    console.log(formatConfusion(cms[k], EMOTIONS));
  }
  fs.writeFileSync(path.join(WORK, 'cv_ts_results.json'), JSON.stringify({ folds, hop, noSpeechClips: noSpeech, ...out }, null, 1));
  console.log(JSON.stringify({ folds, ravdess: { uar: out.ravdess.uar, accuracy: out.ravdess.accuracy }, nemo: { uar: out.nemo.uar, accuracy: out.nemo.accuracy },
    casia: { uar: out.casia.uar, accuracy: out.casia.accuracy }, overall: { n: out.overall.n, uar: out.overall.uar, accuracy: out.overall.accuracy }, noSpeechClips: noSpeech }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
