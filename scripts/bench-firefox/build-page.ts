/**
 * Makes the Firefox benchmark's extension: a copy of a built extension (the Firefox test build,
 * .output/firefox-mv2, or the Chromium one for the parity test's other half) plus the page
 * /bench-firefox.html (scripts/bench-firefox/page), bundled with esbuild. The page runs in the
 * extension origin with the extension's CSP and packaged files; the shipped build never contains it.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

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
  await build({
    entryPoints: [join(PAGE_DIR, 'main.ts')],
    outfile: join(to, 'bench-firefox', 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target,
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    // the emscripten glue of tfjs-backend-wasm and MediaPipe mentions Node modules it never loads in a browser
    external: ['fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto', 'util'],
    alias: { '@': ROOT },
    define: { 'process.env.NODE_ENV': '"production"', __EO_TEST_BUILD__: 'true' },
  });
  const html = await readFile(join(PAGE_DIR, 'index.html'), 'utf8');
  await writeFile(join(to, BENCH_PAGE.slice(1)), html.replace('./main.js', './bench-firefox/main.js'));
  return to;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildBenchFirefoxExtension((process.argv[2] as keyof typeof BUILDS) ?? 'firefox').then((dir) => console.log(`bench extension at ${dir}`));
}
