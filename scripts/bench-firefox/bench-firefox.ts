/**
 * npm run bench:firefox: the engine's per-stage costs in Debian's Firefox ESR, on the fixed inputs of
 * the Chromium bench (scripts/bench): the demo stills (happy, neutral, happy2, sad at 640x480) through
 * the live loop's face frame (MediaPipe detect + crop + CNN), and demo.wav through the voice window
 * processor. Firefox runs headed on a private Xvfb display (headless Firefox has no WebGL, which
 * MediaPipe needs), with the bench copy of the Firefox test build installed as a temporary add-on;
 * the page runs in the extension origin with the engine's own code and packaged models.
 * Prints a table, then one JSON line (the last line of stdout) with the Chromium bench's keys that
 * apply, `browser` and `notRun` (what this bench does not measure in Firefox, and why). Where the
 * Chromium test build is there too, the same page is timed in headless Chromium in alternating
 * blocks (`chromiumSameRun`, `firefoxToChromium`): this machine is shared, and a figure is only
 * comparable with one measured beside it.
 *
 *   BENCH_WARMUP=20 BENCH_ITERATIONS=100 BENCH_VOICE_PASSES=7 BENCH_FIREFOX_PEER=1 npx tsx scripts/bench-firefox/bench-firefox.ts
 *
 * Needs `npm run build:firefox:test`, the demo media (scripts/demo/make-demo-media.sh), firefox-esr and Xvfb.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateJson } from '../../tests/support/firefox-pages';
import { firefoxPath, xvfbPath } from '../../tests/support/firefox';
import type { Browser } from 'puppeteer-core';
import { extensionId, launchWithExtension } from '../../tests/support/chromium';
import { openFirefoxBenchPage } from './open-page';
import { BENCH_PAGE, buildBenchFirefoxExtension } from './build-page';
import { quantile, round } from '../bench/stats';
import { startBenchFirefoxServer } from './server';

const ROOT = resolve(import.meta.dirname, '../..');
const STILLS = ['happy', 'neutral', 'happy2', 'sad'];
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const WARMUP = num('BENCH_WARMUP', 20);
const ITERATIONS = Math.max(50, num('BENCH_ITERATIONS', 100));
const VOICE_PASSES = Math.max(5, num('BENCH_VOICE_PASSES', 7));
const ROUNDS = Math.max(1, num('BENCH_ROUNDS', 10));
/** BENCH_FIREFOX_PEER=0: Firefox alone, without the same page timed in Chromium beside it. */
const SAME_RUN_CHROMIUM = process.env.BENCH_FIREFOX_PEER !== '0' && existsSync(resolve(ROOT, process.env.EO_OUT_DIR ?? '.output', 'chrome-mv3/manifest.json'));

interface InitInfo {
  backend: string;
  loadMs: number;
  simd: boolean;
  multithread: boolean;
  userAgent: string;
  webgl: string;
  webgpu: boolean;
}
interface VoiceRun {
  audioSeconds: number;
  msPerAudioSecond: number[];
  windows: number;
  voicedWindows: number;
}

/** What the Chromium bench measures that this one does not, and why. */
export const NOT_RUN_IN_FIREFOX: Record<string, string> = {
  frameToBadgeP95Ms:
    'Firefox has no file-fed fake camera (Chromium\'s --use-file-for-fake-video-capture): its fake camera shows no face, and the badge\'s latency list lives in the content script\'s sandbox, which a BiDi test cannot evaluate in',
  humanFaceFrameMs: 'the @vladmandic/human reference page belongs to the Chromium bench (scripts/bench); the reference is browser-independent',
  backends: 'tfjs WebGPU is not enabled in Firefox ESR 153 on Linux, and WebGL is Mesa llvmpipe (software) under Xvfb: only the WASM backend the engine uses is timed',
};

interface FaceRun {
  detectMs: number[];
  classifyMs: number[];
  frameMs: number[];
  stills: { url: string; faces: number; score: number; dominant: string | null }[];
}

export interface FirefoxBench {
  /** The JSON line's object (the Chromium bench's keys that apply, `browser`, `notRun`). */
  result: Record<string, unknown>;
  /** What the run saw, then the table, line by line. */
  report: string[];
  failures: string[];
}

/**
 * The Firefox half of the bench, for scripts/bench/bench.ts to call after its Chromium part
 * (`firefox: result` in its JSON); a reason instead where Firefox or Xvfb is not installed.
 */
export async function benchFirefox(): Promise<FirefoxBench | { skipped: string }> {
  if (!firefoxPath()) return { skipped: 'firefox-esr is not installed (bash scripts/install-deps.sh)' };
  if (!xvfbPath()) return { skipped: 'Xvfb is not installed: headless Firefox has no WebGL, which the face detector needs' };
  for (const s of STILLS) if (!existsSync(resolve(ROOT, `.cache/demo/${s}.png`))) throw new Error(`no ${s}.png in .cache/demo: run bash scripts/demo/make-demo-media.sh`);
  const failures: string[] = [];
  const info: string[] = [];
  const server = await startBenchFirefoxServer();
  const { browser, page } = await openFirefoxBenchPage().catch(async (error) => {
    await server.close();
    throw error;
  });
  let chrome: Browser | null = null;
  let result: Record<string, unknown> = {};
  const rows: { name: string; unit: string; values: number[] }[] = [];
  try {
    const version = (await browser.version()).replace(/^firefox\/?/i, '').trim();
    const firefox = <T>(expression: string) => evaluateJson<T>(browser, page, expression);
    // the same page in Chromium, in the same run: this machine is shared, so a figure means something next to its peer's
    let chromium: (<T>(expression: string) => Promise<T>) | null = null;
    if (SAME_RUN_CHROMIUM) {
      chrome = await launchWithExtension({ headless: true, extensionDir: await buildBenchFirefoxExtension('chrome') });
      const chromePage = await chrome.newPage();
      await chromePage.goto(`chrome-extension://${await extensionId(chrome)}${BENCH_PAGE}`);
      await chromePage.waitForFunction(`document.title === 'bench ready'`, { timeout: 30_000 });
      chromium = <T>(expression: string) => chromePage.evaluate(`(async () => JSON.stringify(await (${expression})))()`).then((t) => JSON.parse(t as string) as T);
    }
    const init = await firefox<InitInfo>('__benchFirefox.init()');
    info.push(`Firefox ${version} (${init.userAgent}); WebGL: ${init.webgl}; WebGPU adapter: ${init.webgpu}`);
    info.push(`tfjs backend ${init.backend} (simd ${init.simd}, threads ${init.multithread}), models loaded in ${init.loadMs.toFixed(0)} ms`);
    if (init.backend !== 'wasm') failures.push(`tfjs backend is ${init.backend}, not wasm`);
    if (chromium) {
      const c = await chromium<InitInfo>('__benchFirefox.init()');
      info.push(`same run, same page in headless Chromium: tfjs backend ${c.backend} (simd ${c.simd}, threads ${c.multithread}), models loaded in ${c.loadMs.toFixed(0)} ms; WebGL: ${c.webgl}`);
    }
    const urls = JSON.stringify(STILLS.map((s) => `${server.url}/demo/${s}.png`));
    const face: FaceRun = { detectMs: [], classifyMs: [], frameMs: [], stills: [] };
    const peerFace: FaceRun = { detectMs: [], classifyMs: [], frameMs: [], stills: [] };
    const add = (into: FaceRun, f: FaceRun) => {
      into.detectMs.push(...f.detectMs);
      into.classifyMs.push(...f.classifyMs);
      into.frameMs.push(...f.frameMs);
      into.stills = f.stills;
    };
    const block = Math.ceil(ITERATIONS / ROUNDS / STILLS.length) * STILLS.length;
    // blocks alternate between the two browsers, so that load from other work falls on both alike
    for (let r = 0; r < ROUNDS; r++) {
      const run = `__benchFirefox.runFace(${urls}, ${r === 0 ? WARMUP : 0}, ${block})`;
      add(face, await firefox<FaceRun>(run));
      if (chromium) add(peerFace, await chromium<FaceRun>(run));
    }
    for (const s of face.stills) info.push(`  ${s.url.split('/').pop()}: ${s.faces} face(s), score ${s.score.toFixed(2)}, top ${s.dominant}`);
    const missed = face.stills.filter((s) => s.faces === 0 || !s.dominant);
    if (missed.length) failures.push(`no face found on ${missed.map((s) => s.url.split('/').pop()).join(', ')}`);
    const voiceRun = `__benchFirefox.runVoice(${JSON.stringify(`${server.url}/demo/demo.wav`)}, 1, ${VOICE_PASSES})`;
    const voice = await firefox<VoiceRun>(voiceRun);
    const peerVoice = chromium ? await chromium<VoiceRun>(voiceRun) : null;
    info.push(`  voice: ${voice.audioSeconds.toFixed(2)} s of audio, ${voice.windows} windows, ${voice.voicedWindows} voiced`);
    if (voice.voicedWindows === 0) failures.push('the voice path produced no voiced windows');
    rows.push(
      { name: 'face detect (MediaPipe)', unit: 'ms', values: face.detectMs },
      { name: 'face classify (crop + CNN)', unit: 'ms', values: face.classifyMs },
      { name: 'face frame (detect + classify)', unit: 'ms', values: face.frameMs },
      { name: 'voice features + classify', unit: 'ms / s audio', values: voice.msPerAudioSecond },
    );
    if (peerVoice)
      rows.push(
        { name: '  same run, Chromium: face detect', unit: 'ms', values: peerFace.detectMs },
        { name: '  same run, Chromium: face classify', unit: 'ms', values: peerFace.classifyMs },
        { name: '  same run, Chromium: face frame', unit: 'ms', values: peerFace.frameMs },
        { name: '  same run, Chromium: voice', unit: 'ms / s audio', values: peerVoice.msPerAudioSecond },
      );
    const median = (v: number[]) => round(quantile(v, 0.5));
    result = {
      browser: `firefox ${version}`,
      faceFrameMs: median(face.frameMs),
      faceDetectMs: median(face.detectMs),
      faceClassifyMs: median(face.classifyMs),
      voiceMsPerAudioSecond: median(voice.msPerAudioSecond),
      faceFrameP95Ms: round(quantile(face.frameMs, 0.95)),
      modelsLoadMs: round(init.loadMs, 0),
      ...(peerVoice
        ? {
            chromiumSameRun: {
              faceFrameMs: median(peerFace.frameMs),
              faceDetectMs: median(peerFace.detectMs),
              faceClassifyMs: median(peerFace.classifyMs),
              voiceMsPerAudioSecond: median(peerVoice.msPerAudioSecond),
            },
            firefoxToChromium: {
              faceFrame: round(quantile(face.frameMs, 0.5) / quantile(peerFace.frameMs, 0.5), 2),
              voice: round(quantile(voice.msPerAudioSecond, 0.5) / quantile(peerVoice.msPerAudioSecond, 0.5), 2),
            },
          }
        : {}),
      notRun: NOT_RUN_IN_FIREFOX,
    };
  } finally {
    await chrome?.close();
    await browser.close();
    await server.close();
  }
  const report = [...info, ''];
  const w = Math.max(...rows.map((r) => r.name.length));
  report.push(`${'metric (firefox)'.padEnd(w)}  ${'median'.padStart(10)}  ${'p95'.padStart(10)}  ${'n'.padStart(5)}  unit`);
  for (const r of rows) report.push(`${r.name.padEnd(w)}  ${quantile(r.values, 0.5).toFixed(2).padStart(10)}  ${quantile(r.values, 0.95).toFixed(2).padStart(10)}  ${String(r.values.length).padStart(5)}  ${r.unit}`);
  for (const [k, why] of Object.entries(NOT_RUN_IN_FIREFOX)) report.push(`not run in Firefox: ${k}: ${why}`);
  return { result, report, failures };
}

async function main(): Promise<number> {
  const run = await benchFirefox();
  if ('skipped' in run) {
    console.error(`bench:firefox skipped: ${run.skipped}`);
    console.log(JSON.stringify({ skipped: run.skipped }));
    return 1;
  }
  for (const line of run.report) console.log(line);
  for (const f of run.failures) console.error(`BENCH FAILED: ${f}`);
  console.log(JSON.stringify(run.result));
  return run.failures.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
