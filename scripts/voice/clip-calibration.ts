/**
 * Calibration of the clipping detector (signal-quality.ts): fraction of samples at or above the clip
 * level in clean clips and in the same clips boosted by +10 / +20 / +30 dB (hard clipping at full
 * scale), raw and after a 16 kbit/s Opus round trip (as in a call). Prints percentiles and the
 * detection rate at the default threshold; the last line is JSON.
 * Usage: tsx scripts/voice/clip-calibration.ts [--per-corpus 40]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAudio, opusRoundTrip } from './audio';
import { applyGain } from './augment';
import { csvRecords } from '../lib/csv-records';
import { clipFractionOf, DEFAULT_SIGNAL_QUALITY } from '../../src/modalities/voice/signal-quality';

const data = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/speech');
const i = process.argv.indexOf('--per-corpus');
const per = i >= 0 ? Number(process.argv[i + 1]) : 40;

async function main() {
  const cases: Record<string, number[]> = {};
  const add = (k: string, v: number) => (cases[k] ??= []).push(v);
  for (const corpus of ['ravdess', 'nemo', 'casia', 'ased']) {
    const rows = csvRecords(fs.readFileSync(path.join(data, corpus, 'metadata.csv'), 'utf8'));
    const step = Math.max(1, Math.floor(rows.length / per));
    for (let k = 0; k < rows.length && k / step < per; k += step) {
      const x = await decodeAudio(path.join(data, corpus, rows[k].file));
      // the loudest clean clip normalised to a 0.9 peak is the worst honest case
      let peak = 0;
      for (const v of x) peak = Math.max(peak, Math.abs(v));
      add('clean', clipFractionOf(x));
      add('clean peak-normalised to 0.9', clipFractionOf(applyGain(x, 20 * Math.log10(0.9 / (peak + 1e-9)))));
      for (const db of [10, 20, 30]) {
        const y = applyGain(x, db);
        add(`+${db} dB`, clipFractionOf(y));
        if (db !== 20) add(`+${db} dB, opus 16k`, clipFractionOf(await opusRoundTrip(y, 16000)));
      }
    }
  }
  const thr = DEFAULT_SIGNAL_QUALITY.clipFraction;
  const summary: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cases)) {
    const s = [...v].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    const flagged = v.filter((f) => f >= thr).length / v.length;
    summary[k] = { n: v.length, p10: +q(0.1).toFixed(5), median: +q(0.5).toFixed(5), p90: +q(0.9).toFixed(5), max: +s[s.length - 1].toFixed(5), flagged: +flagged.toFixed(3) };
    console.log(`${k.padEnd(30)} n=${v.length} p10=${q(0.1).toFixed(5)} median=${q(0.5).toFixed(5)} p90=${q(0.9).toFixed(5)} max=${s[s.length - 1].toFixed(5)} flagged ${(100 * flagged).toFixed(1)}%`);
  }
  console.log(JSON.stringify({ clipLevel: DEFAULT_SIGNAL_QUALITY.clipLevel, clipFraction: thr, cases: summary }));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
