/**
 * npm run analyse -- FILE [--json OUT] [--subtitles FILE.vtt|srt] [--interval MS] [--headful]
 *
 * Runs the extension's own file pipeline (the analyse page, real models, WebCodecs decoding) in
 * Debian's Chromium, headless, on a test or release build in .output/chrome-mv3 (npm run build:test).
 * The meeting lands in that throwaway profile's history. Prints progress to stderr and, as its last
 * line, one JSON object: {"file","durationSeconds","subjects":[..],"shares":{..},"msPerMediaSecond",..}.
 * --json OUT also writes the summary with every sample to OUT. Exit 1 with the page's message when
 * the file cannot be analysed.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { launchWithExtension } from '../../tests/support/chromium';
import { analyseOnPage, openAnalysePage, type PageState } from './drive-page';

function parseArgs(argv: string[]) {
  const out: { file?: string; json?: string; subtitles?: string; interval?: number; headful: boolean } = { headful: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = argv[++i];
    else if (a === '--subtitles') out.subtitles = argv[++i];
    else if (a === '--interval') out.interval = Number(argv[++i]);
    else if (a === '--headful') out.headful = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else out.file = a;
  }
  if (!out.file) throw new Error('usage: npm run analyse -- FILE [--json OUT] [--subtitles FILE] [--interval MS]');
  return out;
}

export function summaryLine(file: string, state: PageState) {
  return {
    file: basename(file),
    durationSeconds: state.durationSeconds,
    analysedSeconds: state.result?.analysedSeconds ?? null,
    subjects: state.summary?.subjects ?? [],
    shares: state.summary?.shares ?? {},
    msPerMediaSecond: state.result ? Math.round(state.result.msPerMediaSecond * 10) / 10 : null,
    faceFrames: state.result?.faceFrames ?? 0,
    voiceWindows: state.result?.voiceWindows ?? 0,
    meetingId: state.meetingId,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const file = resolve(args.file!);
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const browser = await launchWithExtension({ headless: !args.headful, fakeMedia: false });
  try {
    const page = await openAnalysePage(browser);
    let last = -1;
    const timer = setInterval(() => {
      void page.evaluate(() => (globalThis as unknown as { __emotionOverlayAnalyse?: { progress?: { fraction: number } } }).__emotionOverlayAnalyse?.progress?.fraction ?? 0).then((f) => {
        const pct = Math.floor(f * 100);
        if (pct !== last) process.stderr.write(`\ranalysing ${basename(file)}: ${pct}%`);
        last = pct;
      }, () => undefined);
    }, 500);
    let state: PageState;
    try {
      state = await analyseOnPage(page, file, { subtitles: args.subtitles && resolve(args.subtitles), faceIntervalMs: args.interval });
    } finally {
      clearInterval(timer);
      process.stderr.write('\n');
    }
    if (state.phase === 'error') {
      console.error(state.error);
      console.log(JSON.stringify({ file: basename(file), error: state.error }));
      process.exitCode = 1;
      return;
    }
    const line = summaryLine(file, state);
    if (args.json) await writeFile(args.json, JSON.stringify({ ...line, subjectsSeen: state.subjects, samples: state.samples }, null, 1));
    console.log(JSON.stringify(line));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
