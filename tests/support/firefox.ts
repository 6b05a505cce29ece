/**
 * Debian's Firefox ESR driven by puppeteer over WebDriver BiDi, with the Firefox test build
 * installed as a temporary add-on. The add-on's internal UUID is fixed by a pref, so tests can
 * open its pages (moz-extension://<uuid>/popup.html) without looking it up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../..', process.env.EO_OUT_DIR ?? '.output', 'firefox-mv2');
export const FIREFOX_ADDON_ID = 'emotion-overlay@example.org';
/** Any fixed UUID: Firefox gives each install a random one unless this pref names it. */
export const FIREFOX_ADDON_UUID = '5f0c1d2e-3a4b-4c5d-8e6f-70819a2b3c4d';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_ADDON_UUID}`;

export function firefoxPath(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export function xvfbPath(): string | null {
  return ['/usr/bin/Xvfb'].find((p) => existsSync(p)) ?? null;
}

export interface FirefoxLaunchOptions {
  /**
   * Headless Firefox has no WebGL (bugzilla 1375585), which MediaPipe's face detector needs even on
   * its CPU delegate (it uploads each frame as a GL texture): by default Firefox runs headed on a
   * private Xvfb display, where Mesa's software GL backs WebGL. Headless where Xvfb is missing.
   */
  headless?: boolean;
  extensionDir?: string;
  /** More prefs (they win over the defaults below). */
  prefs?: Record<string, unknown>;
}

/** The prefs of a test profile: fake camera and microphone, no prompt, no network chatter. */
export function testPrefs(): Record<string, unknown> {
  return {
    // Firefox's own fake devices (a coloured moving frame and a tone); it has no file-fed fake camera
    'media.navigator.streams.fake': true,
    'media.navigator.permission.disabled': true,
    'media.autoplay.default': 0,
    'media.autoplay.blocking_policy': 0,
    'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_ADDON_UUID }),
    // no sound card on CI: a mock audio backend lets an AudioContext run (the voice pipeline's worklet)
    'media.cubeb.force_mock_context': true,
    // software GL (Mesa llvmpipe on Xvfb) is on Firefox's block list; the face detector needs WebGL
    'webgl.force-enabled': true,
    // this machine has no network: keep Firefox from trying
    'app.update.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.newtabpage.enabled': false,
  };
}

/** Prefs that make the popup's exports (a Blob URL and <a download>) land in `dir` without asking. */
export function downloadPrefs(dir: string): Record<string, unknown> {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/json,text/csv',
  };
}

/** Starts Xvfb on a free display number; resolves once it accepts clients. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = xvfbPath();
  if (!xvfb) throw new Error('Xvfb not found: apt-get install -y xvfb');
  for (let attempt = 0; attempt < 5; attempt++) {
    const display = `:${100 + Math.floor(Math.random() * 800)}`;
    if (existsSync(`/tmp/.X11-unix/X${display.slice(1)}`)) continue;
    const child = spawn(xvfb, [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const started = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(`/tmp/.X11-unix/X${display.slice(1)}`)) (clearInterval(poll), resolve(true));
      }, 50);
      child.once('exit', () => (clearInterval(poll), resolve(false)));
    });
    if (started) return { display, process: child };
  }
  throw new Error('Xvfb did not start');
}

/** Firefox ESR with the built extension installed; the caller closes it (try/finally), which also ends its Xvfb. */
export async function launchFirefoxWithExtension(opts: FirefoxLaunchOptions = {}): Promise<Browser> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('Firefox not found: apt-get install -y firefox-esr (or set FIREFOX_PATH)');
  const extensionDir = opts.extensionDir ?? FIREFOX_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`no built extension at ${extensionDir}: run npm run build:firefox:test`);
  const headless = opts.headless ?? !xvfbPath();
  const xvfb = headless ? null : await startXvfb();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless,
      env: { ...process.env, ...(xvfb ? { DISPLAY: xvfb.display } : {}) },
      userDataDir: await mkdtemp(join(tmpdir(), 'emotion-overlay-firefox-')),
      extraPrefsFirefox: { ...testPrefs(), ...opts.prefs },
      defaultViewport: null,
      protocolTimeout: 120_000,
      dumpio: !!process.env.FIREFOX_DUMPIO,
    });
  } catch (error) {
    xvfb?.process.kill();
    throw error;
  }
  browser.once('disconnected', () => xvfb?.process.kill());
  try {
    await browser.installExtension(extensionDir);
    await waitForExtensionStart(browser);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

/**
 * The add-on's content scripts apply to pages loaded after its start-up: wait for the welcome tab
 * its background opens on install (the first sign that the background page runs).
 */
async function waitForExtensionStart(browser: Browser, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const tree = await bidi<{ contexts: { url: string }[] }>(browser, 'browsingContext.getTree', {});
    if (tree.contexts.some((c) => c.url === `${FIREFOX_EXTENSION_ORIGIN}/welcome.html`)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the extension never opened its welcome page: did it install?');
}

/** A raw WebDriver BiDi command on puppeteer's connection (for what puppeteer does not wrap). */
export async function bidi<T>(browser: Browser, method: string, params: object): Promise<T> {
  const connection = (browser as unknown as { connection: { send: (m: string, p: object) => Promise<{ result: T }> } }).connection;
  return (await connection.send(method, params)).result;
}

/** The BiDi browsing context of a page's main frame. */
export function contextOf(page: Page): string {
  return (page.mainFrame() as unknown as { _id: string })._id;
}
