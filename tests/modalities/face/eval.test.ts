/**
 * End-to-end check of the committed face model and its preprocessing: npm run eval:face on the
 * first 300 FER2013 PublicTest faces (../shared/data/faces). Chance is ~25% (majority class).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FACES_DIR, REPO_ROOT } from './helpers';

const bin = path.join(FACES_DIR, 'fer2013_publictest.bin');
const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function evalFace(args: string[]): any {
  const out = execFileSync(process.execPath, [tsx, path.join(REPO_ROOT, 'scripts/face/eval-face.ts'), bin, ...args], { encoding: 'utf8', cwd: REPO_ROOT });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

describe.skipIf(!fs.existsSync(bin))('eval:face on PublicTest', () => {
  it('our model is well above chance on 300 faces', () => {
    const r = evalFace(['--limit', '300', '--ferplus', path.join(FACES_DIR, 'ferplus_votes.csv')]);
    console.log(`ours on 300 PublicTest faces: accuracy ${r.accuracy}, macro-F1 ${r.macroF1}, ${r.msPerFace} ms/face`);
    expect(r.model).toBe('ours');
    expect(r.n).toBe(300);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.6);
    expect(r.macroF1).toBeGreaterThanOrEqual(0.45);
    expect(r.ferplus.accuracy).toBeGreaterThanOrEqual(0.7);
    for (const k of ['happy', 'surprise', 'neutral']) expect(r.perClass[k]).toBeGreaterThan(0.6);
  });

  it('runs the peers with their own preprocessing', () => {
    const r = evalFace(['--limit', '100', '--offset', '300', '--model', 'human,faceapi']);
    const [human, faceapi] = r.results;
    expect(human.model).toBe('human');
    expect(faceapi.model).toBe('faceapi');
    expect(human.accuracy).toBeGreaterThan(0.45);
    expect(faceapi.accuracy).toBeGreaterThan(0.4);
  });
});
