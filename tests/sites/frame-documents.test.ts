/**
 * `runInDocuments` in real Chromium: a feature runs on the top document and on each same-origin
 * frame's document, follows a frame that navigates or is added later, ends a removed frame's run,
 * skips a cross-origin frame, and ends everything on abort.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../support/chromium';
import { bundleForPage } from '../support/page-bundle';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await bundleForPage(`import { runInDocuments } from './src/content/frame-documents'; window.runInDocuments = runInDocuments;`);
  browser = await launchWithExtension({ noExtension: true, fakeMedia: false });
  page = await browser.newPage();
  await page.setContent(`<!doctype html><html><body><main></main></body></html>`);
  await page.addScriptTag({ content: bundle });
  // the feature records which documents it runs on (by their <title>) and which runs are live
  await page.evaluate(`(() => {
    window.live = new Set();
    window.started = [];
    window.stop = new AbortController();
    window.runInDocuments(document, (doc, signal) => {
      const name = doc.title || (doc === document ? 'top' : 'blank');
      window.started.push(name);
      window.live.add(doc);
      signal.addEventListener('abort', () => window.live.delete(doc));
    }, window.stop.signal);
  })()`);
});
afterAll(async () => {
  await browser?.close();
});

const liveTitles = () => page.evaluate(`[...window.live].map((d) => d.title || (d === document ? 'top' : 'blank')).sort()`) as Promise<string[]>;
const loaded = (id: string, html: string) =>
  page.evaluate(`new Promise((resolve) => {
    let f = document.getElementById('${id}');
    if (!f) { f = document.createElement('iframe'); f.id = '${id}'; document.querySelector('main').append(f); }
    f.addEventListener('load', () => setTimeout(resolve, 50), { once: true });
    f.srcdoc = ${JSON.stringify(html)};
  })`);

describe('runInDocuments', () => {
  it('runs on the top document and on a frame added later, once its page loads', async () => {
    await loaded('a', '<title>a1</title><p>meeting</p>');
    expect(await liveTitles()).toEqual(['a1', 'top']);
  });

  it('follows a frame that navigates: the old document\'s run ends, the new one\'s starts', async () => {
    await loaded('a', '<title>a2</title><p>another view</p>');
    expect(await liveTitles()).toEqual(['a2', 'top']);
  });

  it('follows frames inside frames', async () => {
    await loaded('b', '<title>b1</title><iframe srcdoc="&lt;title&gt;inner&lt;/title&gt;"></iframe>');
    await page.waitForFunction(`[...window.live].some((d) => d.title === 'inner')`, { timeout: 5000 });
    expect(await liveTitles()).toEqual(['a2', 'b1', 'inner', 'top']);
  });

  it('ends the run of a removed frame (and of the frames inside it)', async () => {
    await page.evaluate(`document.getElementById('b').remove()`);
    await page.waitForFunction(`![...window.live].some((d) => d.title === 'b1' || d.title === 'inner')`, { timeout: 5000 });
    expect(await liveTitles()).toEqual(['a2', 'top']);
  });

  it('skips a cross-origin frame', async () => {
    await page.evaluate(`new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.addEventListener('load', () => setTimeout(resolve, 50), { once: true });
      f.src = 'data:text/html,<title>other</title>';
      document.querySelector('main').append(f);
    })`);
    expect(await page.evaluate(`window.started.includes('other')`)).toBe(false);
    expect(await liveTitles()).toEqual(['a2', 'top']);
  });

  it('ends every run when the signal aborts', async () => {
    await page.evaluate(`window.stop.abort()`);
    expect(await liveTitles()).toEqual([]);
    await loaded('a', '<title>a3</title>');
    expect(await page.evaluate(`window.started.includes('a3')`)).toBe(false);
  });
});
