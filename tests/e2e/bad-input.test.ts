/**
 * What the user sees when the input is bad: no face in view, silence, a camera the extension may
 * not use. Real Chromium, real models; the fake devices play an empty room and silence.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitForBadge } from '../support/badge';
import { DEMO_MEDIA_DIR, extensionId, extensionWorker, launchWithExtension } from '../support/chromium';
import { startDemoServer } from '../support/static-server';

const dir = mkdtempSync(join(tmpdir(), 'eo-bad-input-'));
const emptyRoom = { video: join(dir, 'empty.y4m'), audio: join(dir, 'silence.wav') };
let browser: Browser | null = null;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  // a grey wall with a moving gradient (no face), and two seconds of digital silence
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'gradients=s=640x480:d=2:r=10', '-pix_fmt', 'yuv420p', emptyRoom.video]);
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', emptyRoom.audio, 'trim', '0', '2']);
  server = await startDemoServer();
  return () => server.close();
});

afterEach(async () => {
  await browser?.close();
  browser = null;
});

async function joinCall(): Promise<Page> {
  const page = await browser!.newPage();
  await page.goto(server.url);
  await page.evaluate(`document.querySelector('#join').click()`);
  return page;
}

describe('bad input', () => {
  it('says "no face" and "silence" for an empty, quiet room, and shows no expression', async () => {
    browser = await launchWithExtension({ media: emptyRoom });
    const page = await joinCall();
    const badge = await waitForBadge(page, (b) => b.status === 'no-face', 15_000);
    expect(badge.face).toBe(false);
    expect(badge.dominant).toBe('');
    // silence gets no voice reading; with no face either, the badge says so
    const later = await waitForBadge(page, (b) => b.status === 'no-face' || b.status === 'silence', 5_000);
    expect(later.voice).toBe(false);
  });

  it('says "audio clipping" for overdriven speech instead of a confident voice reading', async () => {
    const clipped = join(dir, 'clipped.wav');
    // the demo speech 30 dB louder: a microphone gain set far too high
    execFileSync('sox', [join(DEMO_MEDIA_DIR, 'demo.wav'), clipped, 'gain', '30'], { stdio: 'ignore' });
    browser = await launchWithExtension({ media: { video: join(DEMO_MEDIA_DIR, 'demo.y4m'), audio: clipped } });
    const page = await joinCall();
    const badge = await waitForBadge(page, (b) => b.status === 'clipping', 20_000);
    expect(badge.voice).toBe(false);
  });

  it('keeps the user\'s "no": with the camera denied to the extension it says so and never relays the page\'s frames', async () => {
    browser = await launchWithExtension({ autoAcceptMedia: false });
    const id = await extensionId(browser);
    await grant(browser, new URL(server.url).origin, { camera: 'granted', microphone: 'granted' });
    await grant(browser, `chrome-extension://${id}`, { camera: 'denied', microphone: 'granted' });
    const page = await joinCall();
    const badge = await waitForBadge(page, (b) => b.status === 'camera-blocked', 15_000);
    expect(badge.face).toBe(false);
    // a few seconds more: still blocked, and no relay was ever set up on the page
    await new Promise((r) => setTimeout(r, 3000));
    expect((await waitForBadge(page, (b) => b.present, 1000)).face).toBe(false);
    expect(await page.$('iframe[data-emotion-overlay-relay]')).toBeNull();
  });

  it('falls back to the call page\'s own frames, relayed, when the camera is busy', async () => {
    browser = await launchWithExtension();
    // there is no busy fake camera: a test build makes the engine's next opens fail as a busy one does
    const worker = await extensionWorker(browser);
    await worker!.evaluate(`chrome.storage.local.set({ testHooks: { busy: { video: 1000 } } })`);
    const page = await joinCall();
    // the face reads again through the relay, and the voice from the microphone the extension opened
    const badge = await waitForBadge(page, (b) => b.face && b.voice && b.status === 'running', 25_000);
    expect(badge.fused).toBe(true);
    expect(await page.$('iframe[data-emotion-overlay-relay]')).not.toBeNull();
    const offscreen = await (await browser!.waitForTarget((t) => t.url().endsWith('/offscreen.html'))).asPage();
    const transit = ((await offscreen.evaluate('globalThis.__emotionOverlay.relayTransitMs()')) as number[]).sort((a, b) => a - b);
    expect(transit.length).toBeGreaterThan(3);
    console.log(`relayed frames: ${transit.length}, page-to-engine transit median ${transit[transit.length >> 1]} ms, max ${transit[transit.length - 1]} ms`);
  });
});

async function grant(b: Browser, origin: string, permissions: Record<string, 'granted' | 'denied'>) {
  const cdp = await b.target().createCDPSession();
  for (const [name, setting] of Object.entries(permissions)) await cdp.send('Browser.setPermission', { origin, permission: { name }, setting } as never);
}
