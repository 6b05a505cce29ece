import type { Page } from 'puppeteer-core';

export interface BadgeSnapshot {
  present: boolean;
  status: string | null;
  dominant: string;
  confidence: string;
  face: boolean;
  voice: boolean;
  fused: boolean;
  latencyMs: number | null;
  updates: number;
}

/** What the badge in the page's shadow root shows right now. */
export function readBadge(page: Page): Promise<BadgeSnapshot> {
  return page.evaluate(() => {
    const host = document.querySelector('emotion-overlay-badge') as HTMLElement | null;
    const root = host?.shadowRoot;
    const q = (id: string) => root?.querySelector(`[data-testid=${id}]`);
    const has = (id: string) => q(id)?.getAttribute('data-has-reading') === 'true';
    return {
      present: !!root?.querySelector('[data-testid=badge]'),
      status: q('badge-status')?.getAttribute('data-status') ?? null,
      dominant: q('badge-dominant')?.getAttribute('data-emotion') ?? '',
      confidence: q('badge-confidence')?.textContent ?? '',
      face: has('badge-face'),
      voice: has('badge-voice'),
      fused: has('badge-fused'),
      latencyMs: host?.dataset.latencyMs ? Number(host.dataset.latencyMs) : null,
      updates: host?.dataset.updates ? Number(host.dataset.updates) : 0,
    };
  });
}

export async function waitForBadge(page: Page, ok: (b: BadgeSnapshot) => boolean, timeout: number): Promise<BadgeSnapshot> {
  const end = Date.now() + timeout;
  let last: BadgeSnapshot | null = null;
  while (Date.now() < end) {
    last = await readBadge(page);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`badge never reached the expected state; last: ${JSON.stringify(last)}`);
}
