/**
 * End-to-end check of the committed face model and its preprocessing: npm run eval:face on the
 * first 300 FER2013 PublicTest faces (../shared/data/faces). Chance is ~25% (majority class).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FACES_DIR, REPO_ROOT } from './helpers';
import { expectedCalibrationError, muxspaceHoldout } from '../../../scripts/face/eval-lib';

const bin = path.join(FACES_DIR, 'fer2013_publictest.bin');
const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

const mux = path.join(FACES_DIR, 'muxspace_train.bin');

function evalFace(args: string[], data = [bin]): any {
  const out = execFileSync(process.execPath, [tsx, path.join(REPO_ROOT, 'scripts/face/eval-face.ts'), ...data, ...args], { encoding: 'utf8', cwd: REPO_ROOT });
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

describe('expected calibration error', () => {
  it('is 0 when confidence matches accuracy and |gap| otherwise', () => {
    // 10 predictions at 0.8 confidence, 8 right: calibrated
    expect(expectedCalibrationError(new Array(10).fill(0.8), [...new Array(8).fill(true), false, false])).toBeCloseTo(0);
    // all at 0.9, half right: 0.4
    expect(expectedCalibrationError(new Array(4).fill(0.9), [true, false, true, false])).toBeCloseTo(0.4);
  });
});

describe.skipIf(!fs.existsSync(mux) || !fs.existsSync(bin))('eval:face on the validation sets', () => {
  it('holds out the same muxspace identities as training (train_data.py muxspace_split)', () => {
    const rows = muxspaceHoldout(mux);
    expect(rows.length).toBe(1828); // the count train2.py prints for its held-out rows
  });

  it('scores several data sets in one run, one result per model and data set', () => {
    const r = evalFace(['--holdout', '--limit', '40', '--offset', '600', '--model', 'ours,human'], [bin, mux]);
    expect(r.results).toHaveLength(4);
    expect(r.results.map((x: any) => `${x.model}:${x.data}`)).toEqual([
      'ours:fer2013_publictest.bin', 'ours:muxspace_train.bin (held-out identities)', 'human:fer2013_publictest.bin', 'human:muxspace_train.bin (held-out identities)']);
    for (const x of r.results) { expect(x.n).toBe(40); expect(x.ece).toBeGreaterThanOrEqual(0); }
  });
});
