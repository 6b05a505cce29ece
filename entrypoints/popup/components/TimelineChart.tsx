import { useMemo } from 'preact/hooks';
import type { Sample } from '../../../src/core/types';
import { EMOTIONS } from '../../../src/core/emotions';
import { EMOTION_STYLE } from '../../../src/ui/emotion-style';
import { timelinePaths } from '../../../src/ui/timeline';

const WIDTH = 320;
const HEIGHT = 110;
const AXIS = 16;

/**
 * Fused probabilities over the meeting as a stacked area (one colour per expression), with the
 * confidence as a line on top and minutes:seconds along the bottom. Plain SVG, no chart library.
 */
export function TimelineChart({ samples }: { samples: readonly Sample[] }) {
  const geometry = useMemo(() => timelinePaths(samples, WIDTH, HEIGHT), [samples]);

  if (geometry.pointCount === 0) {
    return <p class="small muted">No fused readings were stored for this meeting.</p>;
  }

  return (
    <figure class="timeline" data-testid="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
        width="100%"
        role="img"
        aria-label={`Expressions over ${Math.round(geometry.durationSeconds / 60)} minutes, with the confidence line`}
      >
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} class="timeline-bg" />
        {geometry.areas.map((area) => (
          <path key={area.emotion} d={area.d} fill={area.color} fill-opacity="0.85">
            <title>{EMOTION_STYLE[area.emotion].label}</title>
          </path>
        ))}
        <path d={geometry.confidence} class="timeline-confidence" fill="none" />
        {geometry.ticks.map((tick, i) => (
          <g key={tick.x}>
            <line x1={tick.x} x2={tick.x} y1={HEIGHT} y2={HEIGHT + 3} class="timeline-tick" />
            <text
              x={tick.x}
              y={HEIGHT + 13}
              class="timeline-label"
              text-anchor={i === 0 ? 'start' : tick.x > WIDTH - 20 ? 'end' : 'middle'}
            >
              {tick.label}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="legend small">
        {EMOTIONS.map((e) => (
          <span key={e} class="legend-item">
            <span class="swatch" style={{ background: EMOTION_STYLE[e].color }} />
            {EMOTION_STYLE[e].label}
          </span>
        ))}
        <span class="legend-item">
          <span class="swatch swatch-line" />
          Confidence
        </span>
      </figcaption>
    </figure>
  );
}
