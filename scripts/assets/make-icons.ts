/**
 * Draws the extension's icons (public/icons/{16,32,48,128}.png): a rounded blue square holding a
 * simple face whose mouth is a level line with a raised end — an expression being read, not a
 * verdict. Shapes are signed-distance functions sampled 4×4 per pixel, so every size is drawn,
 * not scaled. Run: `npx tsx scripts/assets/make-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';

type Rgba = [number, number, number, number];
const BLUE: Rgba = [37, 99, 235, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** Distance from p to a rounded box of half-size h and corner radius r (negative inside), in unit coordinates. */
const roundedBox = (x: number, y: number, h: number, r: number) => {
  const qx = Math.abs(x) - h + r;
  const qy = Math.abs(y) - h + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x: number, y: number, cx: number, cy: number, r: number) => Math.hypot(x - cx, y - cy) - r;
const ring = (x: number, y: number, cx: number, cy: number, r: number, w: number) => Math.abs(circle(x, y, cx, cy, r)) - w / 2;
/** A stroke along the segment a→b of width w. */
const segment = (x: number, y: number, ax: number, ay: number, bx: number, by: number, w: number) => {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const k = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * k, py - dy * k) - w / 2;
};

/** Colour of one sample point; coordinates in -1..1 with y down. Small sizes get bolder strokes. */
function shade(x: number, y: number, size: number): Rgba | null {
  if (roundedBox(x, y, 0.96, 0.3) > 0) return null;
  const stroke = size <= 16 ? 0.2 : size <= 32 ? 0.15 : 0.11;
  const face = ring(x, y, 0, 0, 0.62, stroke);
  const eyes = Math.min(circle(x, y, -0.24, -0.17, stroke * 0.75), circle(x, y, 0.24, -0.17, stroke * 0.75));
  const mouth = Math.min(segment(x, y, -0.27, 0.25, 0.12, 0.25, stroke), segment(x, y, 0.12, 0.25, 0.3, 0.13, stroke));
  return Math.min(face, eyes, mouth) <= 0 ? WHITE : BLUE;
}

function drawIcon(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const grid = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const x = ((px + (sx + 0.5) / grid) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / grid) / size) * 2 - 1;
          const c = shade(x, y, size);
          if (!c) continue;
          // premultiplied, so edges against transparency do not darken
          for (let k = 0; k < 3; k++) sum[k] += c[k] * (c[3] / 255);
          sum[3] += c[3];
        }
      }
      const n = grid * grid;
      const alpha = sum[3] / n;
      const i = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) png.data[i + k] = alpha > 0 ? Math.round((sum[k] / n / alpha) * 255) : 0;
      png.data[i + 3] = Math.round(alpha);
    }
  }
  return PNG.sync.write(png);
}

const outDir = resolve(import.meta.dirname, '../../public/icons');
mkdirSync(outDir, { recursive: true });
const written: Record<string, number> = {};
for (const size of [16, 32, 48, 128]) {
  const file = resolve(outDir, `${size}.png`);
  const bytes = drawIcon(size);
  writeFileSync(file, bytes);
  written[`${size}.png`] = bytes.length;
}
console.log(JSON.stringify({ icons: written }));
