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
import { evaluateInContentScript, waitForBadge } from '../support/badge';

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
    expect(await seriousViolations(popup)).toEqual([]);
    await popupShot(popup, 'popup-detail-en.png');
    const wider = await popup.evaluate(`[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 381).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
    expect(await popup.evaluate('document.documentElement.scrollWidth'), JSON.stringify(wider)).toBeLessThanOrEqual(380);
    await popup.close();

    const report = await openPage(browser, `chrome-extension://${extId}/report.html?meeting=${encodeURIComponent(meetingId)}`, 1000, 900);
    await report.waitForSelector('[data-testid=report-timeline] .uplot');
    const found = (await report.evaluate(`(() => ({
      histogram: document.querySelector('[data-testid=report-histogram]')?.dataset.total,
      remark: document.querySelector('[data-testid=report-remark]')?.textContent,
      timelinePoints: Number(document.querySelector('[data-testid=report-timeline] [data-points]')?.dataset.points),
      axes: document.querySelectorAll('[data-testid=report-timeline] .u-axis').length,
      affect: !!document.querySelector('[data-testid=report-affect] canvas'),
    }))()`)) as { histogram: string; remark: string; timelinePoints: number; axes: number; affect: boolean };
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
