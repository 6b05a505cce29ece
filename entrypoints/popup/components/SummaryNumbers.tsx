import { EMOTIONS } from '../../../src/core/emotions';
import type { MeetingSummary } from '../../../src/export/summary';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatDuration, formatPercent } from '../../../src/ui/format';
import { ProbabilityBars } from '../../../src/ui/ProbabilityBars';

const signed = (v: number | null) => (v === null ? '–' : `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`);

/** The meeting's summary: time per expression and the headline numbers. */
export function SummaryNumbers({ summary }: { summary: MeetingSummary }) {
  const dominant = summary.dominant ? EMOTION_STYLE[summary.dominant] : null;
  const { agreement, coverage } = summary;
  return (
    <div class="stack" data-testid="meeting-summary">
      <dl class="facts small">
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(summary.durationSeconds)}</dd>
        </div>
        <div>
          <dt>Mostly</dt>
          <dd>{dominant ? `${dominant.emoji} ${dominant.label}` : '–'}</dd>
        </div>
        <div>
          <dt>Valence</dt>
          <dd title="−1 negative … +1 positive">{signed(summary.meanValence)}</dd>
        </div>
        <div>
          <dt>Arousal</dt>
          <dd title="0 calm … 1 excited">{summary.meanArousal === null ? '–' : summary.meanArousal.toFixed(2)}</dd>
        </div>
        <div>
          <dt>Face ↔ voice</dt>
          <dd title={`Same top expression in ${agreement.comparedSamples} compared samples`}>
            {agreement.topClassAgreement === null ? '–' : `${formatPercent(agreement.topClassAgreement)} agree`}
          </dd>
        </div>
        <div>
          <dt>Readings</dt>
          <dd title="Share of samples with a face, voice and fused reading">
            {summary.sampleCount} · face {formatPercent(coverage.face)} · voice {formatPercent(coverage.voice)}
          </dd>
        </div>
      </dl>
      <div>
        <h3 class="small muted">Share of time per expression</h3>
        <ProbabilityBars probs={EMOTIONS.map((e) => summary.timeShare[e])} label="Share of time" />
      </div>
    </div>
  );
}
