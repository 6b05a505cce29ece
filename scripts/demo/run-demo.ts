/**
 * npm run demo: builds the extension, makes the demo media, serves the demo call page and opens it
 * in Chromium with the extension loaded. The camera and microphone are the bundled demo media
 * unless this machine has a camera (then the real devices are used; force either with --fake-media
 * or --real-media). With no display, Chromium runs headless and the badge is printed here, with a
 * screenshot in .cache/demo/screenshot.png every few seconds.
 *
 * `--classroom`: the classroom demo instead, a mesh WebRTC call of the project's own (signalling
 * server on 127.0.0.1) between the user's page, with the extension, and two other people in a
 * second browser, each "filming" a script of demo photos and speaking in turn (scripts/demo/classroom).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_MEDIA_DIR, launchWithExtension } from '../../tests/support/chromium';
import { readBadge } from '../../tests/support/badge';
import { startDemoServer } from '../../tests/support/static-server';
import { runClassroom } from './classroom/run-classroom';

const root = resolve(import.meta.dirname, '../..');
const args = new Set(process.argv.slice(2));
const run = (cmd: string, argv: string[]) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' });

// A test build: the demo call is served on 127.0.0.1, where release builds never run.
if (!args.has('--no-build')) run('npm', ['run', 'build:test']);
run('bash', ['scripts/demo/make-demo-media.sh']);

const hasCamera = existsSync('/dev') && readdirSync('/dev').some((f) => /^video\d+$/.test(f));
const fakeMedia = args.has('--fake-media') || (!args.has('--real-media') && !hasCamera);
const headless = args.has('--headless') || !process.env.DISPLAY;
const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? (headless ? 30 : 0));

if (args.has('--classroom')) {
  await runClassroom({ headless, fakeMedia, seconds });
  process.exit(0);
}

const server = await startDemoServer(Number(process.env.DEMO_PORT ?? 8377));
const browser = await launchWithExtension({ headless, fakeMedia });
const page = (await browser.pages())[0] ?? (await browser.newPage());
await page.goto(`${server.url}?autojoin`);
console.log(`Demo call at ${server.url} (${fakeMedia ? 'demo media as camera and microphone' : 'real camera and microphone'}, ${headless ? 'headless' : 'windowed'})`);

const stop = async () => {
  await browser.close().catch(() => undefined);
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
browser.on('disconnected', stop);

const started = Date.now();
for (let i = 0; seconds === 0 || Date.now() - started < seconds * 1000; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  const b = await readBadge(page).catch(() => null);
  if (!b) continue;
  const streams = `face ${b.face ? 'yes' : 'no'}, voice ${b.voice ? 'yes' : 'no'}`;
  console.log(`[${Math.round((Date.now() - started) / 1000)}s] ${b.status ?? 'no badge yet'}: ${b.dominant || '—'} ${b.confidence} (${streams})`);
  if (headless && i % 5 === 4) await page.screenshot({ path: resolve(DEMO_MEDIA_DIR, 'screenshot.png') });
}
await stop();
