/**
 * The participants' atlas (src/modalities/face/tile-frames.ts) in real Chromium: every face of a
 * round is drawn into one canvas and classified in one batch, and a face must read there as it reads
 * in its own frame. The gallery model (v2) runs on TF.js's CPU backend in the page; the detections
 * are fixed (the demo stills' faces as the detector finds them), so only the atlas is under test.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEDIA_DIR, launchWithExtension } from '../../support/chromium';
import { bundleForPage } from '../../support/page-bundle';
import { fileIOHandler } from '../../../scripts/lib/tfjs-wasm-node';
import { MODEL_V2_DIR } from './helpers';

/** The demo stills (640x480) and their faces, as the bench's detector finds them. */
const STILLS: { name: string; box: { x: number; y: number; width: number; height: number } }[] = [
  { name: 'happy', box: { x: 193, y: 151, width: 236, height: 236 } },
  { name: 'neutral', box: { x: 230, y: 145, width: 239, height: 239 } },
  { name: 'happy2', box: { x: 200, y: 110, width: 258, height: 257 } },
  { name: 'sad', box: { x: 230, y: 145, width: 239, height: 239 } }, // the neutral face retouched: its box
];

interface Compared {
  atlas: number[][];
  alone: number[][];
  tensorsBefore: number;
  tensorsAfter: number;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await bundleForPage(`
    import * as tf from '@tensorflow/tfjs';
    import { analyseTiles } from './src/modalities/face/tile-frames';
    import { loadExpressionModel } from './src/modalities/face/expression-model';
    window.atlasTest = { tf, analyseTiles, loadExpressionModel };
  `);
  browser = await launchWithExtension({ noExtension: true, fakeMedia: false });
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle });
  const artifacts = await fileIOHandler(join(MODEL_V2_DIR, 'model.json')).load!();
  const stills = await Promise.all(STILLS.map(async (s) => `data:image/png;base64,${(await readFile(join(DEMO_MEDIA_DIR, `${s.name}.png`))).toString('base64')}`));
  await page.evaluate(
    async (model: { artifacts: Record<string, unknown>; weights: string }, stillUrls: string[], boxes: (typeof STILLS)[number]['box'][]) => {
      const { tf, loadExpressionModel } = (window as any).atlasTest;
      await tf.setBackend('cpu');
      const weightData = Uint8Array.from(atob(model.weights), (c) => c.charCodeAt(0)).buffer;
      // as the engine runs the gallery model (src/engine/packaged-models.ts): upright crops
      const expression = await loadExpressionModel({ load: async () => ({ ...model.artifacts, weightData }) }, { align: false });
      const images = await Promise.all(stillUrls.map(async (url) => createImageBitmap(await (await fetch(url)).blob())));
      /** A tile: still i drawn at `scale` (a larger track's picture), and its face as the detector would give it. */
      const tile = (i: number, scale: number) => {
        const canvas = document.createElement('canvas');
        canvas.width = 640 * scale;
        canvas.height = 480 * scale;
        canvas.getContext('2d')!.drawImage(images[i], 0, 0, canvas.width, canvas.height);
        const b = boxes[i];
        const box = { x: b.x * scale, y: b.y * scale, width: b.width * scale, height: b.height * scale };
        const eye = (fx: number) => ({ x: box.x + fx * box.width, y: box.y + 0.38 * box.height });
        return { canvas, face: { box, score: 0.95, keypoints: [eye(0.3), eye(0.7), eye(0.5), eye(0.5), eye(0.05), eye(0.95)] } };
      };
      (window as any).compare = (spec: { still: number; scale: number }[]): Compared => {
        const tiles = spec.map((s) => tile(s.still, s.scale));
        const detector = { detect: (frame: unknown) => tiles.filter((t) => t.canvas === frame).map((t) => t.face), dispose() {} };
        const atlas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
        const round = () => (window as any).atlasTest.analyseTiles(tiles.map((t, key) => ({ key, frame: t.canvas })), detector, expression, atlas);
        round(); // warm-up
        const tensorsBefore = tf.memory().numTensors;
        const { results } = round();
        const tensorsAfter = tf.memory().numTensors;
        const alone = tiles.map((t) => {
          const pixels = tf.browser.fromPixels(t.canvas, 3);
          const p = expression.predictBatch(pixels, [t.face])[0];
          pixels.dispose();
          return [...p];
        });
        return { atlas: results.map((r: { face: { probs: Float32Array } }) => [...r.face.probs]), alone, tensorsBefore, tensorsAfter };
      };
    },
    { artifacts: { ...artifacts, weightData: undefined }, weights: Buffer.from(artifacts.weightData as ArrayBuffer).toString('base64') },
    stills,
    STILLS.map((s) => s.box),
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
const top = (p: number[]) => p.indexOf(Math.max(...p));

describe('the participants\' atlas', () => {
  it('reads each of 9 faces of 640x480 tiles exactly as in its own frame, and keeps no tensor', async () => {
    const spec = Array.from({ length: 9 }, (_, i) => ({ still: i % STILLS.length, scale: 1 }));
    const r = await page.evaluate((s) => (window as any).compare(s) as Compared, spec);
    expect(r.atlas).toHaveLength(9);
    // the tiles' own pixels, each face on the atlas's block grid: the same numbers to float rounding
    // (cells scaled to 192 px, as before, moved probabilities by up to 0.046; cells on a shared grid
    // without a margin of the tile's picture by 0.07)
    r.atlas.forEach((p, i) => expect(maxDiff(p, r.alone[i]), `tile ${i}`).toBeLessThan(1e-4));
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
  });

  it('scales a large face (a 1280x960 tile) down and still reads it as in its own frame, beside native ones', async () => {
    const spec = [{ still: 0, scale: 2 }, { still: 1, scale: 1 }, { still: 2, scale: 2 }, { still: 3, scale: 1 }, { still: 0, scale: 1 }];
    const r = await page.evaluate((s) => (window as any).compare(s) as Compared, spec);
    spec.forEach((s, i) => {
      if (s.scale === 1) expect(maxDiff(r.atlas[i], r.alone[i]), `tile ${i}`).toBeLessThan(1e-4);
      else {
        // resampled to 192 px: close, the same leading class
        expect(maxDiff(r.atlas[i], r.alone[i]), `tile ${i}`).toBeLessThan(0.1);
        expect(top(r.atlas[i])).toBe(top(r.alone[i]));
      }
    });
  });
});
