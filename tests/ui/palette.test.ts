import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../src/core/emotions';
import { EMOTION_STYLE, SURFACES } from '../../src/ui/emotion-style';
import { badgeCss } from '../../src/badge/badge-css';

/** WCAG 2.x relative luminance of an sRGB hex colour. */
function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Where the emotion colours are drawn as bars, areas and chips. */
const GRAPHIC_SURFACES = {
  'light page': SURFACES.light.page,
  'light card': SURFACES.light.card,
  'dark page': SURFACES.dark.page,
  'dark card': SURFACES.dark.card,
  'badge over a white page': SURFACES.badge.bgOverWhite,
  'badge over a black page': SURFACES.badge.bgOverBlack,
};

describe('palette contrast (WCAG AA)', () => {
  it('the contrast maths matches known values', () => {
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    // the old Happy yellow, reported at 1.8:1 on white, fails
    expect(contrast('#f2b705', '#ffffff')).toBeLessThan(3);
  });

  it('every emotion colour is at least 3:1 on every surface it is drawn on', () => {
    const failures: string[] = [];
    for (const e of EMOTIONS) {
      for (const [name, bg] of Object.entries(GRAPHIC_SURFACES)) {
        const ratio = contrast(EMOTION_STYLE[e].color, bg);
        if (ratio < 3) failures.push(`${e} ${EMOTION_STYLE[e].color} on ${name} ${bg}: ${ratio.toFixed(2)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('text is at least 4.5:1 on its surface, the paused and muted text included', () => {
    const pairs: [string, string, string][] = [
      ['light fg on page', SURFACES.light.fg, SURFACES.light.page],
      ['light muted on page', SURFACES.light.muted, SURFACES.light.page],
      ['light muted on card', SURFACES.light.muted, SURFACES.light.card],
      ['dark fg on card', SURFACES.dark.fg, SURFACES.dark.card],
      ['dark muted on card', SURFACES.dark.muted, SURFACES.dark.card],
      ['dark muted on page', SURFACES.dark.muted, SURFACES.dark.page],
    ];
    for (const theme of [SURFACES.light, SURFACES.dark]) {
      for (const bg of [theme.page, theme.card]) {
        for (const name of ['fg', 'muted', 'accent', 'danger', 'warn', 'ok'] as const) pairs.push([`${theme === SURFACES.light ? 'light' : 'dark'} ${name}`, theme[name], bg]);
      }
      pairs.push(['primary button text', theme.accentFg, theme.accent]);
    }
    for (const bg of [SURFACES.badge.bgOverWhite, SURFACES.badge.bgOverBlack]) {
      pairs.push(['badge fg', SURFACES.badge.fg, bg], ['badge muted (paused, labels)', SURFACES.badge.muted, bg]);
      pairs.push(['badge warning', SURFACES.badge.warn, bg], ['badge danger', SURFACES.badge.danger, bg]);
    }
    const failures = pairs.filter(([, fg, bg]) => contrast(fg, bg) < 4.5).map(([n, fg, bg]) => `${n}: ${contrast(fg, bg).toFixed(2)}`);
    expect(failures).toEqual([]);
  });

  it('the badge stylesheet and the page stylesheet use these very colours', async () => {
    expect(badgeCss).toContain(`--eo-muted: ${SURFACES.badge.muted}`);
    expect(badgeCss).toContain(`--eo-bg: ${SURFACES.badge.bg}`);
    const { readFile } = await import('node:fs/promises');
    const pageCss = await readFile(new URL('../../src/ui/page.css', import.meta.url), 'utf8');
    for (const theme of [SURFACES.light, SURFACES.dark]) for (const v of Object.values(theme)) expect(pageCss).toContain(v);
    // the badge's 96 % background over white and black is what the surfaces above assume
    const [r, g, b, a] = SURFACES.badge.bg.match(/[\d.]+/g)!.map(Number);
    const over = (base: number) => '#' + [r, g, b].map((c) => Math.round(a * c + (1 - a) * base).toString(16).padStart(2, '0')).join('');
    expect(over(255)).toBe(SURFACES.badge.bgOverWhite);
    expect(over(0)).toBe(SURFACES.badge.bgOverBlack);
  });
});
