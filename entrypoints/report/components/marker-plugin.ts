import type uPlot from 'uplot';

export interface ChartMarker {
  /** Seconds from the start of the meeting (the charts' x axis). */
  x: number;
  /** Shown at the line's top: the marker's number in the list below the chart. */
  label: string;
}

/**
 * The user's markers on a uPlot timeline: a dashed vertical line per marker with its number at
 * the top (the notes are in the marker list under the charts, which screen readers read).
 */
export function markerPlugin(markers: readonly ChartMarker[], color: string): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        if (markers.length === 0) return;
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const ratio = devicePixelRatio || 1;
        ctx.save();
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        ctx.lineWidth = 1.5 * ratio;
        ctx.setLineDash([5 * ratio, 4 * ratio]);
        ctx.font = `${Math.round(11 * ratio)}px system-ui, sans-serif`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        for (const m of markers) {
          const x = Math.round(u.valToPos(m.x, 'x', true));
          if (x < left - 1 || x > left + width + 1) continue;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          ctx.fillText(`⚑${m.label}`, x + 3 * ratio, top + 2 * ratio);
        }
        ctx.restore();
      },
    },
  };
}

export const NO_MARKERS: readonly ChartMarker[] = Object.freeze([]);

/** The markers as the charts number them: 1, 2, … in time order. */
export function chartMarkers(offsets: readonly number[]): ChartMarker[] {
  return [...offsets].sort((a, b) => a - b).map((x, i) => ({ x, label: String(i + 1) }));
}
