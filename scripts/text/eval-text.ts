/**
 * npm run eval:text -- FILE.csv [--model models/text/tfjs/model.json] [--limit N] [--batch N]
 *
 * FILE.csv has columns text,label[,lang] (label one of the seven classes; other rows are skipped).
 * Runs the runtime text path in Node: src/modalities/text/featurizer.ts + the exported TF.js model
 * (src/modalities/text/text-model.ts) on the WASM backend, one utterance per call by default (as
 * captions arrive at run time; --batch N groups N utterances per call). Prints accuracy, macro-F1,
 * per-class recall and the confusion matrix, overall and per language when a lang column exists, and
 * the cost (featurisation + model) in ms per utterance (msPerUtterance: the median over calls; mean and
 * 95th percentile printed). The last line is one JSON object:
 *   {"n","accuracy","macroF1","perClass","msPerUtterance","byLang":{lang:{n,accuracy,macroF1,perClass}}}
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileIOHandler, initWasmBackend } from '../lib/tfjs-wasm-node';
import { csvRecords } from '../lib/csv-records';
import { EMOTIONS, argmax } from '../../src/core/emotions';
import { formatConfusion, summarize, type Summary } from '../lib/metrics';
import { loadTextModel } from '../../src/modalities/text/text-model';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TextEvalOptions { file: string; model?: string; limit?: number; batch?: number; quiet?: boolean }

export interface TextEvalSummary {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, number | null>;
  msPerUtterance: number;
  byLang: Record<string, { n: number; accuracy: number; macroF1: number; perClass: Record<string, number | null> }>;
}

const clean = (pc: Record<string, number>) =>
  Object.fromEntries(Object.entries(pc).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));

export async function evaluateTextCsv(o: TextEvalOptions): Promise<{ summary: TextEvalSummary; confusion: number[][]; preds: number[]; labels: number[] }> {
  const modelPath = o.model ?? path.join(ROOT, 'models/text/tfjs/model.json');
  const batch = Math.max(1, o.batch ?? 1);
  const log = (...m: unknown[]) => { if (!o.quiet) console.log(...m); };
  const all = csvRecords(fs.readFileSync(o.file, 'utf8'));
  if (all.length && !('text' in all[0] && 'label' in all[0])) throw new Error(`${o.file}: needs columns text,label[,lang]`);
  let rows = all.filter((r) => (EMOTIONS as readonly string[]).includes(r.label));
  if (rows.length < all.length) log(`skipped ${all.length - rows.length} rows whose label is not one of ${EMOTIONS.join(', ')}`);
  if (o.limit && o.limit > 0) rows = rows.slice(0, o.limit);
  if (!rows.length) throw new Error('no rows to evaluate');
  const hasLang = rows.some((r) => r.lang !== undefined && r.lang !== '');

  await initWasmBackend();
  const model = await loadTextModel(fileIOHandler(modelPath));
  // wasm compilation, JIT and first allocations, not timed
  for (let i = 0; i < 50; i++) model.predict([`warm up number ${i}, the backend!`, 'y el modelo también']);
  const preds: number[] = [];
  const perUtt: number[] = []; // ms per utterance of each call
  for (let i = 0; i < rows.length; i += batch) {
    const texts = rows.slice(i, i + batch).map((r) => r.text);
    const t0 = performance.now();
    const probs = model.predict(texts);
    perUtt.push((performance.now() - t0) / texts.length);
    for (const p of probs) preds.push(argmax(p));
  }
  model.dispose();
  const labels = rows.map((r) => (EMOTIONS as readonly string[]).indexOf(r.label));

  const byLang: TextEvalSummary['byLang'] = {};
  const show = (name: string, s: Summary) => {
    log(`\n${name}: n=${s.n} accuracy=${s.accuracy.toFixed(4)} macro-F1=${s.macroF1.toFixed(4)}`);
    log(formatConfusion(s.confusion, EMOTIONS));
  };
  if (hasLang) {
    for (const lang of [...new Set(rows.map((r) => r.lang))].sort()) {
      const idx = rows.map((r, i) => (r.lang === lang ? i : -1)).filter((i) => i >= 0);
      const s = summarize(idx.map((i) => labels[i]), idx.map((i) => preds[i]), EMOTIONS);
      show(`lang=${lang}`, s);
      byLang[lang] = { n: s.n, accuracy: s.accuracy, macroF1: s.macroF1, perClass: clean(s.perClass) };
    }
  }
  const s = summarize(labels, preds, EMOTIONS);
  show('all', s);
  // the median over calls: robust to the calls a busy machine preempts (the mean is printed too)
  const sorted = [...perUtt].sort((a, b) => a - b);
  const msPerUtterance = Math.round(sorted[Math.floor(sorted.length / 2)] * 1e4) / 1e4;
  const mean = perUtt.reduce((a, b) => a + b, 0) / perUtt.length;
  log(`\n${rows.length} utterances, featuriser + model: median ${msPerUtterance} ms, mean ${mean.toFixed(4)} ms, ` +
    `p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(4)} ms per utterance (wasm, batch ${batch})`);
  return {
    summary: { n: s.n, accuracy: s.accuracy, macroF1: s.macroF1, perClass: clean(s.perClass), msPerUtterance, byLang },
    confusion: s.confusion,
    preds,
    labels,
  };
}

function parseArgs(argv: string[]): TextEvalOptions {
  const a: TextEvalOptions = { file: '' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--model') a.model = path.resolve(argv[++i]);
    else if (k === '--limit') a.limit = Number(argv[++i]);
    else if (k === '--batch') a.batch = Number(argv[++i]);
    else if (!k.startsWith('--') && !a.file) a.file = path.resolve(k);
    else throw new Error(`unknown option ${k}`);
  }
  if (!a.file) throw new Error('usage: npm run eval:text -- FILE.csv [--model model.json] [--limit N] [--batch N]');
  return a;
}

async function main() {
  const { summary } = await evaluateTextCsv(parseArgs(process.argv.slice(2)));
  console.log(JSON.stringify(summary));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
