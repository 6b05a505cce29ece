/**
 * Markdown tables for models/text/README.md from what `npm run train:text` wrote under
 * models/text/work: eval/<slice>.json (eval:text on each dev slice, TypeScript + TF.js WASM),
 * final/result.json (PyTorch dev metrics) and loco_<corpus>/result.json (leave-one-corpus-out).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMOTIONS } from '../../src/core/emotions';

const W = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models/text/work');
const read = (p: string) => (fs.existsSync(path.join(W, p)) ? JSON.parse(fs.readFileSync(path.join(W, p), 'utf8')) : null);
const f = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(3) : '–');
const BAR: Record<string, string> = { goemotions: '≥ 0.50', meld: '≥ 0.35', 'emoevent-es': '≥ 0.40' };

console.log('| dev slice | n | accuracy | macro-F1 | bar (sealed test) | ' + EMOTIONS.join(' | ') + ' | ms/utt |');
console.log('|---|---|---|---|---|' + EMOTIONS.map(() => '---').join('|') + '|---|');
for (const s of ['goemotions', 'meld', 'emoevent-en', 'emoevent-es', 'isear', 'all']) {
  const r = read(`eval/${s}.json`);
  if (!r) continue;
  console.log(`| ${s} | ${r.n} | ${f(r.accuracy)} | ${f(r.macroF1)} | ${BAR[s] ?? ''} | ${EMOTIONS.map((e) => f(r.perClass[e])).join(' | ')} | ${r.msPerUtterance} |`);
}
// the same dev slices as live captions write them (scripts/text/caption-style.ts; ship.sh)
const caps = ['goemotions', 'meld', 'emoevent-en', 'emoevent-es'].map((s) => [s, read(`eval/caps-${s}.json`), read(`eval/${s}.json`)] as const);
if (caps.some(([, r]) => r)) {
  console.log('\n| dev slice as live captions write it | n | accuracy | macro-F1 | macro-F1 of the original text |\n|---|---|---|---|---|');
  for (const [s, r, o] of caps) if (r) console.log(`| ${s} | ${r.n} | ${f(r.accuracy)} | ${f(r.macroF1)} | ${f(o?.macroF1)} |`);
}
const all = read('eval/all.json');
if (all) {
  console.log('\n| language (all dev) | n | accuracy | macro-F1 |\n|---|---|---|---|');
  for (const [l, r] of Object.entries(all.byLang as Record<string, { n: number; accuracy: number; macroF1: number }>)) console.log(`| ${l} | ${r.n} | ${f(r.accuracy)} | ${f(r.macroF1)} |`);
}
const groups = ['goemotions', 'meld', 'emoevent-en', 'emoevent-es', 'isear'];
console.log('\n| trained on | ' + groups.join(' | ') + ' |\n|---|' + groups.map(() => '---').join('|') + '|');
const fin = read('final/result.json');
if (fin) console.log(`| **shipped**: GoEmotions + EmoEvent + MELD (${fin.config.corpus_boost}) | ${groups.map((g) => f(fin.dev.raw[g]?.macroF1)).join(' | ')} |`);
const all4 = read('all4/result.json');
if (all4) console.log(`| all four corpora (${all4.config.corpus_boost}) | ${groups.map((g) => f(all4.dev.raw[g]?.macroF1)).join(' | ')} |`);
for (const c of ['meld', 'goemotions', 'emoevent', 'isear']) {
  const r = read(`loco_${c}/result.json`);
  if (r) console.log(`| all four but ${c} (${r.config.corpus_boost}) | ${groups.map((g) => (g.startsWith(c) ? '**' + f(r.dev.raw[g]?.macroF1) + '**' : f(r.dev.raw[g]?.macroF1))).join(' | ')} |`);
}
if (fin) console.log(`\n(PyTorch dev macro-F1; temperature ${fin.temperature}; bold = the corpus left out.)`);
const bench = read('bench.json');
if (bench) console.log(`\nSpeed (scripts/text/bench.ts, ${bench.backend}, ${bench.n} single-utterance calls on ${bench.file}, load ${bench.loadavg1} on ${bench.cpus} CPUs): ` +
  `median ${bench.single.median} ms, mean ${bench.single.mean} ms, p95 ${bench.single.p95} ms per utterance; featuriser alone ${bench.featuriserMedian} ms; ` +
  `batch of 32: ${bench.batch32PerUtteranceMedian} ms per utterance.`);
