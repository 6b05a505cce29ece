import { useRef, useState } from 'preact/hooks';
import type { SessionReading } from '../core/types';
import { argmax, EMOTIONS, type Probabilities } from '../core/emotions';
import type { Settings } from '../settings/schema';
import { EMOTION_STYLE } from '../ui/emotion-style';
import { formatPercent } from '../ui/format';
import { t } from '../ui/i18n';
import { confidenceExplanation, confidenceLevel, confidenceLevelWord, emotionLabel, looksPhrase } from '../ui/wording';
import { BadgeMarker } from './BadgeMarker';
import { BadgeRow } from './BadgeRow';
import { RemoteIndicator } from './RemoteIndicator';
import { BadgeRecord } from './BadgeRecord';
import { streamNote } from './stream-note';
import { badgeStatusText, isProblemStatus, primarySubject, type BadgeStatus } from './status';
import { useDraggable } from './useDraggable';
import type { Offset } from './drag';

export type { BadgeStatus } from './status';

export interface BadgeProps {
  reading: SessionReading | null;
  status: BadgeStatus;
  /** The corner the badge rests in; `offset` is measured from there. */
  position: Settings['badgePosition'];
  /** Pixels the user dragged it from its corner: +x right, +y down. */
  offset: Offset;
  /** Called once at the end of each drag with the new, viewport-clamped offset. */
  onMove: (offset: Offset) => void;
  onTogglePause: () => void;
  /** How many other people are being analysed (0: only the user); the indicator shows while > 0 or opted in. */
  othersAnalysed: number | null;
  /** Headline and state line only, no bars. */
  compact?: boolean;
  /** Switches compact mode; without it the badge has no compact button. */
  onToggleCompact?: () => void;
}

type Row = 'face' | 'voice' | 'fused';

/** "Happy 45% · Neutral 30% · Sad 12%": a row's three largest values, in words. */
function topValues(probs: Probabilities): string {
  return EMOTIONS.map((e, i) => ({ e, p: probs[i] }))
    .sort((a, b) => b.p - a.p)
    .slice(0, 3)
    .map(({ e, p }) => `${emotionLabel(e)} ${formatPercent(p)}`)
    .join(' · ');
}

/**
 * The live overlay on the call page, mounted by the content script in a shadow root with
 * `badgeCss`. It only displays what it is given; all state lives with the caller.
 */
export function Badge({ reading, status, position, offset, onMove, onTogglePause, othersAnalysed, compact = false, onToggleCompact }: BadgeProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const drag = useDraggable(rootRef, offset, onMove, position);
  const [inspected, setInspected] = useState<Row | null>(null);

  const subject = primarySubject(reading);
  const fused = subject?.fused ?? null;
  const face = subject?.readings.face;
  const voice = subject?.readings.voice;
  const text = subject?.readings.text;
  const words = text?.probs ? EMOTIONS[argmax(text.probs)] : null;
  const dominant = fused?.dominant ?? null;
  const style = dominant ? EMOTION_STYLE[dominant] : null;
  const paused = status === 'paused';
  const problem = isProblemStatus(status);
  const level = fused ? confidenceLevel(fused.confidence) : null;

  const rowProbs: Record<Row, Probabilities | null> = { face: face?.probs ?? null, voice: voice?.probs ?? null, fused: fused?.probs ?? null };
  const rowLabel: Record<Row, string> = { face: t('common.face'), voice: t('common.voice'), fused: t('common.fused') };
  const inspect = (row: Row) => (on: boolean) => setInspected((current) => (on ? row : current === row ? null : current));
  const readout = inspected && rowProbs[inspected] ? `${rowLabel[inspected]}: ${topValues(rowProbs[inspected]!)}` : null;

  const classes = [
    'eo-badge',
    `eo-badge--${position}`,
    paused && 'eo-badge--paused',
    compact && 'eo-badge--compact',
    drag.dragging && 'eo-badge--dragging',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      ref={rootRef}
      class={classes}
      role="region"
      data-testid="badge"
      data-subject={subject?.subject.id ?? ''}
      data-others={othersAnalysed ?? ''}
      data-compact={String(compact)}
      aria-label={t('badge.region')}
      title={t('common.notFeelings')}
      style={{
        transform: `translate(${drag.offset.x}px, ${drag.offset.y}px)`,
        ...(style ? { '--eo-accent': style.color } : {}),
      }}
      {...drag.handlers}
    >
      <div class="eo-head">
        <span class="eo-emoji" aria-hidden="true">
          {style?.emoji ?? '·'}
        </span>
        <div class="eo-dominant">
          <span class="eo-caption">{t('common.apparentExpression')}</span>
          {/* data-emotion carries the class id (e.g. "happy") for tests; the text is the phrase. */}
          <span class="eo-dominant-name" data-testid="badge-dominant" data-emotion={dominant ?? ''}>
            {dominant ? looksPhrase(dominant) : ''}
          </span>
        </div>
        {onToggleCompact && (
          <button
            type="button"
            class="eo-icon-button"
            onClick={onToggleCompact}
            aria-pressed={compact}
            aria-label={compact ? t('badge.expand') : t('badge.compact')}
            title={compact ? t('badge.expand') : t('badge.compact')}
            data-testid="badge-compact"
          >
            {compact ? '▾' : '▴'}
          </button>
        )}
        <button
          type="button"
          class="eo-icon-button"
          onClick={onTogglePause}
          aria-pressed={paused}
          aria-label={paused ? t('badge.resume') : t('badge.pause')}
          title={paused ? t('badge.resume') : t('badge.pause')}
          data-testid="badge-pause"
        >
          {paused ? '▶' : '❚❚'}
        </button>
      </div>

      {/* The test-id span holds only the percent, and is empty without a fused reading. */}
      <div class="eo-confidence" title={confidenceExplanation()} data-level={level ?? ''}>
        {level ? `${t('confidence.short', { level: confidenceLevelWord(level) })} · ` : t('common.noReadingYet')}
        <span data-testid="badge-confidence">{fused ? formatPercent(fused.confidence) : ''}</span>
      </div>

      {!compact && (
        <>
          <div class="eo-rows" title={t('badge.rowsHint')}>
            <BadgeRow label={rowLabel.face} probs={rowProbs.face} note={face ? streamNote(face.state) : reading ? streamNote('off') : '…'} testId="badge-face" onInspect={inspect('face')} />
            <BadgeRow label={rowLabel.voice} probs={rowProbs.voice} note={voice ? streamNote(voice.state) : reading ? streamNote('off') : '…'} testId="badge-voice" onInspect={inspect('voice')} />
            <BadgeRow label={rowLabel.fused} probs={rowProbs.fused} note={paused ? streamNote('paused') : '–'} testId="badge-fused" initials onInspect={inspect('fused')} />
          </div>
          <div class="eo-readout" aria-live="polite" data-testid="badge-readout">
            {readout ?? ''}
          </div>
          {words && (
            <div class="eo-words" data-testid="badge-text" data-emotion={words} title={t('badge.wordsTitle')}>
              {t('badge.words', { phrase: looksPhrase(words) })}
            </div>
          )}
        </>
      )}

      <div
        class={problem ? 'eo-state eo-state--problem' : 'eo-state'}
        role="status"
        aria-live="polite"
        data-testid="badge-status"
        data-status={status}
      >
        {badgeStatusText(status)}
      </div>
      <BadgeRecord />
      {!compact && <div class="eo-disclaimer">{t('common.notFeelingsShort')}</div>}
      {!compact && reading && <BadgeMarker />}

      {othersAnalysed !== null && <RemoteIndicator count={othersAnalysed} />}
    </div>
  );
}
