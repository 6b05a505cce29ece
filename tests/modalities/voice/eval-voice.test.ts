/**
 * End-to-end smoke test of `npm run eval:voice` on 28 RAVDESS clips of ../shared (4 actors x 7
 * classes, strong intensity, one statement): decoding, features, VAD, the committed model on WASM,
 * the report. The final model was trained on these speakers (all of actors 1-20), so this checks
 * the pipeline, not generalisation; the leave-actors-out numbers are in models/voice/README.md.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

describe('eval:voice', () => {
  it('runs on a few dozen clips, prints a JSON summary, accuracy well above chance', () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        path.join(ROOT, 'scripts/voice/eval-voice.ts'),
        path.join(ROOT, '../shared/data/speech/ravdess/metadata.csv'),
        '--filter', 'speaker=Actor_01|Actor_06|Actor_11|Actor_16',
        '--filter', 'intensity=strong',
        '--filter', 'statement=01',
        '--filter', 'repetition=01',
        '--limit', '40',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 120000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const res = JSON.parse(lines[lines.length - 1]);
    expect(res.n).toBe(28);
    expect(Object.keys(res.perClass)).toEqual(['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral']);
    expect(res.accuracy).toBeGreaterThan(0.35); // chance: 1/7
    expect(res.uar).toBeGreaterThan(0.35);
    expect(res.msPerAudioSecond).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/true\\pred/);
  }, 150000);
});
