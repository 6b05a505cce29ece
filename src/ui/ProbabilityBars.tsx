import { clamp01 } from '../core/numbers';
import { EMOTIONS, argmax, type Probabilities } from '../core/emotions';
import { EMOTION_STYLE } from './emotion-style';
import { formatPercent } from './format';
import { t } from './i18n';
import { emotionInitial, emotionLabel } from './wording';

interface ProbabilityBarsProps {
  probs: Probabilities | null;
  /**
   * `mini`: seven thin columns in one line (the badge, ~120 px), each named by its initials and its
   * value in a tooltip; the top one outlined, so colour is never the only cue.
   * `full`: one labelled horizontal bar per class with its percentage (popup, report).
   */
  variant?: 'mini' | 'full';
  /** Accessible name of the group, e.g. "Face". */
  label: string;
  /** mini only: the class initials under the columns. */
  initials?: boolean;
}

/** "Face: Angry 2%, Disgust 1%, …" — the values in words, for screen readers and tooltips. */
export function probabilitySummary(label: string, probs: Probabilities | null): string {
  if (!probs) return t('common.noReadingOf', { stream: label });
  const values = EMOTIONS.map((e, i) => `${emotionLabel(e)} ${formatPercent(probs[i])}`).join(', ');
  return t('common.valuesOf', { stream: label, values });
}

/**
 * Seven probabilities as bars in the shared emotion colours. Styled inline so it renders the
 * same inside the badge's shadow root and on extension pages, with no stylesheet to inject.
 */
export function ProbabilityBars({ probs, variant = 'full', label, initials = false }: ProbabilityBarsProps) {
  const top = probs ? argmax(probs) : -1;
  const summary = probabilitySummary(label, probs);

  if (variant === 'mini') {
    return (
      <div role="img" aria-label={summary} title={summary} style={miniBlock} data-bars="mini">
        <div style={miniRow}>
          {EMOTIONS.map((emotion, i) => (
            <span key={emotion} style={{ ...miniTrack, ...(i === top ? miniTopTrack : null) }} title={`${emotionLabel(emotion)} ${probs ? formatPercent(probs[i]) : '–'}`}>
              <span
                style={{
                  ...miniFill,
                  height: `${probs ? Math.max(4, Math.round(clamp01(probs[i]) * 100)) : 0}%`,
                  background: EMOTION_STYLE[emotion].color,
                }}
              />
            </span>
          ))}
        </div>
        {initials && (
          <div style={miniInitials} aria-hidden="true">
            {EMOTIONS.map((emotion, i) => (
              <span key={emotion} style={{ ...miniInitial, fontWeight: i === top ? 700 : 400 }}>
                {emotionInitial(emotion)}
              </span>
            ))}
          </div>
        )}
      </div>
    );
  }

  return (
    <div role="group" aria-label={label} style={fullList}>
      {EMOTIONS.map((emotion, i) => {
        const p = probs ? clamp01(probs[i]) : 0;
        const style = EMOTION_STYLE[emotion];
        const name = emotionLabel(emotion);
        return (
          <div key={emotion} style={fullRow} title={`${name} ${formatPercent(p)}`}>
            <span style={{ ...fullLabel, fontWeight: i === top ? 600 : 400 }}>
              <span aria-hidden="true">{style.emoji}</span> {name}
            </span>
            <span style={fullTrack} aria-hidden="true">
              <span style={{ ...fullFill, width: `${Math.round(p * 100)}%`, background: style.color }} />
            </span>
            <span style={fullValue}>{probs ? formatPercent(p) : '–'}</span>
          </div>
        );
      })}
    </div>
  );
}

const miniBlock = { display: 'grid', gap: '1px', flex: '1 1 auto', minWidth: 0 };
const miniRow = { display: 'flex', alignItems: 'flex-end', gap: '2px', height: '16px' };
const miniTrack = {
  position: 'relative' as const,
  flex: '1 1 0',
  height: '100%',
  background: 'rgba(127,127,127,0.22)',
  borderRadius: '2px',
  overflow: 'hidden',
};
/** The top class: a light outline, a shape cue beside the colour. */
const miniTopTrack = { boxShadow: 'inset 0 0 0 1px currentColor' };
const miniFill = { position: 'absolute' as const, left: 0, right: 0, bottom: 0, borderRadius: '2px' };
const miniInitials = { display: 'flex', gap: '2px', fontSize: '10px', lineHeight: '12px', letterSpacing: '-0.02em' };
const miniInitial = { flex: '1 1 0', textAlign: 'center' as const, overflow: 'hidden' };

const fullList = { display: 'grid', gap: '3px' };
const fullRow = { display: 'grid', gridTemplateColumns: '96px 1fr 38px', alignItems: 'center', gap: '6px', fontSize: '12px' };
const fullLabel = { whiteSpace: 'nowrap' as const, overflow: 'hidden', textOverflow: 'ellipsis' };
const fullTrack = { height: '8px', background: 'rgba(127,127,127,0.18)', borderRadius: '4px', overflow: 'hidden' };
const fullFill = { display: 'block', height: '100%', borderRadius: '4px' };
const fullValue = { textAlign: 'right' as const, fontVariantNumeric: 'tabular-nums' };
