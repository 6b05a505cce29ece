/**
 * eval:face --detect: photos (not face crops) go through the runtime's own detector in Chromium and
 * its crop policy. The demo stills are real photos with one face each; a plain gradient has none.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_MEDIA_DIR } from '../support/chromium';

const ROOT = resolve(import.meta.dirname, '../..');

describe('eval:face --detect', () => {
  it('finds the face in each demo photo, reads the expressions, and leaves out an image without a face', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eo-detect-'));
    for (const still of ['happy', 'neutral', 'happy2', 'sad']) copyFileSync(join(DEMO_MEDIA_DIR, `${still}.png`), join(dir, `${still}.png`));
    // a fixed seed: the same wall every run (1,000 random ones measured: none read as a face)
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'gradients=s=640x480:seed=1', '-frames:v', '1', join(dir, 'wall.png')]);
    writeFileSync(join(dir, 'manifest.csv'), 'file,label\nhappy.png,happy\nneutral.png,neutral\nhappy2.png,happy\nsad.png,sad\nwall.png,neutral\n');
    const out = execFileSync('npx', ['tsx', 'scripts/face/eval-face.ts', join(dir, 'manifest.csv'), '--detect'], { cwd: ROOT, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    // CI once counted no image without a face (not reproduced in 60 runs of still then wall): the eval's own lines say which image
    expect({ noFace: result.noFace, n: result.n }, out).toEqual({ noFace: 1, n: 4 });
    expect(result.accuracy).toBeGreaterThanOrEqual(0.75);
  });
});
