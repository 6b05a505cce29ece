/**
 * The bench's backends section: the face network in ms per face at 1 and 9 faces per call on every
 * backend this Chromium runs, in the extension origin (its CSP, cross-origin isolated): the SIMD
 * build, the threaded build with 1 and 2 threads (one page each: one WASM build per document, timed
 * in alternating blocks so that load from elsewhere falls on all alike), WebGL and WebGPU; then the
 * choice the engine's own calibration makes (the engine page in a tab, as the offscreen document).
 */
import type { Browser, Page } from 'puppeteer-core';

export interface FaceTiming {
  b1: number;
  b9: number;
}
export interface BackendsResult {
  backends: Record<'wasm' | 'wasm-threads' | 'webgl' | 'webgpu', FaceTiming | null>;
  /** The threaded build held to 1 thread: its own overhead, next to the SIMD build. */
  wasmThreads1: FaceTiming | null;
  unavailable: Record<string, string>;
  backendChosen: { b1: string; b9: string } | null;
  calibrationMs: number | null;
  renderer: string;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const round = (x: number) => Number(x.toFixed(3));

async function open(browser: Browser, id: string, threads: number): Promise<{ page: Page; init: { threads: number; threadsError?: string } }> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  [bench-backends ${threads}] page error: ${e}`));
  await page.goto(`chrome-extension://${id}/bench-backends.html?threads=${threads}`);
  await page.waitForFunction(`document.title === 'bench ready'`, { timeout: 30_000 });
  return { page, init: (await page.evaluate('__backends.init()')) as { threads: number; threadsError?: string } };
}

export async function benchBackends(browser: Browser, id: string, rounds: number, info: string[]): Promise<BackendsResult> {
  const unavailable: Record<string, string> = {};
  const simd = await open(browser, id, 0);
  const t1 = await open(browser, id, 1);
  const t2 = await open(browser, id, 2);
  const cpu: { name: string; page: Page; ok: boolean }[] = [
    { name: 'wasm', page: simd.page, ok: true },
    { name: 'wasm-threads-1', page: t1.page, ok: t1.init.threads === 1 },
    { name: 'wasm-threads', page: t2.page, ok: t2.init.threads === 2 },
  ];
  if (!cpu[2].ok) unavailable['wasm-threads'] = t2.init.threadsError ?? `started with ${t2.init.threads} threads`;
  const blocks: Record<string, { b1: number[]; b9: number[] }> = {};
  for (let r = 0; r < rounds; r++) {
    for (const c of cpu.filter((c) => c.ok)) {
      await c.page.bringToFront();
      const t = (await c.page.evaluate(`__backends.timeFace('wasm', 10, ${r === 0 ? 5 : 1})`)) as FaceTiming;
      (blocks[c.name] ??= { b1: [], b9: [] }).b1.push(t.b1);
      blocks[c.name].b9.push(t.b9);
    }
  }
  const timing = (name: string): FaceTiming | null => (blocks[name] ? { b1: round(median(blocks[name].b1)), b9: round(median(blocks[name].b9)) } : null);
  const gpu: Record<'webgl' | 'webgpu', FaceTiming | null> = { webgl: null, webgpu: null };
  await simd.page.bringToFront();
  for (const name of ['webgl', 'webgpu'] as const) {
    const why = (await simd.page.evaluate(`__backends.start('${name}')`)) as string | null;
    if (why) {
      unavailable[name] = why;
      continue;
    }
    // software WebGL takes seconds per call: 5 calls or 3 s per batch, after 1 warm-up
    const t = (await simd.page.evaluate(`__backends.timeFace('${name}', 5, 1, 3000)`)) as FaceTiming;
    gpu[name] = { b1: round(t.b1), b9: round(t.b9) };
  }
  const renderer = (await simd.page.evaluate(`__backends.renderer('webgl')`)) as string;
  for (const p of [simd, t1, t2]) await p.page.close();

  // the engine's own calibration, as at first start (an empty profile: none stored yet)
  let backendChosen: BackendsResult['backendChosen'] = null;
  let calibrationMs: number | null = null;
  const engine = await browser.newPage();
  try {
    await engine.goto(`chrome-extension://${id}/offscreen.html`);
    await engine.waitForFunction('globalThis.__emotionOverlay', { timeout: 20_000 });
    const state = (await engine.evaluate('__emotionOverlay.backend()')) as {
      calibration: { chosen: { b1: string; b9: string }; tookMs: number; unavailable: Record<string, string>; timings: Record<string, FaceTiming> } | null;
    };
    if (state.calibration) {
      backendChosen = state.calibration.chosen;
      calibrationMs = state.calibration.tookMs;
      info.push(`calibration (engine page): chose ${JSON.stringify(backendChosen)} in ${calibrationMs} ms; timed ${JSON.stringify(state.calibration.timings)}`);
      for (const [k, v] of Object.entries(state.calibration.unavailable)) info.push(`  calibration: ${k} not timed: ${v}`);
    } else info.push('calibration (engine page): failed, see the console');
  } finally {
    await engine.close();
  }
  return {
    backends: { wasm: timing('wasm'), 'wasm-threads': timing('wasm-threads'), ...gpu },
    wasmThreads1: timing('wasm-threads-1'),
    unavailable,
    backendChosen,
    calibrationMs,
    renderer,
  };
}
