/** The project's own modules bundled (esbuild, IIFE) for a test page: `contents` imports them from the repository root. */
import { build } from 'esbuild';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export async function bundleForPage(contents: string): Promise<string> {
  const out = await build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, write: false, format: 'iife', target: 'es2022' });
  return out.outputFiles[0].text;
}
