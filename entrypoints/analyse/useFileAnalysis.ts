/**
 * The page's analysis run: models loaded once, the file opened, analysed into a `file` meeting in
 * the history, with progress, cancel (what was analysed is kept) and a clear message when the file
 * cannot be used.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Meeting, Sample, SubjectRef } from '../../src/core/types';
import { appendSamples, deleteMeeting } from '../../src/storage/meetings';
import { loadSettings } from '../../src/settings/store';
import { analyseFile, type AnalysedFrame, type FileAnalysisResult } from '../../src/files/analyse-file';
import { FileAnalysisError } from '../../src/files/file-errors';
import { endFileMeeting, startFileMeeting } from '../../src/files/file-meeting';
import { loadPackagedModels, type PackagedModels } from '../../src/engine/packaged-models';
import { openMedia } from '../../src/files/open-media';
import type { AnalysisProgress } from '../../src/files/progress';
import type { SubtitleCue } from '../../src/files/subtitles';

export type Phase = 'idle' | 'loading' | 'analysing' | 'done' | 'cancelled' | 'error';

export interface AnalysisState {
  phase: Phase;
  fileName: string | null;
  progress: AnalysisProgress | null;
  error: string | null;
  meeting: Meeting | null;
  result: FileAnalysisResult | null;
  /** Kept in memory for the playback overlay (the file itself is never stored). */
  samples: Sample[];
  subjects: SubjectRef[];
  frames: AnalysedFrame[];
  durationSeconds: number | null;
  hasVideo: boolean;
}

const initial: AnalysisState = {
  phase: 'idle', fileName: null, progress: null, error: null, meeting: null, result: null,
  samples: [], subjects: [], frames: [], durationSeconds: null, hasVideo: false,
};

const url = (path: string) => (browser.runtime.getURL as (p: string) => string)(path);
let models: Promise<PackagedModels> | null = null;

export function useFileAnalysis() {
  const [state, setState] = useState<AnalysisState>(initial);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(async (file: File, opts: { faceIntervalMs: number; subtitles: SubtitleCue[] | null }) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const samples: Sample[] = [];
    const frames: AnalysedFrame[] = [];
    let meeting: Meeting | null = null;
    let subjects: SubjectRef[] = [];
    setState({ ...initial, phase: 'loading', fileName: file.name });
    let media: Awaited<ReturnType<typeof openMedia>> | null = null;
    try {
      const settings = await loadSettings();
      media = await openMedia(file, file.name, { video: settings.face, audio: settings.voice });
      const m = await (models ??= loadPackagedModels(url).catch((e) => {
        models = null;
        throw e;
      }));
      meeting = await startFileMeeting(file.name);
      const opened = media;
      setState((s) => ({ ...s, phase: 'analysing', meeting, durationSeconds: opened.durationSeconds, hasVideo: opened.video !== null }));
      const result = await analyseFile({
        media,
        name: file.name,
        models: m,
        meetingId: meeting.id,
        startedAt: meeting.startedAt,
        faceIntervalMs: opts.faceIntervalMs,
        halfLifeSeconds: settings.smoothingHalfLifeSeconds,
        subtitles: settings.text ? (opts.subtitles ?? undefined) : undefined,
        signal: controller.signal,
        onProgress: (progress) => setState((s) => ({ ...s, progress })),
        onSamples: async (batch, refs) => {
          await appendSamples(batch, refs);
          samples.push(...batch);
          subjects = refs;
        },
        onFrame: (f) => frames.push(f),
      });
      meeting = (await endFileMeeting(meeting, result.analysedSeconds)) ?? meeting;
      setState((s) => ({ ...s, phase: result.cancelled ? 'cancelled' : 'done', result, meeting, samples: [...samples], subjects, frames: [...frames] }));
    } catch (e) {
      const analysed = e instanceof FileAnalysisError ? e.analysedSeconds : 0;
      // nothing was read: no empty meeting is left in the history
      if (meeting && samples.length === 0) {
        await deleteMeeting(meeting.id).catch(() => undefined);
        meeting = null;
      } else if (meeting) meeting = (await endFileMeeting(meeting, analysed).catch(() => null)) ?? meeting;
      const message = e instanceof FileAnalysisError ? e.message : `"${file.name}" could not be analysed: ${e instanceof Error ? e.message : String(e)}`;
      setState((s) => ({ ...s, phase: 'error', error: message, meeting, samples: [...samples], subjects, frames: [...frames] }));
    } finally {
      media?.input.dispose();
    }
  }, []);

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { state, start, cancel };
}
