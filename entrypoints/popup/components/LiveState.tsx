import type { SessionReading } from '../../../src/core/types';
import { badgeStatusFrom, badgeStatusText, isProblemStatus, primarySubject } from '../../../src/badge/status';
import { streamNote } from '../../../src/badge/stream-note';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { t } from '../../../src/ui/i18n';
import { ProbabilityBars } from '../../../src/ui/ProbabilityBars';
import { confidenceExplanation, confidenceWords, looksPhrase } from '../../../src/ui/wording';

interface LiveStateProps {
  reading: SessionReading | null;
  loaded: boolean;
  error: string | null;
  onTogglePause: () => void;
  /** Opens the welcome page, where blocked camera/microphone access is explained and re-asked. */
  onOpenWelcome: () => void;
  /** The class view shows below: keep to the headline and the stream rows, so the popup stays short. */
  brief?: boolean;
}

/** The current tab's call as the engine sees it now: the user's apparent expression, bars, state, pause. */
export function LiveState({ reading, loaded, error, onTogglePause, onOpenWelcome, brief = false }: LiveStateProps) {
  if (!reading) {
    return (
      <section class="card live" data-testid="live-state" data-status="none" aria-live="polite">
        <h2>{t('popup.live')}</h2>
        <p class="muted small">{!loaded ? t('popup.checking') : error ? t('popup.notReady') : t('popup.noCall')}</p>
      </section>
    );
  }

  const status = badgeStatusFrom(reading);
  const subject = primarySubject(reading);
  const fused = subject?.fused ?? null;
  const face = subject?.readings.face;
  const voice = subject?.readings.voice;
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
            <div class="muted small">{t('common.apparentExpression')}</div>
            <div class="live-dominant" data-testid="live-dominant" data-emotion={fused?.dominant ?? ''}>
              {fused ? looksPhrase(fused.dominant) : t('common.noReading')}
            </div>
            <div class="muted small" title={confidenceExplanation()}>
              {fused ? confidenceWords(fused.confidence) : '—'}
            </div>
          </div>
        </div>
        <button type="button" onClick={onTogglePause} aria-pressed={paused} data-testid="toggle-pause">
          {paused ? t('popup.resume') : t('popup.pause')}
        </button>
      </div>

      <p role="status" aria-live="polite" class={isProblemStatus(status) ? 'small warn-text' : 'small muted'}>
        {badgeStatusText(status)}
      </p>
      {(status === 'camera-blocked' || status === 'mic-blocked') && (
        <button type="button" onClick={onOpenWelcome} data-testid="open-welcome">
          {t('popup.fixAccess')}
        </button>
      )}

      {!brief && <ProbabilityBars probs={fused?.probs ?? null} label={t('common.fused')} />}

      <div class="live-streams small">
        <span class="muted">{t('common.face')}</span>
        {face?.probs ? <ProbabilityBars probs={face.probs} variant="mini" label={t('common.face')} /> : <span class="muted">{streamNote(face?.state ?? 'off')}</span>}
        <span class="muted">{t('common.voice')}</span>
        {voice?.probs ? <ProbabilityBars probs={voice.probs} variant="mini" label={t('common.voice')} initials /> : <span class="muted">{streamNote(voice?.state ?? 'off')}</span>}
      </div>
      {!brief && <p class="small muted disclaimer">{t('common.notFeelings')}</p>}
    </section>
  );
}
