/**
 * npm-less measurement of the file pipeline: tsx scripts/analyse/measure.ts [--seconds N] [--interval MS]
 *
 * Makes a 640x480, 30 fps H.264/AAC clip with one face and speech (the demo media, looped), then in
 * Chromium on the test build: (1) seeks a media element to every scheduled face time and waits for
 * each frame ('seeked'), the alternative decoding path; (2) runs the analyse page's real pipeline
 * (mediabunny + WebCodecs) twice, the first warming up. Last line: one JSON object with
 * fileMsPerMediaSecond (the warm run), the time per part, and both decoding paths per frame.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { DEMO_MEDIA_DIR, launchWithExtension } from '../../tests/support/chromium';
import { analyseOnPage, openAnalysePage } from './drive-page';

const ROOT = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 30);
const intervalMs = arg('interval', 500);

execFileSync('bash', [join(ROOT, 'scripts/demo/make-demo-media.sh')], { stdio: 'ignore' });
const dir = mkdtempSync(join(tmpdir(), 'eo-measure-'));
const clip = join(dir, 'one-face-640x480-30fps.mp4');
execFileSync('ffmpeg', [
  '-loglevel', 'error', '-y', '-stream_loop', '-1', '-i', join(DEMO_MEDIA_DIR, 'demo.y4m'), '-stream_loop', '-1', '-i', join(DEMO_MEDIA_DIR, 'demo.wav'),
  '-t', String(seconds), '-vf', 'fps=30', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ar', '48000', '-ac', '2', clip,
]);

const browser = await launchWithExtension({ fakeMedia: false });
try {
  const page = await openAnalysePage(browser);
  const input = (await page.$('[data-testid="media-input"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(clip);
  // the media element path: seek to each face time, wait for the frame, draw it
  // plain JS: tsx would wrap named functions in a helper the page does not have
  const seek = (await page.evaluate(`(async (el) => {
    const interval = ${intervalMs};
    const file = el.files[0];
    const video = document.createElement('video');
    video.muted = true;
    video.preload = 'auto';
    video.src = URL.createObjectURL(file);
    // an event, or false after ms: a seek that never lands is counted, not waited for
    const once = (type, ms) => new Promise((ok) => {
      const timer = setTimeout(() => ok(false), ms);
      video.addEventListener(type, () => { clearTimeout(timer); ok(true); }, { once: true });
    });
    if (!(await once('loadeddata', 10000))) throw new Error('the media element did not load the clip');
    const ctx = Object.assign(document.createElement('canvas'), { width: 640, height: 480 }).getContext('2d', { willReadFrequently: true });
    const times = [];
    for (let t = 0; t < video.duration; t += interval / 1000) times.push(t);
    const t0 = performance.now();
    let drawMs = 0;
    let lost = 0;
    for (const t of times) {
      const seeked = once('seeked', 5000);
      video.currentTime = t + 1e-3;
      if (!(await seeked)) lost++;
      const d0 = performance.now();
      ctx.drawImage(video, 0, 0);
      ctx.getImageData(0, 0, 1, 1);
      drawMs += performance.now() - d0;
    }
    const ms = performance.now() - t0;
    URL.revokeObjectURL(video.src);
    return { frames: times.length, ms, drawMs, lost, durationSeconds: video.duration };
  })(document.querySelector('[data-testid="media-input"]'))`)) as { frames: number; ms: number; drawMs: number; lost: number };
  const runs = [];
  for (let i = 0; i < 2; i++) {
    if (i > 0) {
      await page.reload();
      await page.waitForSelector('[data-testid="media-input"]');
    }
    const state = await analyseOnPage(page, clip, { faceIntervalMs: intervalMs, timeoutMs: 600_000 });
    if (state.phase !== 'done') throw new Error(`run ${i}: ${state.phase} ${state.error}`);
    runs.push({ msPerMediaSecond: Math.round(state.result!.msPerMediaSecond), timing: state.result!.timing, faceFrames: state.result!.faceFrames, voiceWindows: state.result!.voiceWindows });
  }
  const warm = runs[runs.length - 1];
  const result = {
    clip: '640x480 30 fps H.264/AAC, one face, speech',
    durationSeconds: seconds,
    faceIntervalMs: intervalMs,
    fileMsPerMediaSecond: warm.msPerMediaSecond,
    realTimeFactor: Math.round((1000 / warm.msPerMediaSecond) * 10) / 10,
    runs,
    decodePerFaceFrameMs: {
      webcodecs: Math.round((warm.timing.videoDecodeMs / warm.faceFrames) * 10) / 10,
      mediaElementSeek: Math.round(((seek.ms - seek.drawMs) / seek.frames) * 10) / 10,
      mediaElementDraw: Math.round((seek.drawMs / seek.frames) * 10) / 10,
      mediaElementSeeksLost: seek.lost,
    },
    loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
  };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
