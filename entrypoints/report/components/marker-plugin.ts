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
        ctx.textBaseline = 'top';
        markers.forEach((m, i) => {
          const x = Math.round(u.valToPos(m.x, 'x', true));
          if (x < left - 1 || x > left + width + 1) return;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
          // the label reads right of its line, or left of it where it would leave the plot
          const text = `⚑${m.label}`;
          const fits = x + 3 * ratio + ctx.measureText(text).width <= left + width;
          ctx.textAlign = fits ? 'left' : 'right';
          // neighbours' labels alternate between two lines, so close markers stay readable
          ctx.fillText(text, fits ? x + 3 * ratio : x - 3 * ratio, top + (2 + (i % 2) * 13) * ratio);
        });
        ctx.restore();
      },
    },
  };
}

export const NO_MARKERS: readonly ChartMarker[] = Object.freeze([]);

const LABEL_CHARS = 18;

/** The markers as the charts label them: 1, 2, … in time order, with the start of each note. */
export function chartMarkers(markers: readonly { x: number; note: string }[]): ChartMarker[] {
  return [...markers]
    .sort((a, b) => a.x - b.x)
    .map((m, i) => {
      const note = m.note.length > LABEL_CHARS ? `${m.note.slice(0, LABEL_CHARS - 1)}…` : m.note;
      return { x: m.x, label: note ? `${i + 1} ${note}` : String(i + 1) };
    });
}
