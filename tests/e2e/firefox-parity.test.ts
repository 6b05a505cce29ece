/**
 * The same models give the same probabilities in Firefox as in Node and Chromium. One page
 * (scripts/bench-firefox/page: the engine's own code and packaged models, loadPackagedModels) runs
 * in the extension origin of the Firefox test build in Debian's Firefox ESR (WebDriver BiDi, Xvfb),
 * then in the Chromium test build; Node runs the same code on the same files (tfjs WASM).
 *
 * - Face model: the exporter's fixed crops (models/face/tfjs/parity.json), flip TTA off and on,
 *   against PyTorch with the weights as stored (the Node parity test's 2e-4) and against Node.
 * - Voice model: the exporter's fixed inputs (models/voice/tfjs/parity.json) against PyTorch (1e-4,
 *   as the Node test) and Node; one raw window through the engine's wrapper (its normalisation).
 * - The whole voice path (features, VAD, speaker norm, model) on demo.wav, window by window, against Node.
 * - The whole face path (MediaPipe detection, crop, CNN) on the demo stills, against Chromium.
 * Measured here: every difference is 0 (the same WASM kernels on the same bytes; MediaPipe's CPU
 * delegate only uploads the frame through WebGL). The bounds leave room for float rounding only.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileIOHandler, initWasmBackend, loadLayersModelFromFile, tf } from '../../scripts/lib/tfjs-wasm-node';
import { loadExpressionModel } from '../../src/modalities/face/expression-model';
import { createVoiceModel } from '../../src/modalities/voice/voice-model';
import { VoiceWindowProcessor } from '../../src/modalities/voice/voice-pipeline';
import { parityInputs } from '../../scripts/voice/parity-inputs';
import { parsePcm16Wav } from '../../scripts/bench-firefox/page/wav';
import { openFirefoxBenchPage } from '../../scripts/bench-firefox/open-page';
import { BENCH_PAGE, buildBenchFirefoxExtension } from '../../scripts/bench-firefox/build-page';
import { startBenchFirefoxServer } from '../../scripts/bench-firefox/server';
import { evaluateJson } from '../support/firefox-pages';
import { firefoxPath, xvfbPath } from '../support/firefox';
import { extensionId, launchWithExtension } from '../support/chromium';
import { maxAbsDiff } from '../modalities/face/helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const FACE_DIR = join(ROOT, 'models/face/tfjs');
const VOICE_DIR = join(ROOT, 'models/voice/tfjs');
const STILLS = ['happy', 'neutral', 'happy2', 'sad'];
const FIREFOX = firefoxPath();
if (!FIREFOX) console.warn('tests/e2e/firefox-parity.test.ts skipped: firefox-esr is not installed');

interface Probs {
  face: { plain: number[][]; flip: number[][]; leaked: number };
  voice: { probs: number[][]; fromRaw: number[] };
  windows: { windows: number; probs: (number[] | null)[] };
  stills: { url: string; faces: number; dominant: string | null; probs: number[] | null }[];
}

const maxOver = (a: number[][], b: number[][]) => {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((row, i) => maxAbsDiff(row, b[i])));
};

/** Everything the page computes, in one browser session. */
async function runPage(call: <T>(expression: string) => Promise<T>, serverUrl: string): Promise<Probs> {
  await call('__benchFirefox.init()');
  const url = (p: string) => JSON.stringify(`${serverUrl}${p}`);
  const face = await call<Probs['face']>(`__benchFirefox.faceParity(${url('/parity/face.json')})`);
  const voice = await call<Probs['voice']>(`__benchFirefox.voiceParity(${url('/parity/voice.json')})`);
  const windows = await call<Probs['windows']>(`__benchFirefox.voiceWindows(${url('/demo/demo.wav')})`);
  const stills = JSON.stringify(STILLS.map((s) => `${serverUrl}/demo/${s}.png`));
  const run = await call<{ stills: Probs['stills'] }>(`__benchFirefox.runFace(${stills}, 4, 4)`);
  return { face, voice, windows, stills: run.stills };
}

describe.skipIf(!FIREFOX)('model parity in Firefox ESR (the engine page, WebDriver BiDi)', () => {
  let server: Awaited<ReturnType<typeof startBenchFirefoxServer>>;
  let firefox: Probs;
  let chromium: Probs;

  beforeAll(async () => {
    if (!xvfbPath()) throw new Error('Xvfb is not installed (apt-get install -y xvfb): headless Firefox has no WebGL, which the face detector needs');
    server = await startBenchFirefoxServer();
    // one browser at a time (a 2-core machine): Firefox, then Chromium
    const { browser, page } = await openFirefoxBenchPage();
    try {
      firefox = await runPage((e) => evaluateJson(browser, page, e), server.url);
    } finally {
      await browser.close();
    }
    const chrome: Browser = await launchWithExtension({ headless: true, extensionDir: await buildBenchFirefoxExtension('chrome') });
    try {
      const page = await chrome.newPage();
      await page.goto(`chrome-extension://${await extensionId(chrome)}${BENCH_PAGE}`);
      await page.waitForFunction(`document.title === 'bench ready'`, { timeout: 30_000 });
      chromium = await runPage((e) => page.evaluate(`(async () => JSON.stringify(await (${e})))()`).then((t) => JSON.parse(t as string)), server.url);
    } finally {
      await chrome.close();
    }
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('face model: the exporter\'s crops give PyTorch\'s and Node\'s probabilities, flip TTA off and on', async () => {
    const parity = JSON.parse(readFileSync(join(FACE_DIR, 'parity.json'), 'utf8')) as { inputs: number[][]; torchDequantized: number[][]; torchDequantizedFlipTTA: number[][] };
    await initWasmBackend();
    const node: Record<'plain' | 'flip', number[][]> = { plain: [], flip: [] };
    for (const flipTTA of [false, true]) {
      const model = await loadExpressionModel(fileIOHandler(join(FACE_DIR, 'model.json')), { flipTTA });
      for (const px of parity.inputs) {
        const img = tf.tensor3d(Uint8Array.from(px), [48, 48, 1], 'int32');
        node[flipTTA ? 'flip' : 'plain'].push(Array.from(model.predict(img, null)));
        img.dispose();
      }
      model.dispose();
    }
    const d = {
      vsTorch: maxOver(firefox.face.plain, parity.torchDequantized),
      vsTorchFlip: maxOver(firefox.face.flip, parity.torchDequantizedFlipTTA),
      vsNode: Math.max(maxOver(firefox.face.plain, node.plain), maxOver(firefox.face.flip, node.flip)),
      vsChromium: Math.max(maxOver(firefox.face.plain, chromium.face.plain), maxOver(firefox.face.flip, chromium.face.flip)),
    };
    console.log(`Firefox face model on ${parity.inputs.length} parity crops, max |dp|:`, JSON.stringify(Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.toExponential(2)]))));
    expect(parity.inputs.length).toBeGreaterThanOrEqual(4);
    expect(d.vsTorch).toBeLessThan(2e-4);
    expect(d.vsTorchFlip).toBeLessThan(2e-4);
    expect(d.vsNode).toBeLessThan(2e-4);
    expect(d.vsChromium).toBeLessThan(2e-4);
    expect(firefox.face.leaked).toBe(0);
  });

  it('voice model: the exporter\'s inputs give PyTorch\'s and Node\'s probabilities, and the wrapper normalises alike', async () => {
    const parity = JSON.parse(readFileSync(join(VOICE_DIR, 'parity.json'), 'utf8')) as { inputs: { n: number; T: number; D: number }; torchProbs: number[][]; torchProbsFromRaw: number[] };
    await initWasmBackend();
    const layers = await loadLayersModelFromFile(join(VOICE_DIR, 'model.json'));
    const { n, T, D } = parity.inputs;
    const x = tf.tensor3d(parityInputs(n, T, D), [n, T, D]);
    const y = layers.predict(x) as tf.Tensor;
    const node = (await y.array()) as number[][];
    x.dispose();
    y.dispose();
    layers.dispose();
    const d = {
      vsTorch: maxOver(firefox.voice.probs, parity.torchProbs),
      vsNode: maxOver(firefox.voice.probs, node),
      wrapperVsTorch: maxAbsDiff(firefox.voice.fromRaw, parity.torchProbsFromRaw),
      vsChromium: maxOver(firefox.voice.probs, chromium.voice.probs),
    };
    console.log(`Firefox voice model on ${n} parity inputs, max |dp|:`, JSON.stringify(Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.toExponential(2)]))));
    expect(d.vsTorch).toBeLessThan(1e-4);
    expect(d.vsNode).toBeLessThan(1e-4);
    expect(d.wrapperVsTorch).toBeLessThan(1e-4);
    expect(d.vsChromium).toBeLessThan(1e-4);
  });

  it('the whole voice path on demo.wav: the same windows, voiced or not, with the same probabilities as Node', async () => {
    await initWasmBackend();
    const model = createVoiceModel(await loadLayersModelFromFile(join(VOICE_DIR, 'model.json')));
    const { samples } = parsePcm16Wav(readFileSync(join(ROOT, '.cache/demo/demo.wav')).buffer as ArrayBuffer);
    const proc = new VoiceWindowProcessor(model, 0.5);
    const node: (number[] | null)[] = [];
    for (let i = 0; i < samples.length; i += 1600) for (const r of proc.push(samples.slice(i, i + 1600))) node.push(r.probs);
    model.dispose();
    expect(firefox.windows.windows).toBe(node.length);
    expect(firefox.windows.probs.map((p) => p !== null)).toEqual(node.map((p) => p !== null));
    const voiced = node.map((p, i) => [p, firefox.windows.probs[i]] as const).filter((pair): pair is readonly [number[], number[]] => !!pair[0] && !!pair[1]);
    const d = Math.max(...voiced.map(([a, b]) => maxAbsDiff(a, b)));
    console.log(`Firefox voice path on demo.wav: ${node.length} windows, ${voiced.length} voiced, max |dp| vs Node ${d.toExponential(2)}`);
    expect(voiced.length).toBeGreaterThan(10);
    expect(d).toBeLessThan(1e-4);
  });

  it('the whole face path on the demo stills: one face each, the same class and probabilities as Chromium', () => {
    const rows = firefox.stills.map((s, i) => ({ still: STILLS[i], firefox: s.dominant, chromium: chromium.stills[i].dominant, d: s.probs && chromium.stills[i].probs ? maxAbsDiff(s.probs, chromium.stills[i].probs!) : NaN }));
    console.log('Firefox vs Chromium face path on the demo stills:', JSON.stringify(rows));
    for (const [i, s] of firefox.stills.entries()) {
      expect(s.faces, STILLS[i]).toBe(1);
      expect(s.dominant, STILLS[i]).toBe(chromium.stills[i].dominant);
    }
    expect(Math.max(...rows.map((r) => r.d))).toBeLessThan(1e-3);
  });
});
