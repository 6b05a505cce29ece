/**
 * Training inputs for models/text/train.py, made by the runtime featuriser
 * (src/modalities/text/featurizer.ts), so the Python trainer never re-implements it.
 *
 *   tsx scripts/text/extract-features.ts [--data ../shared/data/text] [--out models/text/work/features] [--caption-style]
 *
 * Reads goemotions.csv, emoevent.csv, meld.csv, isear.csv (columns text,label,lang,split,...). ISEAR has
 * no split: a fixed 15 % of it (by a hash of the text, so duplicates stay together) becomes "dev".
 * Writes:
 *   hashes.u32     all rows' feature hashes (uint32 little-endian), concatenated
 *   offsets.u32    n+1 offsets into hashes.u32
 *   rows.json      {config, corpora, rows: {label, corpus, lang, split}[] as parallel arrays}
 *   parity.json    the parity sentences' hashes (scripts/text/parity-sentences.ts)
 *   {dev,train}/<corpus>[-<lang>].csv and {dev,train}/all.csv   text,label,lang slices for eval:text
 * --caption-style: every text as live captions write it (scripts/text/caption-style.ts), same rows in
 * the same order: the trainer's caption augmentation (train.py --aug-features) and caption-like dev slices.
 * The last line of stdout is one JSON object with the counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMOTIONS } from '../../src/core/emotions';
import { featureHashes, hashFeature, TEXT_FEATURE_CONFIG } from '../../src/modalities/text/featurizer';
import { escapeCsvField } from '../../src/export/csv';
import { csvRecords } from '../lib/csv-records';
import { PARITY_SENTENCES } from './parity-sentences';
import { captionStyle } from './caption-style';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPORA = ['goemotions', 'emoevent', 'meld', 'isear'] as const;

/** The split of a row: the corpus's own column; ISEAR's 15 % dev by text hash. */
export function rowSplit(corpus: string, r: Record<string, string>): string {
  if (corpus === 'isear') return hashFeature(r.text.trim().toLowerCase()) % 100 < 15 ? 'dev' : 'train';
  return r.split;
}

function main() {
  const argv = process.argv.slice(2);
  let data = path.resolve(ROOT, '../shared/data/text');
  let out = path.join(ROOT, 'models/text/work/features');
  let styled = (t: string) => t;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') data = path.resolve(argv[++i]);
    else if (argv[i] === '--caption-style') styled = captionStyle;
    else if (argv[i] === '--out') out = path.resolve(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  fs.mkdirSync(path.join(out, 'dev'), { recursive: true });
  fs.mkdirSync(path.join(out, 'train'), { recursive: true });
  const hashes: Uint32Array[] = [];
  const offsets: number[] = [0];
  const label: number[] = [], corpusIdx: number[] = [], lang: string[] = [], split: string[] = [];
  const slices = new Map<string, string[]>();
  const counts: Record<string, number> = {};
  let total = 0;
  const t0 = performance.now();
  CORPORA.forEach((corpus, ci) => {
    const rows = csvRecords(fs.readFileSync(path.join(data, `${corpus}.csv`), 'utf8'));
    for (const r of rows) {
      const y = (EMOTIONS as readonly string[]).indexOf(r.label);
      if (y < 0) throw new Error(`${corpus}: unknown label ${r.label}`);
      const sp = rowSplit(corpus, r);
      if (sp !== 'train' && sp !== 'dev') continue; // sealed test rows are absent; anything else is skipped
      // the split is decided on the corpus's own text (ISEAR's hash), so both forms keep the same rows
      const text = styled(r.text);
      const h = featureHashes(text);
      hashes.push(h);
      total += h.length;
      offsets.push(total);
      label.push(y); corpusIdx.push(ci); lang.push(r.lang); split.push(sp);
      const line = [text, r.label, r.lang].map(escapeCsvField).join(',');
      for (const key of [`${sp}/${corpus}${corpus === 'emoevent' ? '-' + r.lang : ''}`, `${sp}/all`]) {
        if (!slices.has(key)) slices.set(key, ['text,label,lang']);
        slices.get(key)!.push(line);
      }
      counts[`${corpus}/${r.lang}/${sp}`] = (counts[`${corpus}/${r.lang}/${sp}`] ?? 0) + 1;
    }
  });
  const ms = performance.now() - t0;
  const flat = new Uint32Array(total);
  let o = 0;
  for (const h of hashes) { flat.set(h, o); o += h.length; }
  fs.writeFileSync(path.join(out, 'hashes.u32'), Buffer.from(flat.buffer));
  fs.writeFileSync(path.join(out, 'offsets.u32'), Buffer.from(Uint32Array.from(offsets).buffer));
  fs.writeFileSync(path.join(out, 'rows.json'), JSON.stringify({ config: TEXT_FEATURE_CONFIG, emotions: EMOTIONS, corpora: CORPORA, label, corpus: corpusIdx, lang, split }));
  const par = PARITY_SENTENCES.map((s) => Array.from(featureHashes(s)));
  fs.writeFileSync(path.join(out, 'parity.json'), JSON.stringify({ sentences: PARITY_SENTENCES, hashes: par }));
  for (const [k, lines] of slices) fs.writeFileSync(path.join(out, `${k}.csv`), lines.join('\n') + '\n');
  console.log(JSON.stringify({ rows: label.length, features: total, meanFeatures: +(total / label.length).toFixed(1), msPerRow: +(ms / label.length).toFixed(4), counts }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
