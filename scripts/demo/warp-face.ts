/**
 * tsx scripts/demo/warp-face.ts IN.png OUT.png X,Y,DX,DY,SIGMA ...
 *
 * Moves points of a photo (e.g. the corners of a mouth, the inner ends of the brows) by (DX, DY)
 * pixels, each with a Gaussian falloff of SIGMA pixels, and resamples the photo bilinearly: a smooth
 * displacement field, the way an expression is retouched. The demo uses it to make a sad face from
 * its neutral one (make-demo-media.sh says why).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

interface Handle {
  x: number;
  y: number;
  dx: number;
  dy: number;
  sigma: number;
}

function parseHandle(arg: string): Handle {
  const v = arg.split(',').map(Number);
  if (v.length !== 5 || v.some((n) => !Number.isFinite(n)) || v[4] <= 0) throw new Error(`a handle is X,Y,DX,DY,SIGMA (SIGMA > 0): ${arg}`);
  return { x: v[0], y: v[1], dx: v[2], dy: v[3], sigma: v[4] };
}

/** The source of output pixel (x, y): each handle pulls from where its point was (an inverse map, exact enough for moves under SIGMA). */
function sourceOf(x: number, y: number, handles: Handle[]): [number, number] {
  let sx = x;
  let sy = y;
  for (const h of handles) {
    const ex = x - (h.x + h.dx);
    const ey = y - (h.y + h.dy);
    const w = Math.exp(-(ex * ex + ey * ey) / (2 * h.sigma * h.sigma));
    sx -= h.dx * w;
    sy -= h.dy * w;
  }
  return [sx, sy];
}

function warp(png: PNG, handles: Handle[]): PNG {
  const { width, height, data } = png;
  const out = new PNG({ width, height });
  const at = (x: number, y: number, c: number) => data[(Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) * 4 + c];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = sourceOf(x, y, handles);
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 4; c++) {
        const top = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
        const bottom = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
        out.data[(y * width + x) * 4 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

const [input, output, ...rest] = process.argv.slice(2);
if (!input || !output || rest.length === 0) {
  console.error('usage: tsx scripts/demo/warp-face.ts IN.png OUT.png X,Y,DX,DY,SIGMA ...');
  process.exit(2);
}
writeFileSync(output, PNG.sync.write(warp(PNG.sync.read(readFileSync(input)), rest.map(parseHandle))));
