import type { CDPSession, Page } from 'puppeteer-core';

export interface BadgeSnapshot {
  present: boolean;
  status: string | null;
  dominant: string;
  confidence: string;
  face: boolean;
  voice: boolean;
  fused: boolean;
  /** Others analysed (count) while the indicator shows, else null. */
  others: number | null;
  /** The apparent expression of the user's last caption line, or '' when none. */
  words: string;
  latencyMs: number | null;
  updates: number;
}

/**
 * Reads the badge from the content script's isolated world: its shadow root is closed, so the
 * page (and a test acting as the page) cannot reach it; the isolated world holds the only handle.
 * The function is a string so that no bundler helper (esbuild's __name) leaks into the browser.
 */
const READ_BADGE = `(() => {
  const api = globalThis.__emotionOverlayBadge;
  const root = api && api.root();
  const q = (id) => root && root.querySelector('[data-testid=' + id + ']');
  const has = (id) => { const el = q(id); return !!el && el.getAttribute('data-has-reading') === 'true'; };
  const attr = (id, name) => { const el = q(id); return el ? el.getAttribute(name) : null; };
  const latencies = api ? api.latencies() : [];
  const others = attr('badge-remote', 'data-count');
  return {
    present: !!q('badge'),
    status: attr('badge-status', 'data-status'),
    dominant: attr('badge-dominant', 'data-emotion') || '',
    confidence: (q('badge-confidence') && q('badge-confidence').textContent) || '',
    face: has('badge-face'),
    voice: has('badge-voice'),
    fused: has('badge-fused'),
    others: others === null ? null : Number(others),
    words: attr('badge-text', 'data-emotion') || '',
    latencyMs: latencies.length ? latencies[latencies.length - 1] : null,
    updates: latencies.length,
  };
})()`;

const sessions = new WeakMap<Page, Promise<{ cdp: CDPSession; contexts: Map<number, { name: string; frameId: string }> }>>();

/** A CDP session that tracks the page's execution contexts (the extension's isolated world among them). */
function contextsOf(page: Page) {
  let entry = sessions.get(page);
  if (!entry) {
    entry = (async () => {
      const cdp = await page.createCDPSession();
      const contexts = new Map<number, { name: string; frameId: string }>();
      cdp.on('Runtime.executionContextCreated', ({ context }) => {
        if (context.auxData?.type === 'isolated') contexts.set(context.id, { name: context.name, frameId: context.auxData.frameId });
      });
      cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
      cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
      await cdp.send('Runtime.enable');
      return { cdp, contexts };
    })();
    sessions.set(page, entry);
  }
  return entry;
}

/** Evaluates `expression` in the extension's isolated world of the page's main frame. */
export async function evaluateInContentScript<T>(page: Page, expression: string): Promise<T | null> {
  const { cdp, contexts } = await contextsOf(page);
  const mainFrame = (page.mainFrame() as unknown as { _id: string })._id;
  for (const [id, ctx] of contexts) {
    if (ctx.name !== 'Emotion Overlay' || ctx.frameId !== mainFrame) continue;
    try {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: id, returnByValue: true });
      if (!exceptionDetails) return result.value as T;
    } catch {
      // a context of a previous document: try the next
    }
  }
  return null;
}

const ABSENT: BadgeSnapshot = { present: false, status: null, dominant: '', confidence: '', face: false, voice: false, fused: false, others: null, words: '', latencyMs: null, updates: 0 };

/** What the badge shows right now. */
export async function readBadge(page: Page): Promise<BadgeSnapshot> {
  return (await evaluateInContentScript<BadgeSnapshot>(page, READ_BADGE)) ?? ABSENT;
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
