import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { Sample } from '../../../src/core/types';
import { formatClock } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { figureName } from '../../../src/ui/wording';
import { UPlotChart } from './UPlotChart';
import { markerPlugin, NO_MARKERS, type ChartMarker } from './marker-plugin';

const fixed = (v: number | null) => (v === null ? '–' : v.toFixed(2));

/** Valence (−1..1) and arousal (0..1) of one person's combined reading over the meeting. */
export function AffectChart({ samples, startedAt, name, fileName, markers = NO_MARKERS }: { samples: readonly Sample[]; startedAt: number; name: string; fileName: string; markers?: readonly ChartMarker[] }) {
  const data = useMemo((): uPlot.AlignedData => {
    const ordered = [...samples].sort((a, b) => a.t - b.t);
    return [ordered.map((s) => (s.t - startedAt) / 1000), ordered.map((s) => s.fused?.valence ?? null), ordered.map((s) => s.fused?.arousal ?? null)];
  }, [samples, startedAt]);
  const options = useMemo(
    () =>
      (width: number, css: (n: string) => string): uPlot.Options => ({
        width,
        height: 160,
        scales: { x: { time: false }, y: { range: [-1, 1] } },
        axes: [
          { stroke: css('--muted'), grid: { stroke: css('--line') }, values: (_u, s) => s.map(formatClock), font: '11px system-ui, sans-serif' },
          { stroke: css('--muted'), grid: { stroke: css('--line') }, values: (_u, s) => s.map((v) => v.toFixed(1)), size: 48, font: '11px system-ui, sans-serif' },
        ],
        cursor: { drag: { x: false, y: false } },
        plugins: [markerPlugin(markers, css('--fg'))],
        series: [
          { label: t('timeline.time'), value: (_u, v) => (v === null ? '–' : formatClock(v)) },
          { label: figureName('valence'), stroke: css('--accent'), width: 1.75, value: (_u, v) => fixed(v) },
          { label: figureName('arousal'), stroke: css('--warn'), width: 1.75, dash: [5, 3], value: (_u, v) => fixed(v) },
        ],
      }),
    [markers],
  );
  return <UPlotChart options={options} data={data} pngName={`${fileName}-affect`} label={`${name}: ${t('report.affect')}`} testId="report-affect" markerCount={markers.length} />;
}
