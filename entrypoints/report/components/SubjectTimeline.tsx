import { useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { EMOTIONS } from '../../../src/core/emotions';
import type { Modality, Sample } from '../../../src/core/types';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatClock, formatPercent } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { emotionLabel } from '../../../src/ui/wording';
import { UPlotChart } from './UPlotChart';
import { markerPlugin, NO_MARKERS, type ChartMarker } from './marker-plugin';

type Stream = 'fused' | Extract<Modality, 'face' | 'voice'>;
const STREAMS: readonly Stream[] = ['fused', 'face', 'voice'];
const STREAM_KEY = { fused: 'common.fused', face: 'common.face', voice: 'common.voice' } as const;

/** Seconds since the meeting started, and each class's probability (null where the stream had none). */
export function timelineData(samples: readonly Sample[], startedAt: number, stream: Stream): uPlot.AlignedData {
  const ordered = [...samples].sort((a, b) => a.t - b.t);
  const probsOf = (s: Sample) => (stream === 'fused' ? s.fused?.probs : s.readings[stream]?.probs) ?? null;
  const xs = ordered.map((s) => (s.t - startedAt) / 1000);
  const series = EMOTIONS.map((_, i) => ordered.map((s) => probsOf(s)?.[i] ?? null));
  const confidence = ordered.map((s) => (stream === 'fused' ? (s.fused?.confidence ?? null) : null));
  return [xs, ...series, ...(stream === 'fused' ? [confidence] : [])];
}

const clockAxis = (css: (n: string) => string): uPlot.Axis => ({
  stroke: css('--muted'),
  grid: { stroke: css('--line') },
  ticks: { stroke: css('--line') },
  values: (_u, splits) => splits.map((s) => formatClock(s)),
  label: t('timeline.time'),
  labelSize: 18,
  font: '11px system-ui, sans-serif',
  labelFont: '11px system-ui, sans-serif',
});

export const shareAxis = (css: (n: string) => string, label: string): uPlot.Axis => ({
  stroke: css('--muted'),
  grid: { stroke: css('--line') },
  ticks: { stroke: css('--line') },
  values: (_u, splits) => splits.map((s) => formatPercent(s)),
  label,
  labelSize: 18,
  size: 48,
  font: '11px system-ui, sans-serif',
  labelFont: '11px system-ui, sans-serif',
});

/** One person's apparent expressions over the meeting, per stream, with axes and a hover readout. */
export function SubjectTimeline({ samples, startedAt, name, fileName, markers = NO_MARKERS }: { samples: readonly Sample[]; startedAt: number; name: string; fileName: string; markers?: readonly ChartMarker[] }) {
  const [stream, setStream] = useState<Stream>('fused');
  const data = useMemo(() => timelineData(samples, startedAt, stream), [samples, startedAt, stream]);
  const options = useMemo(
    () =>
      (width: number, css: (n: string) => string): uPlot.Options => ({
        width,
        height: 220,
        scales: { x: { time: false }, y: { range: [0, 1] } },
        axes: [clockAxis(css), shareAxis(css, t('report.probability'))],
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        plugins: [markerPlugin(markers, css('--fg'))],
        series: [
          { label: t('timeline.time'), value: (_u, v) => (v === null ? '–' : formatClock(v)) },
          ...EMOTIONS.map((e) => ({
            label: emotionLabel(e),
            stroke: EMOTION_STYLE[e].color,
            width: 1.75,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : formatPercent(v)),
          })),
          ...(stream === 'fused'
            ? [{ label: t('timeline.confidence'), stroke: css('--fg'), width: 1, dash: [4, 3], value: (_u: uPlot, v: number | null) => (v === null ? '–' : formatPercent(v)) }]
            : []),
        ],
      }),
    [stream, markers],
  );
  const points = data[0].length;
  return (
    <div class="stack">
      <div class="row no-print" role="group" aria-label={t('report.timelines')}>
        {STREAMS.map((s) => (
          <label key={s} class="row small">
            <input type="radio" name={`stream-${fileName}`} checked={stream === s} onChange={() => setStream(s)} data-testid={`stream-${s}`} />
            {t(STREAM_KEY[s])}
          </label>
        ))}
      </div>
      <UPlotChart
        options={options}
        data={data}
        pngName={`${fileName}-${stream}`}
        label={`${name}: ${t('report.timelineExplain')} (${points})`}
        testId="report-timeline"
        markerCount={markers.length}
      />
    </div>
  );
}
