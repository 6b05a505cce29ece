import { useEffect, useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import type { Meeting } from '../../src/core/types';
import { EMOTIONS } from '../../src/core/emotions';
import { listMeetings } from '../../src/storage/meetings';
import { EMOTION_STYLE } from '../../src/ui/emotion-style';
import { formatDateTime, formatPercent } from '../../src/ui/format';
import { t } from '../../src/ui/i18n';
import { DEFAULT_TREND_COUNT, meetingTrends, trendColumns, TREND_COUNTS, type MeetingTrendRow } from '../../src/ui/meeting-trends';
import { emotionLabel } from '../../src/ui/wording';
import { siteLabel } from '../popup/site-label';
import { extensionPageUrl } from '../../src/ui/extension-url';
import { shareAxis } from './components/SubjectTimeline';
import { UPlotChart } from './components/UPlotChart';

const rowName = (r: MeetingTrendRow) => r.title || siteLabel(r.site);

/** Trends across the last meetings: the share of each apparent expression per meeting, as a chart and a table. */
export function TrendsApp() {
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState<number>(DEFAULT_TREND_COUNT);

  useEffect(() => {
    document.title = t('trends.title');
    listMeetings().then(setMeetings, (e) => setError(String(e?.message ?? e)));
  }, []);

  const rows = useMemo(() => (meetings ? meetingTrends(meetings, count) : []), [meetings, count]);
  const data = useMemo(() => trendColumns(rows) as uPlot.AlignedData, [rows]);
  const options = useMemo(
    () =>
      (width: number, css: (n: string) => string): uPlot.Options => ({
        width,
        height: 260,
        scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: [0, 1] } },
        axes: [
          {
            stroke: css('--muted'),
            grid: { show: false },
            ticks: { stroke: css('--line') },
            incrs: [1],
            values: (_u, splits) => splits.map((s) => (Number.isInteger(s) && rows[s - 1] ? String(s) : '')),
            label: t('trends.axis'),
            labelSize: 18,
            font: '11px system-ui, sans-serif',
            labelFont: '11px system-ui, sans-serif',
          },
          shareAxis(css, t('timeline.share')),
        ],
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        series: [
          { label: t('trends.meeting'), value: (_u, v) => (v === null || !rows[v - 1] ? '–' : `${v}. ${rowName(rows[v - 1])}`) },
          ...EMOTIONS.map((e) => ({
            label: emotionLabel(e),
            stroke: EMOTION_STYLE[e].color,
            width: 2,
            points: { show: true, size: 7 },
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : formatPercent(v)),
          })),
        ],
      }),
    [rows],
  );

  return (
    <main class="report stack" data-testid="trends">
      <header class="stack report-head">
        <h1>{t('trends.title')}</h1>
        <p class="muted">{t('trends.explain')}</p>
        <p class="notice-line">{t('common.notFeelings')}</p>
        <label class="row small no-print">
          {t('trends.count')}
          <select value={String(count)} onChange={(e) => setCount(Number((e.currentTarget as HTMLSelectElement).value))} data-testid="trends-count">
            {TREND_COUNTS.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </header>
      {error && <p class="danger-text" role="alert">{error}</p>}
      {!meetings && !error && <p class="muted">{t('report.loading')}</p>}
      {meetings && rows.length === 0 && <p class="muted" data-testid="trends-empty">{t('trends.none')}</p>}
      {rows.length > 0 && (
        <section class="card stack" data-testid="trends-chart" data-meetings={rows.length}>
          <UPlotChart options={options} data={data} pngName="emotion-overlay-trends" label={t('trends.chartLabel', { count: String(rows.length) })} testId="trends-plot" />
          <table class="data-table small" data-testid="trends-table">
            <caption class="sr-only">{t('trends.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('trends.meeting')}</th>
                {EMOTIONS.map((e) => (
                  <th scope="col" key={e}>
                    {emotionLabel(e)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id} data-meeting-id={r.id}>
                  <td>{i + 1}</td>
                  <th scope="row">
                    <a href={extensionPageUrl(`/report.html?meeting=${encodeURIComponent(r.id)}`)}>{rowName(r)}</a>
                    <span class="muted"> · {formatDateTime(r.startedAt)}</span>
                  </th>
                  {r.shares.map((s, e) => (
                    <td key={EMOTIONS[e]}>{formatPercent(s)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <footer class="small muted">{t('common.onDevice')}</footer>
    </main>
  );
}
