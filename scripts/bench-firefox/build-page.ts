/**
 * Makes the Firefox benchmark's extension: a copy of a built extension (the Firefox test build,
 * .output/firefox-mv2, or the Chromium one for the parity test's other half) plus the page
 * /bench-firefox.html (scripts/bench-firefox/page), bundled with esbuild. The page runs in the
 * extension origin with the extension's CSP and packaged files; the shipped build never contains it.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addBenchPage } from '../bench/build-pages';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = process.env.EO_OUT_DIR ?? '.output';
const BUILDS = {
  firefox: { from: join(ROOT, OUT, 'firefox-mv2'), to: join(ROOT, '.cache/bench-firefox/firefox-mv2'), target: 'firefox128', command: 'npm run build:firefox:test' },
  chrome: { from: join(ROOT, OUT, 'chrome-mv3'), to: join(ROOT, '.cache/bench-firefox/chrome-mv3'), target: 'chrome120', command: 'npm run build:test' },
} as const;
const PAGE_DIR = join(ROOT, 'scripts/bench-firefox/page');
export const BENCH_PAGE = '/bench-firefox.html';

/** Copies the built extension of `browser` and adds the page; returns the copy's folder. */
export async function buildBenchFirefoxExtension(browser: keyof typeof BUILDS = 'firefox'): Promise<string> {
  const { from, to, target, command } = BUILDS[browser];
  if (!existsSync(join(from, 'manifest.json'))) throw new Error(`no built extension at ${from}: run ${command}`);
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  await cp(from, to, { recursive: true });
  await addBenchPage(PAGE_DIR, to, BENCH_PAGE.slice(1).replace(/\.html$/, ''), target);
  return to;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildBenchFirefoxExtension((process.argv[2] as keyof typeof BUILDS) ?? 'firefox').then((dir) => console.log(`bench extension at ${dir}`));
}
