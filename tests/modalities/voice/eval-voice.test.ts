/**
 * End-to-end smoke test of `npm run eval:voice` on 28 RAVDESS clips of ../shared (4 actors x 7
 * classes, strong intensity, one statement): decoding, features, VAD, the committed model on WASM,
 * the report. The final model was trained on these speakers (all of actors 1-20), so this checks
 * the pipeline, not generalisation; the leave-actors-out numbers are in models/voice/README.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateManifest } from '../../../scripts/voice/eval-voice';

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

  it('--stream speaker carries the running normalisation across a speaker\'s clips; --gain-db 30 is flagged as clipping', async () => {
    // a tiny random model with speaker normalisation (the exporter's test model): checks the plumbing, not accuracy
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-eval-spk-'));
    const ex = spawnSync('/usr/bin/python3', [path.join(ROOT, 'models/voice/export_tfjs.py'), '--random-tiny-spk', '--out', out], { encoding: 'utf8' });
    expect(ex.status, ex.stderr).toBe(0);
    const opts = {
      manifest: path.join(ROOT, '../shared/data/speech/ravdess/metadata.csv'),
      filters: [['speaker', ['Actor_03', 'Actor_04']], ['intensity', ['strong']], ['statement', ['01']], ['repetition', ['01']]] as [string, string[]][],
      model: path.join(out, 'model.json'),
      quiet: true,
    };
    const clip = await evaluateManifest({ ...opts, stream: 'clip' });
    const spk = await evaluateManifest({ ...opts, stream: 'speaker' });
    const loud = await evaluateManifest({ ...opts, stream: 'clip', gainDb: 30 });
    expect(clip.summary.n).toBe(14);
    expect(spk.summary.n).toBe(14);
    expect(clip.summary.stream).toBe('clip');
    expect(spk.summary.stream).toBe('speaker');
    // same clips: the first clip of each speaker's stream sees the same statistics in both modes,
    // later ones have heard the speaker's earlier clips -> different probabilities
    const byFile = new Map(clip.results.map((q) => [q.file, q.probs]));
    const diffs = spk.results.map((q) => Math.max(...Array.from(q.probs, (v, j) => Math.abs(v - byFile.get(q.file)![j]))));
    expect(diffs.filter((d) => d < 1e-6).length).toBe(2);
    expect(diffs.filter((d) => d > 1e-4).length).toBeGreaterThanOrEqual(10);
    expect(clip.summary.clippingWindowShare).toBeLessThan(0.05);
    expect(loud.summary.clippingWindowShare).toBeGreaterThan(0.5);
    expect(loud.summary.gainDb).toBe(30);
    fs.rmSync(out, { recursive: true, force: true });
  }, 300000);
});
