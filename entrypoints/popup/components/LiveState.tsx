import type { SessionReading, SubjectReading } from '../../../src/core/types';
import { badgeStatusFrom, badgeStatusText, isProblemStatus, primarySubject } from '../../../src/badge/status';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatPercent } from '../../../src/ui/format';
import { ProbabilityBars } from '../../../src/ui/ProbabilityBars';
import { STREAM_NOTE } from '../../../src/badge/stream-note';

interface LiveStateProps {
  reading: SessionReading | null;
  loaded: boolean;
  error: string | null;
  onTogglePause: () => void;
  /** Opens the welcome page, where blocked camera/microphone access is explained and re-asked. */
  onOpenWelcome: () => void;
}

/** The current tab's call as the engine sees it now: dominant expression, bars, state, pause. */
export function LiveState({ reading, loaded, error, onTogglePause, onOpenWelcome }: LiveStateProps) {
  if (!reading) {
    return (
      <section class="card live" data-testid="live-state" data-status="none" aria-live="polite">
        <h2>Live</h2>
        <p class="muted small">
          {!loaded ? 'Checking this tab…' : error ? 'The extension is not ready yet — try again in a moment.' : 'No call is being analysed in this tab.'}
        </p>
      </section>
    );
  }

  const status = badgeStatusFrom(reading);
  const subject = primarySubject(reading);
  const fused = subject?.fused ?? null;
  const face = subject?.readings.face;
  const voice = subject?.readings.voice;
  const others = reading.subjects.filter((s) => s !== subject);
  const style = fused ? EMOTION_STYLE[fused.dominant] : null;
  const paused = status === 'paused';

  return (
    <section class="card live stack" data-testid="live-state" data-status={status}>
      <div class="spread">
        <div class="row">
          <span class="live-emoji" aria-hidden="true" style={style ? { background: `${style.color}33` } : undefined}>
            {style?.emoji ?? '·'}
          </span>
          <div>
            <div class="live-dominant" data-testid="live-dominant">
              {style?.label ?? 'No reading'}
            </div>
            <div class="muted small">{fused ? `${formatPercent(fused.confidence)} confidence` : '—'}</div>
          </div>
        </div>
        <button type="button" onClick={onTogglePause} aria-pressed={paused} data-testid="toggle-pause">
          {paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
      </div>

      <p role="status" aria-live="polite" class={isProblemStatus(status) ? 'small warn-text' : 'small muted'}>
        {badgeStatusText(status)}
      </p>
      {(status === 'camera-blocked' || status === 'mic-blocked') && (
        <button type="button" onClick={onOpenWelcome} data-testid="open-welcome">
          Fix camera and microphone access
        </button>
      )}

      <ProbabilityBars probs={fused?.probs ?? null} label="Fused" />

      <div class="live-streams small">
        <span class="muted">Face</span>
        {face?.probs ? <ProbabilityBars probs={face.probs} variant="mini" label="Face" /> : <span class="muted">{face ? STREAM_NOTE[face.state] : 'off'}</span>}
        <span class="muted">Voice</span>
        {voice?.probs ? <ProbabilityBars probs={voice.probs} variant="mini" label="Voice" /> : <span class="muted">{voice ? STREAM_NOTE[voice.state] : 'off'}</span>}
      </div>
      {others.length > 0 && <OtherSubjects subjects={others} />}
    </section>
  );
}

/** One line per other person analysed: name and apparent expression. */
function OtherSubjects({ subjects }: { subjects: SubjectReading[] }) {
  return (
    <ul class="others small" data-testid="live-others">
      {subjects.map((s) => (
        <li key={s.subject.id} class="spread" data-subject-id={s.subject.id}>
          <span>{s.subject.label ?? s.subject.id}</span>
          <span class="muted">{s.fused ? `looks ${s.fused.dominant} · ${formatPercent(s.fused.confidence)}` : 'no reading'}</span>
        </li>
      ))}
    </ul>
  );
}
