import { clamp01 } from '../core/numbers';
import { EMOTIONS, argmax, type Probabilities } from '../core/emotions';
import { EMOTION_STYLE } from './emotion-style';
import { formatPercent } from './format';

interface ProbabilityBarsProps {
  probs: Probabilities | null;
  /**
   * `mini`: seven thin columns in one line (the badge, ~120 px).
   * `full`: one labelled horizontal bar per class with its percentage (popup).
   */
  variant?: 'mini' | 'full';
  /** Accessible name of the group, e.g. "Face". */
  label: string;
}

/**
 * Seven probabilities as bars in the shared emotion colours. Styled inline so it renders the
 * same inside the badge's shadow root and on extension pages, with no stylesheet to inject.
 */
export function ProbabilityBars({ probs, variant = 'full', label }: ProbabilityBarsProps) {
  const top = probs ? argmax(probs) : -1;
  const summary = probs
    ? `${label}: ${EMOTIONS.map((e, i) => `${EMOTION_STYLE[e].label} ${formatPercent(probs[i])}`).join(', ')}`
    : `${label}: no reading`;

  if (variant === 'mini') {
    return (
      <div role="img" aria-label={summary} title={summary} style={miniRow}>
        {EMOTIONS.map((emotion, i) => (
          <span key={emotion} style={miniTrack}>
            <span
              style={{
                ...miniFill,
                height: `${probs ? Math.max(4, Math.round(clamp01(probs[i]) * 100)) : 0}%`,
                background: EMOTION_STYLE[emotion].color,
                opacity: i === top ? 1 : 0.7,
              }}
            />
          </span>
        ))}
      </div>
    );
  }

  return (
    <div role="group" aria-label={label} style={fullList}>
      {EMOTIONS.map((emotion, i) => {
        const p = probs ? clamp01(probs[i]) : 0;
        const style = EMOTION_STYLE[emotion];
        return (
          <div key={emotion} style={fullRow} title={`${style.label} ${formatPercent(p)}`}>
            <span style={{ ...fullLabel, fontWeight: i === top ? 600 : 400 }}>
              {style.emoji} {style.label}
            </span>
            <span style={fullTrack}>
              <span style={{ ...fullFill, width: `${Math.round(p * 100)}%`, background: style.color }} />
            </span>
            <span style={fullValue}>{probs ? formatPercent(p) : '–'}</span>
          </div>
        );
      })}
    </div>
  );
}


const miniRow = { display: 'flex', alignItems: 'flex-end', gap: '2px', height: '14px', flex: '1 1 auto' };
const miniTrack = {
  position: 'relative' as const,
  flex: '1 1 0',
  height: '100%',
  background: 'rgba(127,127,127,0.18)',
  borderRadius: '2px',
  overflow: 'hidden',
};
const miniFill = { position: 'absolute' as const, left: 0, right: 0, bottom: 0, borderRadius: '2px' };

const fullList = { display: 'grid', gap: '3px' };
const fullRow = { display: 'grid', gridTemplateColumns: '92px 1fr 38px', alignItems: 'center', gap: '6px', fontSize: '12px' };
const fullLabel = { whiteSpace: 'nowrap' as const, overflow: 'hidden', textOverflow: 'ellipsis' };
const fullTrack = { height: '8px', background: 'rgba(127,127,127,0.18)', borderRadius: '4px', overflow: 'hidden' };
const fullFill = { display: 'block', height: '100%', borderRadius: '4px' };
const fullValue = { textAlign: 'right' as const, fontVariantNumeric: 'tabular-nums' };
