/**
 * The whole product in Debian's Firefox ESR, driven by puppeteer over WebDriver BiDi: the Firefox
 * test build (`npm run build:firefox:test`) installed as a temporary add-on, the demo call page,
 * the engine in its Firefox host (the engine page as a frame of the background page), the real
 * models, IndexedDB, the popup and its exports.
 *
 * What CI's Firefox cannot do, and what this test checks instead:
 * - No file-fed fake camera or microphone (Chromium's --use-file-for-fake-*-capture has no Firefox
 *   equivalent; a loopback device needs v4l2loopback or a sound server). Firefox's own fake devices
 *   (`media.navigator.streams.fake`) show a plain coloured frame and play a tone, so the reading's
 *   class cannot be scripted here: the face pipeline runs (MediaPipe on WebGL, every frame) and reads
 *   "no face", the voice pipeline runs (worklet, features, VAD) and reads "silent". The face and
 *   voice classes cannot be scripted here; the text modality's can (the demo page captions its
 *   speech), and its scripted loop is checked on the badge. The face detector is checked on the
 *   demo photos in this Firefox; the models' parity tests (tests/modalities) run the same TF.js WASM code.
 * - Headless Firefox has no WebGL (bugzilla 1375585), which MediaPipe needs even on its CPU
 *   delegate: Firefox runs headed on a private Xvfb display (tests/support/firefox.ts).
 * - No sound card: a mock audio backend (`media.cubeb.force_mock_context`) lets the AudioContext run.
 * - The background page is not a BiDi browsing context: the engine frame is reached from the
 *   extension's own tab through runtime.getBackgroundPage() (same origin). Firefox's MV2 background
 *   is a persistent page, not a service worker, so there is no worker restart to test.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS, type Emotion } from '../../src/core/emotions';
import { parseMeetingCsv } from '../../src/export/csv';
import { downloadPrefs, firefoxPath, launchFirefoxWithExtension, xvfbPath } from '../support/firefox';
import { evaluateIn, extensionTab, navigateExtensionTab, waitIn } from '../support/firefox-pages';
import { readFirefoxBadge, waitForFirefoxBadge } from '../support/firefox-badge';
import { startDemoServer } from '../support/static-server';
import { EXPORT_NAME_PREFIX, waitForFiles } from '../support/downloads';

const FIREFOX = firefoxPath();
if (!FIREFOX) console.warn('tests/e2e/firefox-call.test.ts skipped: firefox-esr is not installed (apt-get install -y firefox-esr, or bash scripts/install-deps.sh)');

/**
 * The engine frame, seen from an extension tab through the background page (same origin): its
 * tensor count, or null when the background holds no engine frame.
 */
const ENGINE_TENSORS = `(async () => {
  const background = await browser.runtime.getBackgroundPage();
  const frame = background.document.querySelector('iframe[data-emotion-overlay-engine]');
  const engine = frame && frame.contentWindow && frame.contentWindow.__emotionOverlay;
  return engine ? engine.tensors() : null;
})()`;

describe.skipIf(!FIREFOX)('a live call in Firefox ESR (WebDriver BiDi)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let call: Page;
  let tab: string;
  let downloads: string;
  let joinedAt = 0;

  beforeAll(async () => {
    if (!xvfbPath()) throw new Error('Xvfb is not installed (apt-get install -y xvfb): headless Firefox has no WebGL, which the face detector needs');
    downloads = await mkdtemp(join(tmpdir(), 'eo-firefox-downloads-'));
    server = await startDemoServer();
    // the popup's exports land in this folder without asking
    browser = await launchFirefoxWithExtension({ prefs: downloadPrefs(downloads) });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('opens the welcome page on install, and Firefox has neither offscreen documents nor tab capture', async () => {
    tab = await extensionTab(browser, '/welcome.html');
    await waitIn(browser, tab, `document.querySelector('[data-testid=grant-media]')`);
    const apis = await evaluateIn<string>(
      browser,
      tab,
      `JSON.stringify({ offscreen: typeof browser.offscreen, tabCapture: typeof browser.tabCapture, trackGenerator: typeof MediaStreamTrackGenerator })`,
    );
    console.log('Firefox extension page APIs:', apis);
    expect(JSON.parse(apis)).toMatchObject({ offscreen: 'undefined', tabCapture: 'undefined' });
  });

  it('reads the call in the engine frame: the badge shows the face and voice pipelines reading Firefox\'s fake devices', async () => {
    call = await browser.newPage();
    await call.goto(server.url);
    const pageApis = await call.evaluate(`JSON.stringify({ trackProcessor: typeof MediaStreamTrackProcessor, trackGenerator: typeof MediaStreamTrackGenerator })`);
    console.log('Firefox call page APIs (without MediaStreamTrackProcessor the relay pumps through media elements):', pageApis);
    joinedAt = Date.now();
    await call.evaluate(`document.getElementById('join').click()`);
    // "no face" is the face detector's answer on a frame (it needs the models, WebGL and the
    // engine's own camera); "silent" is the voice pipeline's VAD on the tone
    const face = await waitForFirefoxBadge(browser, call, (b) => b.faceNote === 'no face', 30_000);
    const faceMs = Date.now() - joinedAt;
    const both = await waitForFirefoxBadge(browser, call, (b) => b.faceNote === 'no face' && b.voiceNote === 'silent', 15_000);
    console.log(`Firefox: first face reading ${faceMs} ms after joining, face and voice ${Date.now() - joinedAt} ms:`, JSON.stringify(both));
    expect(face.present).toBe(true);
    expect(both.status).toBe('no-face');
    expect(both.statusText).not.toMatch(/cannot run|error/i);
  }, 60_000);

  it('runs the engine in a frame of the background page, holding no more tensors after many frames than after the first ones', async () => {
    const before = await evaluateIn<number | null>(browser, tab, ENGINE_TENSORS);
    expect(before, 'no engine frame in the background page').not.toBeNull();
    await new Promise((r) => setTimeout(r, 8000));
    const after = await evaluateIn<number | null>(browser, tab, ENGINE_TENSORS);
    console.log(`Firefox engine frame: ${before} tensors, then ${after} after 8 s more of frames`);
    expect(after).toBe(before);
  }, 30_000);

  it('reads the call\'s captions with the text model: the scripted loop happy, neutral, happy, sad reaches the badge', async () => {
    // the one modality whose input a test can script in Firefox: the demo page captions its speech
    const seen: string[] = [];
    const end = Date.now() + 24_000;
    while (Date.now() < end) {
      const badge = await readFirefoxBadge(browser, call);
      expect(badge.present).toBe(true);
      // the face pipeline keeps reading: "no face", or (a rare detection in the fake frame's pattern) a face reading
      expect(badge.face || badge.faceNote === 'no face', JSON.stringify(badge)).toBe(true);
      if (badge.words && badge.words !== seen[seen.length - 1]) seen.push(badge.words);
      if (badge.fused) expect(EMOTIONS).toContain(badge.dominant);
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log('Firefox: words readings over one loop of the demo speech:', seen.join(' → '));
    expect(seen).toEqual(expect.arrayContaining(['happy', 'neutral', 'sad']));
    const badge = await readFirefoxBadge(browser, call);
    expect(badge.fused).toBe(true);
    expect(badge.confidence).toMatch(/\d+\s*%/);
  }, 40_000);

  it('ends the meeting when the page stops its tracks, and the popup history holds it', async () => {
    await call.evaluate(`document.getElementById('leave').click()`);
    await waitForFirefoxBadge(browser, call, (b) => !b.present, 10_000);
    // the engine frame is removed with the call: the camera, the microphone and the models are released
    await waitIn(browser, tab, `${ENGINE_TENSORS}.then((n) => n === null)`);
    await navigateExtensionTab(browser, tab, '/popup.html');
    const items = await waitIn<string[]>(
      browser,
      tab,
      `(() => { const items = [...document.querySelectorAll('[data-testid=meeting-item]')]; return items.length && !document.querySelector('[data-testid=in-progress]') ? items.map((e) => e.textContent) : null; })()`,
    );
    expect(items, JSON.stringify(items)).toHaveLength(1);
  }, 30_000);

  it('stored the meeting in IndexedDB and exports it as JSON and CSV that agree', async () => {
    await evaluateIn(browser, tab, `document.querySelector('[data-testid=meeting-item]').click(); true`);
    await waitIn(browser, tab, `document.querySelector('[data-testid=export-json]')`);
    await evaluateIn(browser, tab, `document.querySelector('[data-testid=export-json]').click(); true`);
    await evaluateIn(browser, tab, `document.querySelector('[data-testid=export-csv]').click(); true`);
    const files = await waitForFiles(downloads, 2, 10_000, EXPORT_NAME_PREFIX);
    const json = JSON.parse(await readFile(join(downloads, files.find((f) => f.endsWith('.json'))!), 'utf8'));
    const csv = parseMeetingCsv(await readFile(join(downloads, files.find((f) => f.endsWith('.csv'))!), 'utf8'));
    expect(json.format).toBe('emotion-overlay/meeting');
    expect(json.version).toBe(2);
    expect(json.subjects.map((b: { subject: { id: string } }) => b.subject.id)).toEqual(['self']);
    type Stored = { t: number; fused: { dominant: Emotion } | null; readings: Record<string, { state: string; probs: number[] | null } | undefined> };
    const samples = json.subjects[0].samples as Stored[];
    console.log(`Firefox meeting: ${samples.length} samples`);
    // about one a second from the first reading to the hang-up
    expect(samples.length).toBeGreaterThanOrEqual(20);
    expect(samples[0].t).toBeGreaterThanOrEqual(joinedAt - 1000);
    expect(samples.some((s) => s.readings.face?.state === 'no-face')).toBe(true);
    expect(samples.some((s) => s.readings.voice?.state === 'silence')).toBe(true);
    expect(samples.some((s) => s.readings.text?.state === 'ok' && s.readings.text.probs?.length === 7)).toBe(true);
    expect(samples.some((s) => s.fused && EMOTIONS.includes(s.fused.dominant))).toBe(true);
    expect(csv.samples.length).toBe(samples.length);
    samples.forEach((s, i) => expect(csv.samples[i].t).toBe(s.t));
  }, 30_000);

  it('runs the same face detector in Firefox: one face in each demo photo', async () => {
    // The call is over and its engine frame closed: the engine page opened in this tab is the only one.
    await navigateExtensionTab(browser, tab, '/offscreen.html');
    const results = await waitIn<{ name: string; faces: number; width: number; score: number }[]>(
      browser,
      tab,
      `(async () => {
        const out = [];
        for (const name of ['happy', 'neutral', 'sad']) {
          const r = await globalThis.__emotionOverlay.detectFaces(${JSON.stringify(server.url)} + 'demo/' + name + '.png');
          out.push({ name, faces: r.faces.length, width: r.width, score: r.faces[0]?.score ?? 0 });
        }
        return out;
      })()`,
      60_000,
    );
    console.log('Firefox face detector on the demo photos:', JSON.stringify(results));
    for (const r of results) {
      expect(r.faces, r.name).toBe(1);
      expect(r.score, r.name).toBeGreaterThan(0.5);
    }
    // what a detection costs in Firefox (fetch and decode of the photo included), warm
    const ms = JSON.parse(
      await evaluateIn<string>(
        browser,
        tab,
        `(async () => { const out = []; for (let i = 0; i < 15; i++) { const t = performance.now(); await globalThis.__emotionOverlay.detectFaces(${JSON.stringify(server.url)} + 'demo/happy.png'); out.push(performance.now() - t); } return JSON.stringify(out); })()`,
      ),
    ) as number[];
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`Firefox detectFaces (fetch + decode + detect), median of ${ms.length}: ${sorted[sorted.length >> 1].toFixed(1)} ms`);
    expect(ms).toHaveLength(15);
  }, 90_000);
});
