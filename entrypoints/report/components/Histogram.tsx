import { EMOTIONS } from '../../../src/core/emotions';
import type { MeetingSummary } from '../../../src/export/summary';
import { formatPercent } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { ProbabilityBars } from '../../../src/ui/ProbabilityBars';
import { emotionLabel } from '../../../src/ui/wording';

/** The share of time each apparent expression was on top, as bars and as a table for screen readers and print. */
export function Histogram({ summary, name }: { summary: MeetingSummary; name: string }) {
  const shares = EMOTIONS.map((e) => summary.timeShare[e]);
  return (
    <div class="stack" data-testid="report-histogram" data-total={shares.reduce((a, b) => a + b, 0).toFixed(3)}>
      <ProbabilityBars probs={shares} label={`${name}: ${t('report.histogram')}`} />
      <details class="small">
        <summary>{t('report.table')}</summary>
        <table class="data-table">
          <caption class="sr-only">{`${name}: ${t('report.histogram')}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.tableExpression')}</th>
              <th scope="col">{t('report.tableShare')}</th>
            </tr>
          </thead>
          <tbody>
            {EMOTIONS.map((e, i) => (
              <tr key={e}>
                <th scope="row">{emotionLabel(e)}</th>
                <td>{formatPercent(shares[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
