import { useMemo } from 'preact/hooks';
import type { Sample } from '../../../src/core/types';
import { EMOTIONS } from '../../../src/core/emotions';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { formatDuration } from '../../../src/ui/format';
import { t } from '../../../src/ui/i18n';
import { timelinePaths } from '../../../src/ui/timeline';
import { emotionLabel } from '../../../src/ui/wording';

const WIDTH = 300;
const HEIGHT = 110;
const AXIS = 16;
const Y_AXIS = 28;

/**
 * One subject's combined probabilities over the meeting as a stacked area (one colour per
 * expression), the confidence as a line on top, shares on the left and minutes:seconds below.
 * Plain SVG for the popup; the report page draws the full charts with uPlot.
 */
export function TimelineChart({ samples, name }: { samples: readonly Sample[]; name: string }) {
  const geometry = useMemo(() => timelinePaths(samples, WIDTH, HEIGHT), [samples]);

  if (geometry.pointCount === 0) {
    return <p class="small muted">{t('timeline.noFused')}</p>;
  }

  return (
    <figure class="timeline" data-testid="timeline">
      <svg
        viewBox={`${-Y_AXIS} 0 ${WIDTH + Y_AXIS} ${HEIGHT + AXIS}`}
        width="100%"
        role="img"
        aria-label={t('timeline.label', { name, duration: formatDuration(geometry.durationSeconds) })}
      >
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} class="timeline-bg" />
        {geometry.areas.map((area) => (
          <path key={area.emotion} d={area.d} fill={area.color} fill-opacity="0.85">
            <title>{emotionLabel(area.emotion)}</title>
          </path>
        ))}
        <path d={geometry.confidence} class="timeline-confidence" fill="none" />
        {[0, 0.5, 1].map((share) => (
          <text key={share} x={-4} y={HEIGHT - share * HEIGHT + (share === 1 ? 8 : share === 0 ? 0 : 4)} class="timeline-label" text-anchor="end">
            {Math.round(share * 100)}%
          </text>
        ))}
        {geometry.ticks.map((tick, i) => (
          <g key={tick.x}>
            <line x1={tick.x} x2={tick.x} y1={HEIGHT} y2={HEIGHT + 3} class="timeline-tick" />
            <text x={tick.x} y={HEIGHT + 13} class="timeline-label" text-anchor={i === 0 ? 'start' : tick.x > WIDTH - 20 ? 'end' : 'middle'}>
              {tick.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="legend small">
        {EMOTIONS.map((e) => (
          <span key={e} class="legend-item">
            <span class="swatch" style={{ background: EMOTION_STYLE[e].color }} />
            {emotionLabel(e)}
          </span>
        ))}
        <span class="legend-item">
          <span class="swatch swatch-line" />
          {t('timeline.confidence')}
        </span>
      </figcaption>
    </figure>
  );
}
