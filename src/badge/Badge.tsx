import { useRef } from 'preact/hooks';
import type { SessionReading } from '../core/types';
import { argmax, EMOTIONS } from '../core/emotions';
import type { Settings } from '../settings/schema';
import { EMOTION_STYLE } from '../ui/emotion-style';
import { formatPercent } from '../ui/format';
import { BadgeRow } from './BadgeRow';
import { RemoteIndicator } from './RemoteIndicator';
import { STREAM_NOTE } from './stream-note';
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
}

/**
 * The live overlay on the call page, mounted by the content script in a shadow root with
 * `badgeCss`. It only displays what it is given; all state lives with the caller.
 */
export function Badge({ reading, status, position, offset, onMove, onTogglePause, othersAnalysed }: BadgeProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const drag = useDraggable(rootRef, offset, onMove, position);

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

  const classes = [
    'eo-badge',
    `eo-badge--${position}`,
    paused && 'eo-badge--paused',
    drag.dragging && 'eo-badge--dragging',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      ref={rootRef}
      class={classes}
      data-testid="badge"
      data-subject={subject?.subject.id ?? ''}
      data-others={othersAnalysed ?? ''}
      aria-label="Emotion Overlay"
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
          {/* Text is the class id (e.g. "happy"), capitalised by CSS, so tests can read it verbatim. */}
          <span class="eo-dominant-name" data-testid="badge-dominant" data-emotion={dominant ?? ''} title={style?.label}>
            {dominant ?? ''}
          </span>
          {/* Empty test-id text without a fused reading, so a test never parses a placeholder. */}
          <span class="eo-confidence">
            <span data-testid="badge-confidence">{fused ? formatPercent(fused.confidence) : ''}</span>
            {fused ? ' confidence' : 'no reading yet'}
          </span>
        </div>
        <button
          type="button"
          class="eo-pause"
          onClick={onTogglePause}
          aria-pressed={paused}
          aria-label={paused ? 'Resume analysis' : 'Pause analysis'}
          title={paused ? 'Resume analysis' : 'Pause analysis'}
          data-testid="badge-pause"
        >
          {paused ? '▶' : '❚❚'}
        </button>
      </div>

      <div class="eo-rows">
        <BadgeRow
          label="Face"
          probs={face?.probs ?? null}
          note={face ? STREAM_NOTE[face.state] : reading ? 'off' : '…'}
          testId="badge-face"
        />
        <BadgeRow
          label="Voice"
          probs={voice?.probs ?? null}
          note={voice ? STREAM_NOTE[voice.state] : reading ? 'off' : '…'}
          testId="badge-voice"
        />
        <BadgeRow label="Fused" probs={fused?.probs ?? null} note={paused ? 'paused' : '–'} testId="badge-fused" />
      </div>
      {words && (
        <div class="eo-words" data-testid="badge-text" data-emotion={words} title="The apparent expression in the words of your last caption line">
          Words: sound {words}
        </div>
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

      {othersAnalysed !== null && <RemoteIndicator count={othersAnalysed} />}
    </div>
  );
}
