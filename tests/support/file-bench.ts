/**
 * The file pipeline's speed for `npm run bench`: runs scripts/analyse/measure.ts (a 640x480 30 fps
 * clip with one face and speech, analysed twice on the test build's analyse page) in its own
 * process, so its browser never shares one with the bench's, and returns its last-line JSON.
 * The bar: fileMsPerMediaSecond <= 250 (at least 4x real time).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const FILE_MS_PER_MEDIA_SECOND_BAR = 250;

export interface FileBench {
  fileMsPerMediaSecond: number;
  realTimeFactor: number;
  durationSeconds: number;
  runs: { msPerMediaSecond: number }[];
  decodePerFaceFrameMs: Record<string, number>;
}

export function measureFilePipeline(seconds = 30, intervalMs = 500): FileBench {
  const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'scripts/analyse/measure.ts'), '--seconds', String(seconds), '--interval', String(intervalMs)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  const last = out.trim().split('\n').at(-1)!;
  return JSON.parse(last) as FileBench;
}
