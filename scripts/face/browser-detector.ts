/**
 * The runtime's own face detector (MediaPipe FaceDetector, WASM) for Node scripts: it runs only in
 * a browser, so this opens the built extension's engine page in headless Chromium and asks it for
 * the faces in each image.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Box } from '../../src/modalities/face/crop-policy';
import { EXTENSION_DIR, extensionId, launchWithExtension } from '../../tests/support/chromium';

export interface Detection {
  width: number;
  height: number;
  faces: { box: Box; score: number }[];
}

const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

export async function detectFacesInBrowser(files: string[], onProgress?: (done: number) => void): Promise<Detection[]> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    execFileSync('npm', ['run', 'build:test'], { cwd: resolve(import.meta.dirname, '../..'), stdio: 'inherit' });
  }
  const browser = await launchWithExtension({ fakeMedia: false });
  try {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${await extensionId(browser)}/offscreen.html`);
    await page.waitForFunction('globalThis.__emotionOverlay !== undefined');
    await page.evaluate('globalThis.__emotionOverlay.loadModels().then(() => true)');
    const out: Detection[] = [];
    for (const [i, file] of files.entries()) {
      const mime = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const url = `data:${mime};base64,${readFileSync(file).toString('base64')}`;
      out.push((await page.evaluate(`globalThis.__emotionOverlay.detectFaces(${JSON.stringify(url)})`)) as Detection);
      onProgress?.(i + 1);
    }
    return out;
  } finally {
    await browser.close();
  }
}
