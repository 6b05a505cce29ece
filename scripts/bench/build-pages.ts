/**
 * Makes the benchmark's extension: a copy of the built extension (.output/chrome-mv3) plus the two
 * benchmark pages, /bench.html (our engine's code) and /bench-human.html (@vladmandic/human), bundled
 * with esbuild. The pages run in the extension origin with the extension's CSP and its WASM and model
 * files, yet the shipped build never contains them (they live outside entrypoints/).
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
export const BUILT_EXTENSION = join(ROOT, '.output/chrome-mv3');
export const BENCH_EXTENSION = join(ROOT, '.cache/bench/extension');

const PAGES = [
  { name: 'bench', dir: 'scripts/bench/pages/bench' },
  { name: 'bench-human', dir: 'scripts/bench/pages/bench-human' },
  { name: 'bench-backends', dir: 'scripts/bench/pages/bench-backends' },
];

export async function buildBenchExtension(): Promise<string> {
  if (!existsSync(join(BUILT_EXTENSION, 'manifest.json'))) throw new Error('no built extension: run npx wxt build');
  await rm(BENCH_EXTENSION, { recursive: true, force: true });
  await mkdir(BENCH_EXTENSION, { recursive: true });
  await cp(BUILT_EXTENSION, BENCH_EXTENSION, { recursive: true });
  for (const page of PAGES) await addBenchPage(join(ROOT, page.dir), BENCH_EXTENSION, page.name, 'chrome120');
  return BENCH_EXTENSION;
}

/**
 * Bundles the page in `pageDir` (main.ts + index.html) into the extension copy `extension` as
 * /<name>.html with its script in <name>/main.js (the Chromium and the Firefox bench both).
 */
export async function addBenchPage(pageDir: string, extension: string, name: string, target: string): Promise<void> {
  await build({
    entryPoints: [join(pageDir, 'main.ts')],
    outfile: join(extension, name, 'main.js'),
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
  const html = await readFile(join(pageDir, 'index.html'), 'utf8');
  await writeFile(join(extension, `${name}.html`), html.replace('./main.js', `./${name}/main.js`));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildBenchExtension().then((dir) => console.log(`bench extension at ${dir}`));
}
