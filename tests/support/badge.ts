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
/**
 * Reads the badge in the page's shadow root. The page function is a string so that no bundler
 * helper (esbuild's __name) leaks into the browser.
 */
const READ_BADGE = `(() => {
  const host = document.querySelector('emotion-overlay-badge');
  const root = host && host.shadowRoot;
  const q = (id) => root && root.querySelector('[data-testid=' + id + ']');
  const has = (id) => { const el = q(id); return !!el && el.getAttribute('data-has-reading') === 'true'; };
  const attr = (id, name) => { const el = q(id); return el ? el.getAttribute(name) : null; };
  return {
    present: !!q('badge'),
    status: attr('badge-status', 'data-status'),
    dominant: attr('badge-dominant', 'data-emotion') || '',
    confidence: (q('badge-confidence') && q('badge-confidence').textContent) || '',
    face: has('badge-face'),
    voice: has('badge-voice'),
    fused: has('badge-fused'),
    latencyMs: host && host.dataset.latencyMs ? Number(host.dataset.latencyMs) : null,
    updates: host && host.dataset.updates ? Number(host.dataset.updates) : 0,
  };
})()`;

/** What the badge shows right now. */
export function readBadge(page: Page): Promise<BadgeSnapshot> {
  return page.evaluate(READ_BADGE) as Promise<BadgeSnapshot>;
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
