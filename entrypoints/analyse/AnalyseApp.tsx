import { useEffect, useMemo, useState } from 'preact/hooks';
import { emotionLabel } from '../../src/ui/wording';
import { EMOTION_STYLE } from '../../src/ui/emotion-style';
import { formatClock, formatPercent } from '../../src/ui/format';
import { DEFAULT_FACE_INTERVAL_MS } from '../../src/files/face-times';
import { fileShares } from '../../src/files/shares';
import { parseSubtitles, type SubtitleCue } from '../../src/files/subtitles';
import { FilePicker } from './components/FilePicker';
import { Playback } from './components/Playback';
import { ProgressPanel } from './components/ProgressPanel';
import { useFileAnalysis } from './useFileAnalysis';

/** "Analyse a file": choose or drop a file, watch it analysed, then play it back with the readings over it. */
export function AnalyseApp() {
  const { state, start, cancel } = useFileAnalysis();
  const [media, setMedia] = useState<File | null>(null);
  const [subtitleFile, setSubtitleFile] = useState<File | null>(null);
  const [cues, setCues] = useState<SubtitleCue[] | null>(null);
  const [subtitleError, setSubtitleError] = useState<string | null>(null);
  const [intervalMs, setIntervalMs] = useState(DEFAULT_FACE_INTERVAL_MS);
  const [analysedFile, setAnalysedFile] = useState<{ file: File; intervalMs: number } | null>(null);
  const busy = state.phase === 'loading' || state.phase === 'analysing';

  const onSubtitles = async (file: File | null) => {
    setSubtitleFile(null);
    setCues(null);
    setSubtitleError(null);
    if (!file) return;
    try {
      setCues(parseSubtitles(await file.text(), `"${file.name}"`));
      setSubtitleFile(file);
    } catch (e) {
      setSubtitleError(e instanceof Error ? e.message : String(e));
    }
  };

  const summary = useMemo(
    () => (state.meeting && state.samples.length ? fileShares(state.meeting, state.subjects, state.samples) : null),
    [state.meeting, state.samples, state.subjects],
  );

  // for the command line (`npm run analyse`) and the tests, which drive this page through the debugger
  useEffect(() => {
    Object.assign(globalThis, {
      __emotionOverlayAnalyse: {
        phase: state.phase,
        error: state.error,
        meetingId: state.meeting?.id ?? null,
        progress: state.progress,
        result: state.result,
        summary,
        durationSeconds: state.durationSeconds,
        samples: state.samples,
        subjects: state.subjects,
      },
    });
  }, [state, summary]);

  return (
    <main class="analyse stack">
      <header class="spread">
        <h1>Analyse a file</h1>
      </header>
      {!busy && (
        <FilePicker
          disabled={busy}
          media={media}
          subtitles={subtitleFile}
          subtitleError={subtitleError}
          onMedia={setMedia}
          onSubtitles={(f) => void onSubtitles(f)}
          intervalMs={intervalMs}
          onInterval={setIntervalMs}
          onStart={() => {
            if (!media) return;
            setAnalysedFile({ file: media, intervalMs });
            void start(media, { faceIntervalMs: intervalMs, subtitles: cues });
          }}
        />
      )}
      {busy && <ProgressPanel progress={state.progress} fileName={state.fileName ?? ''} loading={state.phase === 'loading'} onCancel={cancel} />}
      {state.phase === 'error' && (
        <p class="card danger-text" role="alert" data-testid="analyse-error">
          {state.error}
        </p>
      )}
      {(state.phase === 'done' || state.phase === 'cancelled' || (state.phase === 'error' && state.samples.length > 0)) && state.meeting && (
        <section class="card stack" data-testid="analyse-result" data-meeting-id={state.meeting.id} data-phase={state.phase}>
          <p>
            {state.phase === 'done' ? 'Analysed' : state.phase === 'cancelled' ? 'Cancelled: kept' : 'Kept'}{' '}
            {formatClock(state.result?.analysedSeconds ?? (state.meeting.endedAt! - state.meeting.startedAt) / 1000)} of {formatClock(state.durationSeconds ?? 0)}
            {state.result && state.result.msPerMediaSecond > 0 && ` at ${(1000 / state.result.msPerMediaSecond).toFixed(1)}× real time`}. It is in your history as “{state.meeting.title}”, with the same detail view and exports as a call.
          </p>
          {summary?.subjects.map((s) => (
            <p class="small" key={s.id} data-testid="subject-summary" data-subject-id={s.id}>
              <strong>{s.label}</strong>: {s.dominant ? `mostly ${emotionLabel(s.dominant).toLowerCase()}` : 'no fused reading'} ·{' '}
              {Object.entries(s.shares)
                .filter(([, v]) => v >= 0.05)
                .sort((a, b) => b[1] - a[1])
                .map(([e, v]) => `${emotionLabel(e as keyof typeof EMOTION_STYLE)} ${formatPercent(v)}`)
                .join(', ')}
            </p>
          ))}
        </section>
      )}
      {analysedFile && state.samples.length > 0 && !busy && (
        <Playback
          file={analysedFile.file}
          samples={state.samples}
          subjects={state.subjects}
          frames={state.frames}
          durationSeconds={state.durationSeconds ?? 0}
          faceIntervalMs={analysedFile.intervalMs}
        />
      )}
      <footer class="small muted">Readings are of apparent expression, not of what anyone feels. Everything is analysed and stored on this device only.</footer>
    </main>
  );
}
