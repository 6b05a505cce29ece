/**
 * The popup's class view in real Chromium: other participants analysed through tab capture (the
 * gallery of three demo photos, as in participants-tab.test.ts), one card per person with the
 * name, the apparent expression, the confidence in words, the last 30 s and whether they speak.
 * Photographed into $EO_SHOTS_DIR (default /tmp/ui-shots).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionId, extensionWorker, launchWithExtension } from '../support/chromium';
import { startDemoServer } from '../support/static-server';

const SHOTS = process.env.EO_SHOTS_DIR ?? '/tmp/ui-shots';
let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await startDemoServer();
  browser = await launchWithExtension({ autoAcceptMedia: false, allowTabCapture: true, unmuted: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the class view', () => {
  it('one card per person: name, apparent expression, confidence in words, a 30 s trend, speaking or not', async () => {
    const id = await extensionId(browser);
    const cdp = await browser.target().createCDPSession();
    for (const origin of [`chrome-extension://${id}`, new URL(server.url).origin])
      for (const name of ['camera', 'microphone']) await cdp.send('Browser.setPermission', { origin, permission: { name }, setting: 'granted' } as never);
    const sw = await extensionWorker(browser);
    await sw.evaluate(`chrome.storage.local.get('settings').then(({ settings }) => chrome.storage.local.set({ settings: {
      ...(settings ?? {}), remoteAnalysis: { enabled: true, disclosureAcceptedAt: Date.now() },
      useContext: { region: 'elsewhere', setting: 'research' } } }))`);

    const gallery = await browser.newPage();
    await gallery.goto(`${server.url}gallery`);
    await gallery.waitForFunction(`[...document.images].every((i) => i.complete && i.naturalWidth > 0)`);
    const tabId = (await sw.evaluate(`chrome.tabs.query({ url: '${server.url}gallery' }).then((t) => t[0].id)`)) as number;
    const popup = await browser.newPage();
    await popup.setViewport({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
    expect(await popup.evaluate(`chrome.runtime.sendMessage({ type: 'ui/analyse-participants', tabId: ${tabId}, enable: true })`)).toEqual({ ok: true });
    await gallery.bringToFront();

    // three people with a reading, and some trend behind each
    await popup.waitForFunction(
      `document.querySelectorAll('[data-testid=subject-card][data-emotion]:not([data-emotion=""])').length >= 3 &&
       [...document.querySelectorAll('[data-testid=subject-card] svg rect[fill]')].length >= 6`,
      { timeout: 60_000, polling: 500 },
    );
    const cards = (await popup.$$eval('[data-testid=subject-card]', (els) =>
      els.map((el) => ({ id: el.getAttribute('data-subject-id'), text: el.textContent ?? '', speaking: el.getAttribute('data-speaking'), trend: el.querySelectorAll('svg rect[fill]').length })),
    )) as { id: string; text: string; speaking: string; trend: number }[];
    console.log('class view cards:', JSON.stringify(cards));
    const others = cards.filter((c) => c.id.startsWith('tab-face-'));
    expect(others.length).toBeGreaterThanOrEqual(3);
    for (const c of others) {
      expect(c.text).toMatch(/^Participant \d/);
      expect(c.text).toMatch(/looks (angry|disgusted|afraid|happy|sad|surprised|neutral)/);
      expect(c.text).toMatch(/(low|moderate|clear) confidence \(\d+%\)/);
      expect(c.text).toMatch(/not speaking|speaking/);
      expect(['true', 'false']).toContain(c.speaking);
    }

    const axe = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await popup.evaluate(axe);
    const violations = (await popup.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')))`)) as string[];
    expect(violations).toEqual([]);
    const height = (await popup.evaluate(`Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)`)) as number;
    await popup.setViewport({ width: 380, height: Math.min(1400, height) });
    await popup.screenshot({ path: join(SHOTS, 'popup-class-view-en.png') });
    await popup.evaluate(`chrome.runtime.sendMessage({ type: 'ui/analyse-participants', tabId: ${tabId}, enable: false })`);
  });
});
