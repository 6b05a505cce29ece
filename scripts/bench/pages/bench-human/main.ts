/**
 * Benchmark reference (not shipped: scripts/bench/build-pages.ts bundles it into a copy of the built
 * extension as /bench-human.html): @vladmandic/human's face detector + emotion model on the same
 * frames, on TF.js WASM (its own bundled TF.js 4.22, in its own page so that it never shares a realm
 * with ours). Models come from the bench HTTP server, the .wasm files from the extension.
 */
import { Human, type Config } from '@vladmandic/human';
import { loadFrames } from '../bench/frames';

let human: Human | null = null;

async function init(modelBasePath: string): Promise<{ backend: string; version: string; loadMs: number; simd: boolean; multithread: boolean }> {
  const t0 = performance.now();
  const config: Partial<Config> = {
    backend: 'wasm',
    wasmPath: '/wasm/tfjs/',
    modelBasePath,
    cacheModels: false,
    warmup: 'none',
    debug: false,
    async: true,
    // every frame analysed from scratch: no result reuse between frames
    cacheSensitivity: 0,
    skipAllowed: false,
    // no image filters (they would add a WebGL pass): the plain input -> tensor path
    filter: { enabled: false } as Config['filter'],
    face: {
      enabled: true,
      detector: { enabled: true, rotation: false, maxDetected: 1, skipFrames: 0, skipTime: 0, return: false } as Config['face']['detector'],
      mesh: { enabled: false } as Config['face']['mesh'],
      attention: { enabled: false } as Config['face']['attention'],
      iris: { enabled: false } as Config['face']['iris'],
      description: { enabled: false } as Config['face']['description'],
      emotion: { enabled: true, skipFrames: 0, skipTime: 0 } as Config['face']['emotion'],
      antispoof: { enabled: false } as Config['face']['antispoof'],
      liveness: { enabled: false } as Config['face']['liveness'],
    } as Config['face'],
    body: { enabled: false } as Config['body'],
    hand: { enabled: false } as Config['hand'],
    object: { enabled: false } as Config['object'],
    gesture: { enabled: false },
    segmentation: { enabled: false } as Config['segmentation'],
  };
  human = new Human(config);
  // Human's own bundled TF.js would spawn the threaded build's workers from blob: URLs, which the
  // extension CSP refuses (ours ships them as files: src/ml/wasm-threads-assets.ts): the SIMD build.
  human.tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await human.load();
  await human.init();
  const tf = human.tf;
  return {
    backend: tf.getBackend(),
    version: human.version,
    loadMs: performance.now() - t0,
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}


interface HumanRun {
  frameMs: number[];
  stills: { url: string; faces: number; score: number; emotion: { score: number; emotion: string }[] }[];
}

async function runFace(urls: string[], warmup: number, iterations: number): Promise<HumanRun> {
  const canvases = await loadFrames(urls);
  const run: HumanRun = { frameMs: [], stills: [] };
  const last: HumanRun['stills'] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const k = i % canvases.length;
    const t0 = performance.now();
    const result = await human!.detect(canvases[k]);
    const ms = performance.now() - t0;
    if (result.error) throw new Error(`human.detect: ${result.error}`);
    const face = result.face[0];
    last[k] = { url: urls[k], faces: result.face.length, score: face?.score ?? 0, emotion: face?.emotion ?? [] };
    if (i >= warmup) run.frameMs.push(ms);
  }
  run.stills = last;
  return run;
}

Object.assign(globalThis, { __benchHuman: { init, runFace } });
document.title = 'bench ready';
