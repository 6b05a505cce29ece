import { EMOTIONS } from '../../../src/core/emotions';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatPercent } from '../../../src/ui/format';

/** The meeting's most frequent dominant expressions, as small coloured chips with their share of time. */
export function DominantChips({ dominantSeconds, max = 3 }: { dominantSeconds: readonly number[]; max?: number }) {
  const total = dominantSeconds.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  if (total <= 0) return <span class="muted small">no reading</span>;
  const top = EMOTIONS.map((emotion, i) => ({ emotion, seconds: dominantSeconds[i] ?? 0 }))
    .filter((e) => e.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, max);
  return (
    <span class="chips">
      {top.map(({ emotion, seconds }) => {
        const style = EMOTION_STYLE[emotion];
        return (
          <span key={emotion} class="chip" style={{ borderColor: style.color }} title={`${style.label}: ${formatPercent(seconds / total)} of the time`}>
            {style.emoji} {formatPercent(seconds / total)}
          </span>
        );
      })}
    </span>
  );
}
