/**
 * End-to-end test of `npm run eval:text` on a small held-out slice: the first 120 MELD dev utterances
 * (English TV dialogue) and the first 80 EmoEvent Spanish dev tweets, from ../shared (dev splits: the
 * committed model never trained on them). Checks the report and the JSON shape, and that accuracy
 * beats always answering the slice's majority class.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../scripts/lib/csv-records';
import { escapeCsvField } from '../../../src/export/csv';

const ROOT = path.resolve(__dirname, '../../..');
const DATA = path.join(ROOT, '../shared/data/text');

describe('eval:text', () => {
  it('prints per-language metrics and a JSON summary; beats the majority class on held-out dev rows', () => {
    const meld = csvRecords(fs.readFileSync(path.join(DATA, 'meld.csv'), 'utf8')).filter((r) => r.split === 'dev').slice(0, 120);
    const es = csvRecords(fs.readFileSync(path.join(DATA, 'emoevent.csv'), 'utf8')).filter((r) => r.split === 'dev' && r.lang === 'es').slice(0, 80);
    const rows = [...meld, ...es];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eval-text-')), 'slice.csv');
    fs.writeFileSync(file, ['text,label,lang', ...rows.map((r) => [r.text, r.label, r.lang].map(escapeCsvField).join(','))].join('\n') + '\n');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/text/eval-text.ts'), file],
      { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const res = JSON.parse(lines[lines.length - 1]);
    expect(Object.keys(res)).toEqual(['n', 'accuracy', 'macroF1', 'perClass', 'msPerUtterance', 'byLang']);
    expect(res.n).toBe(200);
    expect(Object.keys(res.perClass)).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
    expect(Object.keys(res.byLang).sort()).toEqual(['en', 'es']);
    expect(res.byLang.en.n).toBe(120);
    expect(res.byLang.es.n).toBe(80);
    const counts = new Map<string, number>();
    for (const q of rows) counts.set(q.label, (counts.get(q.label) ?? 0) + 1);
    const majority = Math.max(...counts.values()) / rows.length;
    expect(res.accuracy).toBeGreaterThan(majority);
    expect(res.macroF1).toBeGreaterThan(1 / 7);
    expect(res.msPerUtterance).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/lang=es/);
    expect(r.stdout).toMatch(/true\\pred/);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 150000);
});
