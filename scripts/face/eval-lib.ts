/**
 * Helpers of eval-face.ts that tests import (eval-face.ts itself runs on import).
 */
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { csvRecords } from '../lib/csv-records';

/**
 * Rows of a muxspace file whose identity is held out of training: md5(subject) mod 5 == 0, as
 * models/face/train_data.py muxspace_split (subjects from the CSV beside the .bin).
 */
export function muxspaceHoldout(binPath: string): number[] {
  const rows = csvRecords(fs.readFileSync(binPath.replace(/\.bin$/, '.csv'), 'utf8'));
  const out: number[] = [];
  rows.forEach((r, i) => { if (BigInt('0x' + createHash('md5').update(r.subject).digest('hex')) % 5n === 0n) out.push(i); });
  return out;
}

/** Expected calibration error: 15 equal-width bins of the top probability, |accuracy - confidence| weighted by bin size. */
export function expectedCalibrationError(conf: number[], correct: boolean[], bins = 15): number {
  const n = new Array(bins).fill(0); const c = new Array(bins).fill(0); const a = new Array(bins).fill(0);
  conf.forEach((p, i) => { const b = Math.min(bins - 1, Math.floor(p * bins)); n[b]++; c[b] += p; a[b] += correct[i] ? 1 : 0; });
  let e = 0;
  for (let b = 0; b < bins; b++) if (n[b]) e += Math.abs(a[b] - c[b]);
  return e / Math.max(1, conf.length);
}

