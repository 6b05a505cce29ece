import { EMOTIONS } from '../../../src/core/emotions';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatPercent } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { emotionLabel } from '../../../src/ui/wording';

/** The meeting's most frequent apparent expressions, as small chips (emoji, initials, share of time). */
export function DominantChips({ dominantSeconds, max = 3 }: { dominantSeconds: readonly number[]; max?: number }) {
  const total = dominantSeconds.reduce((a, b) => a + (b > 0 ? b : 0), 0);
  if (total <= 0) return <span class="muted small">{t('common.noReading')}</span>;
  const top = EMOTIONS.map((emotion, i) => ({ emotion, seconds: dominantSeconds[i] ?? 0 }))
    .filter((e) => e.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, max);
  return (
    <span class="chips">
      {top.map(({ emotion, seconds }) => {
        const title = t('popup.history.chipTitle', { emotion: emotionLabel(emotion), percent: formatPercent(seconds / total) });
        return (
          <span key={emotion} class="chip" style={{ borderColor: EMOTION_STYLE[emotion].color }} title={title} role="img" aria-label={title}>
            <span aria-hidden="true">{EMOTION_STYLE[emotion].emoji} {formatPercent(seconds / total)}</span>
          </span>
        );
      })}
    </span>
  );
}
