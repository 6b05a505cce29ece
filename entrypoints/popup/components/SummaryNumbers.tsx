import { EMOTIONS } from '../../../src/core/emotions';
import type { MeetingSummary } from '../../../src/export/summary';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatDuration, formatPercent } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { ProbabilityBars } from '../../../src/ui/ProbabilityBars';
import { agreementExplanation, emotionLabel, figureExplanation, figureName, type Figure } from '../../../src/ui/wording';

const signed = (v: number | null) => (v === null ? '–' : `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`);

/** The meeting's summary: the headline numbers, each explained, and the time per expression. */
export function SummaryNumbers({ summary, showShares = true }: { summary: MeetingSummary; showShares?: boolean }) {
  const { agreement, coverage } = summary;
  const rows: { figure: Figure | 'agreement'; value: string; explain: string }[] = [
    { figure: 'duration', value: formatDuration(summary.durationSeconds), explain: figureExplanation('duration') },
    {
      figure: 'mostly',
      value: summary.dominant ? `${EMOTION_STYLE[summary.dominant].emoji} ${emotionLabel(summary.dominant)}` : '–',
      explain: figureExplanation('mostly'),
    },
    { figure: 'valence', value: signed(summary.meanValence), explain: figureExplanation('valence') },
    { figure: 'arousal', value: summary.meanArousal === null ? '–' : summary.meanArousal.toFixed(2), explain: figureExplanation('arousal') },
    {
      figure: 'agreement',
      value: agreement.topClassAgreement === null ? '–' : t('figure.agreement.value', { percent: formatPercent(agreement.topClassAgreement) }),
      explain: agreementExplanation(agreement.comparedSamples),
    },
    {
      figure: 'readings',
      value: t('figure.readings.value', { count: String(summary.sampleCount), face: formatPercent(coverage.face), voice: formatPercent(coverage.voice) }),
      explain: figureExplanation('readings'),
    },
  ];
  return (
    <div class="stack" data-testid="meeting-summary">
      <dl class="facts small">
        {rows.map((r) => (
          <div key={r.figure} title={r.explain}>
            <dt>{figureName(r.figure)}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
      <details class="small what-is-this">
        <summary>{t('common.whatIsThis')}</summary>
        <dl class="explanations">
          {rows.map((r) => (
            <div key={r.figure}>
              <dt>{figureName(r.figure)}</dt>
              <dd class="muted">{r.explain}</dd>
            </div>
          ))}
          <div>
            <dt>{figureName('timeShare')}</dt>
            <dd class="muted">{figureExplanation('timeShare')}</dd>
          </div>
        </dl>
        <p class="muted">{t('common.notFeelings')}</p>
      </details>
      {showShares && (
        <div>
          <h3 class="small muted" title={figureExplanation('timeShare')}>
            {figureName('timeShare')}
          </h3>
          <ProbabilityBars probs={EMOTIONS.map((e) => summary.timeShare[e])} label={figureName('timeShare')} />
        </div>
      )}
    </div>
  );
}
