/**
 * The engine's backends in real Chromium, in the extension origin with its CSP and cross-origin
 * isolation: the threaded WASM build starts (shipped pthread worker, no blob: worker); WebGL
 * (SwiftShader here) and the threaded build give the WASM probabilities, and all of them the
 * PyTorch ones, on the committed parity inputs; WebGPU where an adapter exists (none headless
 * here: skipped, saying why); the calibration in the engine document stores its choice under
 * `engineBackend`, again after a browser update, keeping the override; and a GPU backend that fails
 * mid-call falls back to WASM while the call goes on.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionId, launchWithExtension } from '../support/chromium';
import { startDemoServer } from '../support/static-server';
import { readBadge, waitForBadge } from '../support/badge';
import { buildBenchExtension } from '../../scripts/bench/build-pages';
import { backendChoiceSchema } from '../../src/ml/backend-choice';

const ROOT = resolve(import.meta.dirname, '../..');
const faceParity = JSON.parse(readFileSync(resolve(ROOT, 'models/face/tfjs/parity.json'), 'utf8')) as {
  inputs: number[][];
  torchDequantized: number[][];
  torchDequantizedFlipTTA: number[][];
};
const voiceParity = JSON.parse(readFileSync(resolve(ROOT, 'models/voice/tfjs/parity.json'), 'utf8')) as { inputs: { n: number }; torchProbsFromRaw: number[] };

let browser: Browser;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let id: string;

beforeAll(async () => {
  const extensionDir = await buildBenchExtension();
  server = await startDemoServer();
  browser = await launchWithExtension({ extensionDir });
  id = await extensionId(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Probs {
  face: number[][];
  voice: number[][];
  leaked: number;
}
const maxDiff = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i][j]))));

interface PageInit {
  threads: number;
  threadsError?: string;
  crossOriginIsolated: boolean;
  flipTTA: boolean;
}
async function backendsPage(threads: number): Promise<{ page: Page; init: PageInit }> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${id}/bench-backends.html?threads=${threads}`);
  await page.waitForFunction(`document.title === 'bench ready'`, { timeout: 30_000 });
  const init = (await page.evaluate('__backends.init()')) as PageInit;
  return { page, init };
}
const probabilities = (page: Page, backend: string) =>
  page.evaluate(`__backends.probabilities(${JSON.stringify(backend)}, ${JSON.stringify(faceParity.inputs)}, ${voiceParity.inputs.n})`) as Promise<Probs>;

describe('engine backends', () => {
  let simd: Page;
  let wasmProbs: Probs;
  /** PyTorch's probabilities with the stored weights, flip TTA as the shipped model runs it. */
  let torchFace: number[][];

  it('WASM (SIMD build) matches PyTorch on the parity inputs', async () => {
    const p = await backendsPage(0);
    simd = p.page;
    expect(p.init.threads).toBe(0);
    expect(p.init.crossOriginIsolated).toBe(true);
    torchFace = p.init.flipTTA ? faceParity.torchDequantizedFlipTTA : faceParity.torchDequantized;
    wasmProbs = await probabilities(simd, 'wasm');
    expect(maxDiff(wasmProbs.face, torchFace)).toBeLessThan(2e-4);
    expect(maxDiff([wasmProbs.voice[0]], [voiceParity.torchProbsFromRaw])).toBeLessThan(1e-4);
    expect(wasmProbs.leaked).toBe(0);
  }, 60_000);

  it('the threaded build starts under the extension CSP with 2 threads and matches WASM', async () => {
    const { page, init } = await backendsPage(2);
    try {
      expect(init.threadsError).toBeUndefined();
      expect(init.threads).toBe(2);
      const threaded = await probabilities(page, 'wasm');
      console.log(`wasm-threads vs wasm: face ${maxDiff(threaded.face, wasmProbs.face).toExponential(2)}, voice ${maxDiff(threaded.voice, wasmProbs.voice).toExponential(2)}`);
      expect(maxDiff(threaded.face, wasmProbs.face)).toBeLessThan(1e-4);
      expect(maxDiff(threaded.voice, wasmProbs.voice)).toBeLessThan(1e-4);
      expect(threaded.leaked).toBe(0);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('WebGL (software rendering here) matches WASM within the float tolerance', async () => {
    expect(await simd.evaluate(`__backends.start('webgl')`)).toBeNull();
    console.log('WebGL renderer:', await simd.evaluate(`__backends.renderer('webgl')`));
    const gl = await probabilities(simd, 'webgl');
    console.log(`webgl vs wasm: face ${maxDiff(gl.face, wasmProbs.face).toExponential(2)}, voice ${maxDiff(gl.voice, wasmProbs.voice).toExponential(2)}`);
    expect(maxDiff(gl.face, wasmProbs.face)).toBeLessThan(2e-3);
    expect(maxDiff(gl.voice, wasmProbs.voice)).toBeLessThan(2e-3);
    expect(maxDiff(gl.face, torchFace)).toBeLessThan(2e-3);
    expect(gl.leaked).toBe(0);
    expect(await simd.evaluate('__backends.backend()')).toBe('wasm');
  }, 180_000);

  it('WebGPU matches WASM where the browser has an adapter', async (ctx) => {
    const why = (await simd.evaluate(`__backends.start('webgpu')`)) as string | null;
    if (why) {
      console.log(`WebGPU parity skipped: ${why}`);
      ctx.skip(`WebGPU unavailable in this Chromium: ${why}`);
    }
    const gpu = await probabilities(simd, 'webgpu');
    expect(maxDiff(gpu.face, wasmProbs.face)).toBeLessThan(2e-3);
    expect(maxDiff(gpu.voice, wasmProbs.voice)).toBeLessThan(2e-3);
    expect(gpu.leaked).toBe(0);
  }, 180_000);

  it('calibrates at first start, stores the choice under engineBackend, and again after a browser update', async () => {
    await simd.close();
    const engine = await browser.newPage();
    try {
      await engine.goto(`chrome-extension://${id}/offscreen.html`);
      await engine.waitForFunction('globalThis.__emotionOverlay', { timeout: 20_000 });
      const state = (await engine.evaluate('__emotionOverlay.backend()')) as { running: string; calibration: unknown };
      console.log('calibration:', JSON.stringify(state.calibration));
      expect(state.running).toBe('wasm');
      const stored = backendChoiceSchema.parse(((await engine.evaluate(`chrome.storage.local.get('engineBackend')`)) as { engineBackend: unknown }).engineBackend);
      const cal = stored.calibration!;
      expect(cal).toEqual(state.calibration);
      expect(cal.browser).toBe(await engine.evaluate('navigator.userAgent'));
      expect(cal.timings.wasm!.b1).toBeGreaterThan(0);
      expect(cal.timings.wasm!.b9).toBeGreaterThan(0);
      // threads: timed in their own document, or a reason
      expect(cal.timings['wasm-threads'] ?? cal.unavailable['wasm-threads']).toBeTruthy();
      // software WebGL is not timed by the calibration (it would hold the engine for seconds), and says so
      expect(cal.unavailable.webgl).toMatch(/software rendering/);
      expect(cal.unavailable.webgpu).toMatch(/WebGPU/);
      expect(cal.timings[cal.chosen.b1]).toBeTruthy();
      expect(cal.timings[cal.chosen.b9]).toBeTruthy();
      // the calibration's documents left no tensor in the engine's
      expect(await engine.evaluate('__emotionOverlay.tensors()')).toBe(0);

      // a browser update: the stored browser differs, so the next engine document calibrates again, keeping the override
      await engine.evaluate(
        `chrome.storage.local.set({ engineBackend: { calibration: { ...${JSON.stringify(cal)}, browser: 'Chrome/1.0', at: 1 }, override: 'wasm' } })`,
      );
      await engine.reload();
      await engine.waitForFunction('globalThis.__emotionOverlay', { timeout: 20_000 });
      const again = (await engine.evaluate('__emotionOverlay.backend()')) as { calibration: { browser: string; at: number } };
      expect(again.calibration.browser).toBe(cal.browser);
      expect(again.calibration.at).toBeGreaterThan(1);
      const after = backendChoiceSchema.parse(((await engine.evaluate(`chrome.storage.local.get('engineBackend')`)) as { engineBackend: unknown }).engineBackend);
      expect(after.override).toBe('wasm');
    } finally {
      await engine.close();
    }
  }, 180_000);

  it('a GPU backend that fails mid-call falls back to WASM, and the call goes on', async () => {
    const call = await browser.newPage();
    try {
      await call.goto(server.url);
      await call.waitForSelector('#join');
      await call.evaluate(`document.querySelector('#join').click()`);
      await waitForBadge(call, (b) => b.face, 30_000);
      const offscreen = await (await browser.waitForTarget((t) => t.url().endsWith('/offscreen.html'))).asPage();
      // mid-call, the engine moves to WebGL (the models' weights follow on their next call) and reads faces there
      expect(await offscreen.evaluate(`__emotionOverlay.useBackend('webgl')`)).toBe('webgl');
      const onGl = (await readBadge(call)).updates;
      await waitForBadge(call, (b) => b.updates >= onGl + 3 && b.face, 60_000);
      const before = (await offscreen.evaluate('__emotionOverlay.backend()')) as { tf: string; fallbacks: unknown[] };
      expect(before.tf).toBe('webgl');
      expect(before.fallbacks).toHaveLength(0);
      const updates = (await readBadge(call)).updates;
      await offscreen.evaluate('__emotionOverlay.failNextModelCall()');
      // the call goes on: more readings, with a face, now on WASM
      const later = await waitForBadge(call, (b) => b.updates >= updates + 5 && b.face, 30_000);
      expect(later.face).toBe(true);
      const after = (await offscreen.evaluate('__emotionOverlay.backend()')) as { tf: string; fallbacks: { from: string; error: string; reloaded: boolean }[] };
      expect(after.tf).toBe('wasm');
      expect(after.fallbacks).toHaveLength(1);
      expect(after.fallbacks[0]).toMatchObject({ from: 'webgl', reloaded: false });
      expect(after.fallbacks[0].error).toMatch(/forced webgl failure/);
    } finally {
      await call.evaluate(`document.querySelector('#leave') && document.querySelector('#leave').click()`).catch(() => undefined);
      await call.close();
    }
  }, 180_000);

  it('a lost WebGL context: the models are reloaded on WASM and give the WASM probabilities', async () => {
    const setup = await browser.newPage();
    await setup.goto(`chrome-extension://${id}/popup.html`);
    await setup.evaluate(`chrome.storage.local.get('engineBackend').then((r) => chrome.storage.local.set({ engineBackend: { calibration: r.engineBackend?.calibration ?? null, override: 'webgl' } }))`);
    await setup.close();
    const engine = await browser.newPage();
    try {
      await engine.goto(`chrome-extension://${id}/offscreen.html`);
      await engine.waitForFunction('globalThis.__emotionOverlay', { timeout: 20_000 });
      expect(((await engine.evaluate('__emotionOverlay.backend()')) as { tf: string }).tf).toBe('webgl');
      const predict = `__emotionOverlay.predictFaces(${JSON.stringify(faceParity.inputs.slice(0, 2))})`;
      const onGl = (await engine.evaluate(predict)) as number[][];
      await engine.evaluate('__emotionOverlay.loseWebglContext()');
      await new Promise((r) => setTimeout(r, 200));
      // the call right after the loss fails (its tensors are gone); the next ones run on the reloaded models
      await expect(engine.evaluate(predict)).rejects.toThrow(/context was lost|reloaded/);
      await engine.waitForFunction(`__emotionOverlay.backend().then((s) => s.fallbacks.length === 1)`, { timeout: 10_000 });
      let onWasm: number[][] | null = null;
      for (let i = 0; i < 50 && !onWasm; i++) onWasm = (await engine.evaluate(predict).catch(() => null)) as number[][] | null;
      expect(onWasm).not.toBeNull();
      const after = (await engine.evaluate('__emotionOverlay.backend()')) as { tf: string; fallbacks: { reloaded: boolean }[] };
      expect(after.tf).toBe('wasm');
      expect(after.fallbacks[0].reloaded).toBe(true);
      expect(maxDiff(onWasm!, onGl)).toBeLessThan(2e-3);
    } finally {
      await engine.close();
    }
  }, 180_000);
});
