/**
 * The text modality end to end: the demo call captions its own speech (from the transcript that
 * made it, the way a meeting site shows live captions); the extension reads the caption lines, our
 * text model reads each one, the badge shows the words' reading, the export carries the text
 * modality, and no words are stored because the user did not ask for transcripts.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBadge, waitForBadge } from '../support/badge';
import { extensionId, launchWithExtension } from '../support/chromium';
import { startDemoServer } from '../support/static-server';
import { exportNewestMeetingJson } from '../support/downloads';

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Over a whole loop of the scripted speech, what did the words read, phrase by phrase? The script is
 * happy, neutral, happy, sad: every scripted class must be read in one loop.
 */
async function expectScriptedWords(page: Page, label: string): Promise<void> {
  await waitForBadge(page, (b) => b.words !== '', 20_000);
  const seen: string[] = [];
  const end = Date.now() + 19_000;
  while (Date.now() < end) {
    const words = (await readBadge(page)).words;
    if (words && words !== seen[seen.length - 1]) seen.push(words);
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`${label}:`, seen.join(' → '));
  expect(seen).toEqual(expect.arrayContaining(['happy', 'neutral', 'sad']));
}

describe('captions as the text modality', () => {
  it('reads the demo call\'s captions, shows their reading, exports it, and stores no words', async () => {
    const id = await extensionId(browser);
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.evaluate(`document.querySelector('#join').click()`);
    await expectScriptedWords(page, 'words readings over one loop of the demo speech');
    await page.evaluate(`document.querySelector('#leave').click()`);
    await new Promise((r) => setTimeout(r, 1500));

    const popup = await browser.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    const json = await exportNewestMeetingJson(popup);
    const text = JSON.stringify(json);
    const samples = json.subjects[0].samples as { readings: { text?: { state: string; probs: number[] | null } } }[];
    expect(samples.some((s) => s.readings.text?.state === 'ok' && s.readings.text.probs?.length === 7)).toBe(true);
    expect(json.subjects[0].summary.coverage.text).toBeGreaterThan(0);
    // no words anywhere: not in the export, not in the database
    expect(text).not.toMatch(/wonderful|quarter|everyone/i);
    const stored = await popup.evaluate(`new Promise((resolve) => {
      const r = indexedDB.open('emotion-overlay');
      r.onsuccess = () => { const q = r.result.transaction('utterances').objectStore('utterances').count(); q.onsuccess = () => resolve(q.result); };
    })`);
    expect(stored).toBe(0);
  });

  it('reads captions from a call that runs in a same-origin iframe (as app.zoom.us does)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}framed`);
    const frame = await (await page.waitForSelector('iframe#webclient'))!.contentFrame();
    await frame.waitForSelector('#join');
    await frame.evaluate(`document.querySelector('#join').click()`);
    // the badge is the top frame's; the devices and the caption lines are the frame's
    await expectScriptedWords(page, 'framed call, words readings over one loop');
    // the frame navigates (a new meeting view): its devices closed with the old document, so the call ended
    await frame.evaluate(`location.reload()`);
    await waitForBadge(page, (b) => !b.present, 10_000);
    // the new document's captions are read: the old document's run ended, the new one's started
    const again = await (await page.waitForSelector('iframe#webclient'))!.contentFrame();
    await again.waitForSelector('#join');
    await again.evaluate(`document.querySelector('#join').click()`);
    await waitForBadge(page, (b) => b.words !== '', 25_000);
    // the meeting frame goes (the host page closes the call): its devices went with it
    await page.evaluate(`document.querySelector('#webclient').remove()`);
    await waitForBadge(page, (b) => !b.present, 10_000);
    await page.close();
  });
});
