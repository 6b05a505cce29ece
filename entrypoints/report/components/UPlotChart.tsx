import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { t } from '../../../src/ui/i18n';

interface Props {
  /** Builds the options for a given width (colours are read from the page's CSS variables). */
  options: (width: number, css: (name: string) => string) => uPlot.Options;
  data: uPlot.AlignedData;
  /** File name of the PNG download, without extension. */
  pngName: string;
  label: string;
  testId: string;
  /** How many user markers the chart draws (for tests and the label). */
  markerCount?: number;
}

/**
 * One uPlot chart that fills its container's width: uPlot draws on a canvas with axes and a
 * legend that reads out the values under the pointer. The canvas can be saved as a PNG.
 */
export function UPlotChart({ options, data, pngName, label, testId, markerCount = 0 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current!;
    const style = getComputedStyle(document.documentElement);
    const css = (name: string) => style.getPropertyValue(name).trim();
    const plot = new uPlot(options(Math.max(280, el.clientWidth), css), data, el);
    chart.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: plot.height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
  }, [options, data]);

  const savePng = () => {
    const canvas = chart.current?.ctx.canvas;
    if (!canvas) return;
    // the canvas is transparent: draw it on the card's colour so the PNG reads on any viewer
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--card').trim() || '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    out.toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement('a'), { href: url, download: `${pngName}.png` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }, 'image/png');
  };

  return (
    <figure class="chart" data-testid={testId} data-markers={markerCount}>
      <div ref={host} class="chart-host" role="img" aria-label={label} data-points={data[0]?.length ?? 0} />
      <button type="button" class="small no-print" onClick={savePng}>
        {t('report.savePng')}
      </button>
    </figure>
  );
}
