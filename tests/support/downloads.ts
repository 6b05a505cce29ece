import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';

/** The start of every meeting export's file name (src/export/filename.ts). */
export const EXPORT_NAME_PREFIX = 'emotion-overlay_';

/**
 * The finished downloads in `dir` once there are `count` (Chromium's .crdownload, Firefox's .part
 * excluded), counting only names that start with `prefix`: Firefox may first write a download under a
 * random temporary name (e.g. `uggE2DDY.json`) and rename it when done.
 */
export async function waitForFiles(dir: string, count: number, timeout = 10_000, prefix = ''): Promise<string[]> {
  const end = Date.now() + timeout;
  for (;;) {
    const files = (await readdir(dir)).filter((f) => f.startsWith(prefix) && !f.endsWith('.crdownload') && !f.endsWith('.part'));
    if (files.length >= count) return files;
    if (Date.now() > end) throw new Error(`only ${files.length} downloads: ${files}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The popup's JSON export of its newest meeting, as the user gets it: the meeting opened from the
 * history, "Export JSON" clicked, the downloaded file read. `popup` is an open popup page.
 */
// the export's shape is what the tests check, so it is read untyped
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function exportNewestMeetingJson(popup: Page): Promise<any> {
  const downloads = await mkdtemp(join(tmpdir(), 'eo-export-'));
  await (await popup.createCDPSession()).send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await popup.reload();
  await popup.waitForSelector('[data-testid=meeting-item]');
  await popup.evaluate(`document.querySelector('[data-testid=meeting-item]').click()`);
  await popup.waitForSelector('[data-testid=export-json]');
  await popup.evaluate(`document.querySelector('[data-testid=export-json]').click()`);
  const files = await waitForFiles(downloads, 1);
  return JSON.parse(await readFile(join(downloads, files.find((f) => f.endsWith('.json'))!), 'utf8'));
}
