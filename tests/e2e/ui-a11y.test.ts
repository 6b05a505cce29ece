/**
 * The UI in real Chromium, in English and in Spanish: a real demo call (the extension's real
 * models on the demo media) makes a meeting; the badge, the popup (live and history), the
 * meeting's report and the welcome page are then checked with axe-core (no serious or critical
 * violation) and photographed into $EO_SHOTS_DIR (default /tmp/ui-shots) for review. The report
 * must show the histogram, the remark and timelines with data.
 */
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionId, launchWithExtension } from '../support/chromium';
import { startDemoServer } from '../support/static-server';
import { evaluateInContentScript, readBadge as readBadgeOf, waitForBadge } from '../support/badge';
import { waitForFiles } from '../support/downloads';
import { execFileSync } from 'node:child_process';

const SHOTS = process.env.EO_SHOTS_DIR ?? '/tmp/ui-shots';
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: Awaited<ReturnType<typeof startDemoServer>>;
let profile: string;
let meetingId = '';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page; returns the serious and critical violations, in short. */
async function seriousViolations(page: Page): Promise<string[]> {
  // a page in the background gets throttled timers, and axe works in timer-sized chunks
  await page.bringToFront();
  await page.evaluate(await axeSource);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`axe did not finish on ${page.url()}`)), 30_000)));
  const run = page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`) as Promise<AxeViolation[]>;
  const violations = await Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(' | ')}`);
}

async function clickOn(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).click()`);
}

async function openPage(browser: Browser, url: string, width: number, height: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  await page.goto(url);
  return page;
}

/** The popup at its own size: the page's content height, as Chrome sizes an action popup. */
async function popupShot(page: Page, name: string): Promise<void> {
  const height = (await page.evaluate(`Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)`)) as number;
  await page.setViewport({ width: 380, height: Math.min(600, Math.max(100, height)) });
  await page.screenshot({ path: join(SHOTS, name) });
}

async function badgeRect(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return evaluateInContentScript(page, `(() => { const r = globalThis.__emotionOverlayBadge.root().querySelector('[data-testid=badge]').getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`);
}

async function shootBadge(page: Page, name: string): Promise<void> {
  const r = await badgeRect(page);
  if (!r) throw new Error('no badge to photograph');
  await page.screenshot({ path: join(SHOTS, name), clip: { x: Math.max(0, r.x - 12), y: Math.max(0, r.y - 12), width: r.width + 24, height: r.height + 24 } });
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await startDemoServer();
  profile = await mkdtemp(join(tmpdir(), 'eo-ui-profile-'));
});

afterAll(async () => {
  await server?.close();
});

describe('the UI in English', () => {
  let browser: Browser;
  let extId: string;
  beforeAll(async () => {
    browser = await launchWithExtension({ userDataDir: profile });
    extId = await extensionId(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a call: the badge says "looks …" with confidence in words, labelled bars, a compact mode; the popup shows it live', async () => {
    const call = await browser.newPage();
    await call.setViewport({ width: 1100, height: 700 });
    await call.goto(server.url);
    await clickOn(call, '#join');
    const joined = Date.now();
    await waitForBadge(call, (b) => b.face && b.fused && b.dominant !== '', 20_000);
    // a meeting of some length, for the report's timelines
    await new Promise((r) => setTimeout(r, Math.max(0, joined + 12_000 - Date.now())));
    const head = (await evaluateInContentScript(
      call,
      `(() => { const r = globalThis.__emotionOverlayBadge.root(); return { name: r.querySelector('[data-testid=badge-dominant]').textContent, level: r.querySelector('.eo-confidence').dataset.level, initials: [...r.querySelectorAll('[data-testid=badge-fused] [aria-hidden=true] span')].map((s) => s.textContent), label: r.querySelector('[data-testid=badge-fused] [role=img]').getAttribute('aria-label') }; })()`,
    )) as { name: string; level: string; initials: string[]; label: string };
    expect(head.name).toMatch(/^looks (angry|disgusted|afraid|happy|sad|surprised|neutral)$/);
    expect(['low', 'moderate', 'clear']).toContain(head.level);
    expect(head.initials).toEqual(['An', 'Di', 'Fe', 'Ha', 'Sa', 'Su', 'Ne']);
    expect(head.label).toMatch(/^Combined: Angry \d+%, Disgust \d+%/);
    await shootBadge(call, 'badge-en.png');

    // focus a row: its values in words
    await call.bringToFront();
    await evaluateInContentScript(call, `globalThis.__emotionOverlayBadge.root().querySelector('[data-testid=badge-face]').focus()`);
    await new Promise((r) => setTimeout(r, 200));
    const readout = await evaluateInContentScript<string>(call, `globalThis.__emotionOverlayBadge.root().querySelector('[data-testid=badge-readout]').textContent`);
    expect(readout).toMatch(/^Face: \w+ \d+% · \w+ \d+% · \w+ \d+%$/);
    await shootBadge(call, 'badge-en-readout.png');

    // a marker from the badge, by keyboard only: focus "Mark this moment", Enter, type a note, Enter
    await evaluateInContentScript(call, `globalThis.__emotionOverlayBadge.root().querySelector('[data-testid=badge-marker-open]').focus()`);
    await call.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 300));
    const focusedIsNote = await evaluateInContentScript<boolean>(call, `globalThis.__emotionOverlayBadge.root().getRootNode().activeElement?.dataset.testid === 'badge-marker-note'`);
    expect(focusedIsNote).toBe(true);
    await call.keyboard.type('big laugh');
    await call.keyboard.press('Enter');
    let markerStatus = '';
    for (let i = 0; i < 20 && !markerStatus; i++) {
      await new Promise((r) => setTimeout(r, 250));
      markerStatus = (await evaluateInContentScript<string>(call, `globalThis.__emotionOverlayBadge.root().querySelector('[data-testid=badge-marker-status]').textContent`)) ?? '';
    }
    expect(markerStatus).toMatch(/^Marker added at \d+:\d\d\.$/);

    // the popup over the call tab (a test build takes the tab from ?tab=)
    const tabId = await tabIdOf(browser, extId, call.url());
    const popup = await openPage(browser, `chrome-extension://${extId}/popup.html?tab=${tabId}`, 380, 600);
    await popup.waitForSelector('[data-testid=live-dominant][data-emotion]:not([data-emotion=""])', { timeout: 10_000 });
    const live = (await popup.$eval('[data-testid=live-state]', (el) => el.textContent)) ?? '';
    expect(live).toMatch(/Apparent expression/);
    expect(live).toMatch(/(low|moderate|clear) confidence \(\d+%\)/);
    expect(live).toMatch(/Expressions are not feelings/);
    expect(await popup.$('[data-testid=in-progress]')).not.toBeNull();
    expect(await seriousViolations(popup)).toEqual([]);
    // a marker with a note from the popup, while the meeting is live
    await popup.type('[data-testid=popup-marker-note]', 'asked a question');
    await clickOn(popup, '[data-testid=popup-marker-add]');
    await popup.waitForFunction(`/^Marker added at \\d+:\\d\\d\\.$/.test(document.querySelector('[data-testid=popup-marker-status]').textContent)`, { timeout: 5000 });
    await popupShot(popup, 'popup-live-en.png');
    // the toolbar icon's badge shows the live state of this tab (analysing, or needs attention)
    const actionBadge = () => popup.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`) as Promise<string>;
    expect(['●', '!']).toContain(await actionBadge());

    // compact badge from the popup's switch
    await clickOn(popup, '[data-testid=popup-badge-compact]');
    await waitForBadge(call, (b) => b.present && !b.face, 5000);
    await shootBadge(call, 'badge-en-compact.png');
    await clickOn(popup, '[data-testid=popup-badge-compact]');
    await waitForBadge(call, (b) => b.face, 5000);

    // paused: the toolbar says so too
    await clickOn(popup, '[data-testid=toggle-pause]');
    await popup.waitForFunction(`chrome.action.getBadgeText({ tabId: ${tabId} }).then((t) => t === 'II')`, { timeout: 8000, polling: 250 });
    await clickOn(popup, '[data-testid=toggle-pause]');
    await popup.waitForFunction(`chrome.action.getBadgeText({ tabId: ${tabId} }).then((t) => t !== 'II')`, { timeout: 8000, polling: 250 });

    await clickOn(call, '#leave');
    // what the user sees: no badge (its empty host element is the call lifecycle's business, live-call.test.ts)
    await waitForBadge(call, (b) => !b.present, 10_000);
    // hung up: the toolbar badge goes
    const leftAt = Date.now();
    await popup
      .waitForFunction(`chrome.action.getBadgeText({ tabId: ${tabId} }).then((t) => t === '')`, { timeout: 20_000, polling: 250 })
      .catch(async (e) => {
        const state = await popup.evaluate(`Promise.all([chrome.action.getBadgeText({ tabId: ${tabId} }), chrome.storage.session.get('activeCall')]).then(JSON.stringify)`);
        throw new Error(`${e}: ${state}`);
      });
    console.log(`toolbar badge cleared ${Date.now() - leftAt} ms after the hang-up`);
    await popup.close();
    await call.close();
  });

  it('the finished meeting: history, detail and the report with histogram, remark and timelines with data', async () => {
    const popup = await openPage(browser, `chrome-extension://${extId}/popup.html`, 380, 600);
    await popup.waitForSelector('[data-testid=meeting-item]');
    meetingId = (await popup.$eval('[data-testid=meeting-item]', (el) => el.getAttribute('data-meeting-id'))) ?? '';
    // the worker ends the meeting a moment after the hang-up: then the row is no longer "in progress"
    for (let i = 0; i < 20 && (await popup.$('[data-testid=in-progress]')); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await popup.reload();
      await popup.waitForSelector('[data-testid=meeting-item]');
    }
    expect(await popup.$('[data-testid=in-progress]')).toBeNull();
    expect(await seriousViolations(popup)).toEqual([]);
    await popupShot(popup, 'popup-history-en.png');
    // no empty strip and no scroll at the default size: the document is exactly its content
    const fit = (await popup.evaluate(`({ doc: document.documentElement.scrollHeight, view: innerHeight, width: document.documentElement.scrollWidth })`)) as { doc: number; view: number; width: number };
    expect(fit.doc).toBeLessThanOrEqual(fit.view);
    expect(fit.width).toBeLessThanOrEqual(380);

    await clickOn(popup, '[data-testid=meeting-item]');
    await popup.waitForSelector('[data-testid=meeting-summary]');
    const detail = (await popup.$eval('[data-testid=meeting-detail]', (el) => el.textContent)) ?? '';
    expect(detail).not.toMatch(/over 0 minutes/);
    const chartLabel = await popup.$eval('[data-testid=timeline] svg', (el) => el.getAttribute('aria-label'));
    expect(chartLabel).toMatch(/^You: apparent expression over \d+ s/);
    // the two markers of the call, with their notes, in time order
    const notes = await popup.$$eval('[data-testid=marker-item]', (items) => items.map((i) => i.textContent));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/^⚑ \d+:\d\d · big laugh/);
    expect(notes[1]).toMatch(/^⚑ \d+:\d\d · asked a question/);
    // rename it, by keyboard: the new name shows in the detail, then in the history
    await clickOn(popup, '[data-testid=rename-open]');
    await popup.waitForSelector('[data-testid=rename-input]');
    await popup.focus('[data-testid=rename-input]');
    await popup.keyboard.down('Control');
    await popup.keyboard.press('KeyA');
    await popup.keyboard.up('Control');
    await popup.keyboard.type('Weekly sync, renamed');
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(`document.querySelector('[data-testid=meeting-name]')?.textContent === 'Weekly sync, renamed'`, { timeout: 15_000 });
    expect(await seriousViolations(popup)).toEqual([]);
    await popupShot(popup, 'popup-detail-en.png');
    const wider = await popup.evaluate(`[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 381).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
    expect(await popup.evaluate('document.documentElement.scrollWidth'), JSON.stringify(wider)).toBeLessThanOrEqual(380);
    await clickOn(popup, '[data-testid=detail-back]');
    await popup.waitForFunction(`[...document.querySelectorAll('[data-testid=meeting-item]')].some((b) => b.textContent.includes('Weekly sync, renamed'))`, { timeout: 5000 });

    // export all: one ZIP with each meeting's JSON and CSV, markers and the new name included
    const downloads = await mkdtemp(join(tmpdir(), 'eo-export-all-'));
    await (await popup.createCDPSession()).send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await clickOn(popup, '[data-testid=export-all]');
    const [zipName] = await waitForFiles(downloads, 1);
    expect(zipName).toMatch(/^emotion-overlay_all_\d{4}-\d\d-\d\d\.zip$/);
    const zipPath = join(downloads, zipName);
    expect(execFileSync('/usr/bin/unzip', ['-t', zipPath], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const listing = execFileSync('/usr/bin/unzip', ['-Z1', zipPath], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(listing.filter((n) => n.endsWith('.csv'))).toHaveLength(1);
    const exported = JSON.parse(execFileSync('/usr/bin/unzip', ['-p', zipPath, listing.find((n) => n.endsWith('.json'))!], { encoding: 'utf8' }));
    expect(exported.meeting.title).toBe('Weekly sync, renamed');
    expect(exported.markers.map((m: { note: string }) => m.note)).toEqual(['big laugh', 'asked a question']);
    await popup.close();

    const report = await openPage(browser, `chrome-extension://${extId}/report.html?meeting=${encodeURIComponent(meetingId)}`, 1000, 900);
    await report.waitForSelector('[data-testid=report-timeline] .uplot');
    const found = (await report.evaluate(`(() => ({
      histogram: document.querySelector('[data-testid=report-histogram]')?.dataset.total,
      remark: document.querySelector('[data-testid=report-remark]')?.textContent,
      timelinePoints: Number(document.querySelector('[data-testid=report-timeline] [data-points]')?.dataset.points),
      axes: document.querySelectorAll('[data-testid=report-timeline] .u-axis').length,
      affect: !!document.querySelector('[data-testid=report-affect] canvas'),
      markersDrawn: Number(document.querySelector('[data-testid=report-timeline]')?.dataset.markers),
      markerItems: document.querySelectorAll('[data-testid=marker-item]').length,
      name: document.querySelector('[data-testid=meeting-name]')?.textContent,
    }))()`)) as { histogram: string; remark: string; timelinePoints: number; axes: number; affect: boolean; markersDrawn: number; markerItems: number; name: string };
    expect(found.markersDrawn).toBe(2);
    expect(found.markerItems).toBe(2);
    expect(found.name).toBe('Weekly sync, renamed');
    expect(Number(found.histogram)).toBeCloseTo(1, 2);
    expect(found.remark).toMatch(/^Mostly \w+\./);
    expect(found.timelinePoints).toBeGreaterThanOrEqual(5);
    expect(found.axes).toBe(2);
    expect(found.affect).toBe(true);
    // the hover readout: the legend shows the values under the pointer
    const box = (await report.$eval('[data-testid=report-timeline] .u-over', (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    })) as { x: number; y: number; w: number; h: number };
    await report.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
    const legend = (await report.$eval('[data-testid=report-timeline] .u-legend', (el) => el.textContent)) ?? '';
    expect(legend).toMatch(/\d+%/);
    expect(await seriousViolations(report)).toEqual([]);
    await report.screenshot({ path: join(SHOTS, 'report-en.png'), fullPage: true });
    await report.emulateMediaType('print');
    await report.screenshot({ path: join(SHOTS, 'report-en-print.png'), fullPage: true });
    await report.close();

    // trends across meetings: a chart and its table, one row per meeting with readings
    const trends = await openPage(browser, `chrome-extension://${extId}/report.html?view=trends`, 1000, 800);
    await trends.waitForSelector('[data-testid=trends-plot] .uplot');
    const rows = await trends.$$eval('[data-testid=trends-table] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(7);
    const total = rows[0].reduce((sum, cell) => sum + Number(String(cell).replace('%', '')), 0);
    expect(total).toBeGreaterThanOrEqual(97);
    expect(total).toBeLessThanOrEqual(103);
    expect(await trends.$eval('main', (el) => el.textContent)).toMatch(/apparent expressions, not feelings/i);
    expect(await seriousViolations(trends)).toEqual([]);
    await trends.screenshot({ path: join(SHOTS, 'trends-en.png'), fullPage: true });
    await trends.close();
  });

  it('the welcome page: the permission table lists tabCapture, and passes axe', async () => {
    const welcome = await openPage(browser, `chrome-extension://${extId}/welcome.html`, 900, 900);
    await welcome.waitForSelector('[data-testid=permission-table]');
    const permissions = await welcome.$$eval('[data-testid=permission-table] [data-permission]', (rows) => rows.map((r) => r.getAttribute('data-permission')));
    expect(permissions).toEqual(expect.arrayContaining(['tabCapture', 'offscreen', 'storage', 'activeTab', 'scripting']));
    expect((await welcome.$eval('[data-testid=permission-table]', (el) => el.textContent)) ?? '').toMatch(/tabCapture/);
    await welcome.waitForSelector('[data-testid=setting-badge-compact]');
    expect(await seriousViolations(welcome)).toEqual([]);
    await welcome.screenshot({ path: join(SHOTS, 'welcome-en.png'), fullPage: true });
    await welcome.close();
  });
});

describe('the UI in Spanish (the browser in Spanish)', () => {
  let browser: Browser;
  let extId: string;
  beforeAll(async () => {
    // Chromium on Linux takes its UI language, and so the extension's, from the environment
    const language = process.env.LANGUAGE;
    process.env.LANGUAGE = 'es';
    try {
      browser = await launchWithExtension({ userDataDir: profile });
    } finally {
      if (language === undefined) delete process.env.LANGUAGE;
      else process.env.LANGUAGE = language;
    }
    extId = await extensionId(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('popup, report and welcome page speak Spanish and pass axe', async () => {
    expect(meetingId).not.toBe('');
    const t0 = Date.now();
    const step = (name: string) => console.log(`es: ${name} at ${Date.now() - t0} ms`);
    const popup = await openPage(browser, `chrome-extension://${extId}/popup.html`, 380, 600);
    await popup.waitForSelector('[data-testid=meeting-item]');
    expect(await popup.$eval('#history-title', (el) => el.textContent)).toBe('Historial');
    expect(await popup.evaluate('document.documentElement.lang')).toBe('es');
    expect(await seriousViolations(popup)).toEqual([]);
    await popupShot(popup, 'popup-history-es.png');
    await clickOn(popup, '[data-testid=meeting-item]');
    await popup.waitForSelector('[data-testid=meeting-summary]');
    await popupShot(popup, 'popup-detail-es.png');
    await popup.close();
    step('popup done');

    const report = await openPage(browser, `chrome-extension://${extId}/report.html?meeting=${encodeURIComponent(meetingId)}`, 1000, 900);
    await report.waitForSelector('[data-testid=report-timeline] .uplot');
    expect(await report.$eval('[data-testid=report-remark]', (el) => el.textContent)).toMatch(/^Sobre todo /);
    expect(await seriousViolations(report)).toEqual([]);
    await report.screenshot({ path: join(SHOTS, 'report-es.png'), fullPage: true });
    await report.close();
    step('report done');

    const welcome = await openPage(browser, `chrome-extension://${extId}/welcome.html`, 900, 900);
    await welcome.waitForSelector('[data-testid=permission-table]');
    expect(await welcome.$eval('#permissions-title', (el) => el.textContent)).toBe('Permisos y para qué sirven');
    expect(await seriousViolations(welcome)).toEqual([]);
    await welcome.screenshot({ path: join(SHOTS, 'welcome-es.png'), fullPage: true });
    await welcome.close();
  });
});

describe('the browser in English, Spanish chosen in the settings; the demo site turned off', () => {
  let browser: Browser;
  let extId: string;
  beforeAll(async () => {
    browser = await launchWithExtension({ userDataDir: profile });
    extId = await extensionId(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the language override: welcome, popup, report, trends, analyse and the badge speak Spanish', async () => {
    const welcome = await openPage(browser, `chrome-extension://${extId}/welcome.html`, 900, 900);
    await welcome.waitForSelector('[data-testid=setting-language]');
    expect(await welcome.$eval('#permissions-title', (el) => el.textContent)).toBe('Permissions and why');
    // choosing Spanish reloads the page in Spanish
    await Promise.all([welcome.waitForNavigation(), welcome.select('[data-testid=setting-language]', 'es')]);
    await welcome.waitForSelector('#permissions-title');
    expect(await welcome.$eval('#permissions-title', (el) => el.textContent)).toBe('Permisos y para qué sirven');
    expect(await welcome.evaluate('document.documentElement.lang')).toBe('es');
    expect(await seriousViolations(welcome)).toEqual([]);
    await welcome.close();

    const popup = await openPage(browser, `chrome-extension://${extId}/popup.html`, 380, 600);
    await popup.waitForSelector('[data-testid=meeting-item]');
    expect(await popup.$eval('#history-title', (el) => el.textContent)).toBe('Historial');
    expect(await popup.$eval('[data-testid=open-trends]', (el) => el.textContent)).toBe('Tendencias entre reuniones');
    await popup.close();

    const trends = await openPage(browser, `chrome-extension://${extId}/report.html?view=trends`, 1000, 800);
    await trends.waitForSelector('[data-testid=trends-table]');
    expect(await trends.$eval('h1', (el) => el.textContent)).toBe('Tendencias entre reuniones');
    expect(await seriousViolations(trends)).toEqual([]);
    await trends.screenshot({ path: join(SHOTS, 'trends-es.png'), fullPage: true });
    await trends.close();

    const analyse = await openPage(browser, `chrome-extension://${extId}/analyse.html`, 900, 700);
    await analyse.waitForFunction(`document.documentElement.lang === 'es'`, { timeout: 10_000 });
    await analyse.close();

    // the badge on a call page, in Spanish too
    const call = await browser.newPage();
    await call.setViewport({ width: 1100, height: 700 });
    await call.goto(server.url);
    await clickOn(call, '#join');
    await waitForBadge(call, (b) => b.face && b.fused && b.dominant !== '', 20_000);
    const head = await evaluateInContentScript<string>(call, `globalThis.__emotionOverlayBadge.root().querySelector('[data-testid=badge-dominant]').textContent`);
    expect(head).toMatch(/^parece /);
    expect(await evaluateInContentScript<string>(call, `globalThis.__emotionOverlayBadge.root().querySelector('[data-testid=badge-marker-open]').textContent`)).toMatch(/Marcar este momento/);
    await shootBadge(call, 'badge-es-override.png');
    await clickOn(call, '#leave');
    await waitForBadge(call, (b) => !b.present, 10_000);
    await call.close();
  });

  it('per-site off: the popup switch stops a running call at once, and the site then does nothing', async () => {
    const meetingsNow = async (page: Page) =>
      (await page.evaluate(`new Promise((resolve) => { const r = indexedDB.open('emotion-overlay'); r.onsuccess = () => { const tx = r.result.transaction('meetings'); const c = tx.objectStore('meetings').count(); c.onsuccess = () => { r.result.close(); resolve(c.result); }; }; })`)) as number;
    const call = await browser.newPage();
    await call.setViewport({ width: 1100, height: 700 });
    await call.goto(server.url);
    await clickOn(call, '#join');
    await waitForBadge(call, (b) => b.face && b.fused, 20_000);
    const tabId = await tabIdOf(browser, extId, call.url());
    const popup = await openPage(browser, `chrome-extension://${extId}/popup.html?tab=${tabId}`, 380, 600);
    await popup.waitForSelector('[data-testid=site-switch][data-site=demo][data-enabled=true]');
    expect(await seriousViolations(popup)).toEqual([]);
    await clickOn(popup, '[data-testid=site-switch-input]');
    await popup.waitForSelector('[data-testid=site-switch][data-enabled=false]');
    // the badge goes, the engine stops (no active call), the toolbar badge clears
    await waitForBadge(call, (b) => !b.present, 10_000);
    await popup.waitForFunction(`chrome.storage.session.get('activeCall').then((s) => !s.activeCall)`, { timeout: 10_000, polling: 250 });
    await popup.waitForFunction(`chrome.action.getBadgeText({ tabId: ${tabId} }).then((t) => t === '')`, { timeout: 10_000, polling: 250 });
    const before = await meetingsNow(popup);

    // a new call on the site that is off: nothing at all
    await call.reload();
    await clickOn(call, '#join');
    await new Promise((r) => setTimeout(r, 6000));
    expect((await readBadgeOf(call)).present).toBe(false);
    expect(await popup.evaluate(`chrome.storage.session.get('activeCall').then((s) => s.activeCall ?? null)`)).toBeNull();
    expect(await meetingsNow(popup)).toBe(before);

    // on again: the call on the page is analysed without a reload
    await popup.reload();
    await clickOn(popup, '[data-testid=site-switch-input]');
    await waitForBadge(call, (b) => b.present, 20_000);
    await clickOn(call, '#leave');
    await waitForBadge(call, (b) => !b.present, 10_000);
    await popup.close();
    await call.close();
  });
});

/** The browser's tab id of the page at `url`, asked from an extension page (puppeteer has no tab ids). */
async function tabIdOf(browser: Browser, extId: string, url: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(`chrome-extension://${extId}/welcome.html`);
    const id = (await page.evaluate(`chrome.tabs.query({ url: ${JSON.stringify(url.split('#')[0].replace(/\/$/, '/*'))} }).then((tabs) => tabs[0]?.id ?? 0)`)) as number;
    if (!id) throw new Error(`no tab at ${url}`);
    return id;
  } finally {
    await page.close();
  }
}
