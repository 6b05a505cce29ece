/**
 * Drives the extension's analyse page in Chromium, as a user would: choose the file (and
 * subtitles), set the face interval, press Analyse, wait for the end. Shared by `npm run analyse`
 * and the end-to-end test, so both run exactly the page's pipeline.
 */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import type { Sample, SubjectRef } from '../../src/core/types';
import type { FileAnalysisResult } from '../../src/files/analyse-file';
import type { SubjectShares } from '../../src/files/shares';
import { extensionId } from '../../tests/support/chromium';

export interface PageState {
  phase: 'idle' | 'loading' | 'analysing' | 'done' | 'cancelled' | 'error';
  error: string | null;
  meetingId: string | null;
  progress: { doneSeconds: number; durationSeconds: number; fraction: number; etaSeconds: number | null } | null;
  result: FileAnalysisResult | null;
  summary: { subjects: SubjectShares[]; shares: Record<string, number> } | null;
  durationSeconds: number | null;
  samples: Sample[];
  subjects: SubjectRef[];
}

export interface DriveOptions {
  subtitles?: string;
  faceIntervalMs?: number;
  /** Press Cancel once the analysis has reached this media second. */
  cancelAtSeconds?: number;
  timeoutMs?: number;
}

export async function openAnalysePage(browser: Browser): Promise<Page> {
  const id = await extensionId(browser);
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${id}/analyse.html`);
  // the welcome page the extension opens on install would otherwise be the visible tab, and
  // Chromium defers loading media elements in hidden tabs (the playback would never start)
  await page.bringToFront();
  await page.waitForSelector('[data-testid="media-input"]');
  return page;
}

export const readState = (page: Page) => page.evaluate(() => (globalThis as unknown as { __emotionOverlayAnalyse?: unknown }).__emotionOverlayAnalyse ?? null) as Promise<PageState | null>;

export async function analyseOnPage(page: Page, file: string, opts: DriveOptions = {}): Promise<PageState> {
  const fileInput = (selector: string) => page.$(selector) as Promise<ElementHandle<HTMLInputElement> | null>;
  await (await fileInput('[data-testid="media-input"]'))!.uploadFile(file);
  if (opts.subtitles) {
    await (await fileInput('[data-testid="subtitle-input"]'))!.uploadFile(opts.subtitles);
    await page.waitForFunction(() => document.querySelector('[data-testid="start"]')?.textContent?.includes('with subtitles') || document.querySelector('[data-testid="subtitle-error"]'));
  }
  if (opts.faceIntervalMs !== undefined) {
    await page.$eval('[data-testid="face-interval"]', (el, ms) => {
      (el as HTMLInputElement).value = String(ms);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, opts.faceIntervalMs);
  }
  await page.waitForFunction(() => !(document.querySelector('[data-testid="start"]') as HTMLButtonElement | null)?.disabled);
  // clicked from inside the page: the button leaves the page as the run starts, which a CDP click waits on
  await page.$eval('[data-testid="start"]', (b) => setTimeout(() => (b as HTMLButtonElement).click(), 0));
  const deadline = Date.now() + (opts.timeoutMs ?? 24 * 3600_000);
  let cancelled = false;
  for (;;) {
    const state = await readState(page);
    if (state && (state.phase === 'done' || state.phase === 'cancelled' || state.phase === 'error')) return state;
    if (!cancelled && opts.cancelAtSeconds !== undefined && state?.progress && state.progress.doneSeconds >= opts.cancelAtSeconds) {
      await page.$eval('[data-testid="cancel"]', (b) => (b as HTMLButtonElement).click());
      cancelled = true;
    }
    if (Date.now() > deadline) throw new Error(`the analysis did not finish in time (last state: ${JSON.stringify(state?.phase)} ${JSON.stringify(state?.progress)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
