import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import puppeteer, { type Browser, type Target, type WebWorker } from 'puppeteer-core';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../..', process.env.EO_OUT_DIR ?? '.output', 'chrome-mv3');
export const DEMO_MEDIA_DIR = resolve(import.meta.dirname, '../../.cache/demo');

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, hex mapped to a..p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Fake camera and microphone from the demo media; false uses the real devices. */
  fakeMedia?: boolean;
  extensionDir?: string;
  /** Tab capture without a user gesture (tests only). */
  allowTabCapture?: boolean;
  /** Accept every camera/microphone prompt (default); false leaves it to the profile's permissions. */
  autoAcceptMedia?: boolean;
  /** Fake camera and microphone files (absolute paths); default: the demo media. */
  media?: { video: string; audio: string };
  /** host:port of a proxy for every non-loopback request (see leak-proxy.ts). */
  proxy?: string;
  /** Profile folder, to relaunch the same profile (default: a new temporary one). */
  userDataDir?: string;
  /** Keep the tabs' sound (puppeteer mutes it by default, and a muted tab captures as silence). */
  unmuted?: boolean;
  /** A browser without the extension (the other people of a classroom call). */
  noExtension?: boolean;
}

/** Debian's Chromium with the built extension loaded and, by default, the demo media as camera and mic. */
export async function launchWithExtension(opts: LaunchOptions = {}): Promise<Browser> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!opts.noExtension && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`no built extension at ${extensionDir}: run npm run build`);
  const args = [
    ...(opts.noExtension ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
    '--no-first-run',
    '--no-default-browser-check',
    // this machine has no network: keep Chromium from trying
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--no-pings',
    '--disable-features=WebRtcHideLocalIpsWithMdns,NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,OptimizationGuideModelDownloading,OptimizationHintsFetching,OptimizationTargetPrediction,OptimizationGuideOnDeviceModel,MirroringService,DiceWebSigninInterceptionFeature,ChromeSigninIntercept,InterestFeedContentSuggestions,PrivacySandboxSettings4,SafeBrowsingBetterTelemetryAcrossReports,ComponentUpdaterCrxCache',
    '--allow-browser-signin=false',
    '--disable-field-trial-config',
    '--autoplay-policy=no-user-gesture-required',
    '--window-size=1280,900',
  ];
  // root, or containers without user namespaces (CI), cannot start Chromium's sandbox; only local pages load here
  if (process.getuid?.() === 0 || process.env.CI) args.push('--no-sandbox');
  if (opts.autoAcceptMedia !== false) args.push('--use-fake-ui-for-media-stream');
  // lets tests capture a tab without clicking the toolbar button (tabCapture needs a user gesture)
  if (opts.allowTabCapture && !opts.noExtension) args.push(`--allowlisted-extension-id=${unpackedExtensionId(extensionDir)}`);
  if (opts.proxy) args.push(`--proxy-server=http://${opts.proxy}`, '--proxy-bypass-list=127.0.0.1;localhost');
  if (opts.fakeMedia !== false) {
    args.push(
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${opts.media?.video ?? join(DEMO_MEDIA_DIR, 'demo.y4m')}`,
      `--use-file-for-fake-audio-capture=${opts.media?.audio ?? join(DEMO_MEDIA_DIR, 'demo.wav')}`,
    );
  }
  const headless = opts.headless ?? true;
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless,
    args: headless ? ['--headless=new', ...args] : args,
    ignoreDefaultArgs: ['--disable-extensions', ...(opts.unmuted ? ['--mute-audio'] : [])],
    userDataDir: opts.userDataDir ?? (await mkdtemp(join(tmpdir(), 'emotion-overlay-profile-'))),
    defaultViewport: null,
    protocolTimeout: 120_000,
    dumpio: !!process.env.CHROMIUM_DUMPIO,
  });
  // A fresh profile installs the extension, which opens its welcome tab: wait for it, or it may open over
  // the page a test opens next and leave that page hidden (no animation frames; CI once timed out so).
  if (!opts.noExtension && !opts.userDataDir) await browser.waitForTarget((t) => t.url().endsWith('/welcome.html'), { timeout: 30_000 });
  return browser;
}

export async function waitForTarget(browser: Browser, predicate: (t: Target) => boolean, timeout = 30_000): Promise<Target> {
  return browser.waitForTarget(predicate, { timeout });
}

/**
 * The extension's service worker, ready to evaluate in. A worker found at its very start may be
 * evaluated in before its global scope is set up: no extension APIs, not even setTimeout ("chrome is
 * not defined" once in CI, "setTimeout is not defined" under load), so this asks again from here.
 */
export async function extensionWorker(browser: Browser, timeout = 10_000): Promise<WebWorker> {
  const target = await waitForTarget(browser, (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
  const end = Date.now() + timeout;
  for (;;) {
    const worker = await target.worker();
    const ready = await worker?.evaluate(`typeof chrome !== 'undefined' && !!chrome.storage && typeof setTimeout === 'function'`).catch(() => false);
    if (worker && ready) return worker;
    if (Date.now() > end) throw new Error('the extension\'s service worker never got its extension APIs');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function extensionId(browser: Browser): Promise<string> {
  const sw = await waitForTarget(browser, (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
  return new URL(sw.url()).host;
}
