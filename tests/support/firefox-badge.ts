/**
 * Reads the badge in Firefox. Its shadow root is closed and Firefox offers a test no handle on the
 * content script's sandbox (Chromium's tests evaluate in the isolated world over CDP). WebDriver
 * BiDi can serialize a closed shadow tree (`includeShadowTree: 'all'`), a view only the test driver
 * has: the page's own scripts still cannot reach the badge. The snapshot has the fields of
 * tests/support/badge.ts that the DOM carries (not the content script's latency list).
 */
import type { Browser, Page } from 'puppeteer-core';
import { bidi, contextOf } from './firefox';

interface SerializedNode {
  type: string;
  value?: {
    nodeType?: number;
    localName?: string;
    nodeValue?: string;
    attributes?: Record<string, string>;
    children?: SerializedNode[];
    shadowRoot?: SerializedNode | null;
  };
}

export interface FirefoxBadgeSnapshot {
  present: boolean;
  status: string | null;
  /** The status line's words (the engine's error, when there is one). */
  statusText: string;
  dominant: string;
  confidence: string;
  face: boolean;
  voice: boolean;
  fused: boolean;
  /** The apparent expression of the user's last caption line, or '' when none. */
  words: string;
  /** The face and voice rows' notes ("no face", "silence", "starting…"). */
  faceNote: string;
  voiceNote: string;
}

const textOf = (node: SerializedNode): string =>
  node.value?.nodeType === 3 ? (node.value.nodeValue ?? '') : (node.value?.children ?? []).map(textOf).join(' ').replace(/\s+/g, ' ').trim();

function byTestId(root: SerializedNode): Map<string, SerializedNode> {
  const found = new Map<string, SerializedNode>();
  const walk = (node: SerializedNode) => {
    const id = node.value?.attributes?.['data-testid'];
    if (id && !found.has(id)) found.set(id, node);
    if (node.value?.shadowRoot) walk(node.value.shadowRoot);
    for (const child of node.value?.children ?? []) walk(child);
  };
  walk(root);
  return found;
}

const ABSENT: FirefoxBadgeSnapshot = { present: false, status: null, statusText: '', dominant: '', confidence: '', face: false, voice: false, fused: false, words: '', faceNote: '', voiceNote: '' };

export async function readFirefoxBadge(browser: Browser, page: Page): Promise<FirefoxBadgeSnapshot> {
  const answer = await bidi<{ type: string; result?: SerializedNode }>(browser, 'script.evaluate', {
    expression: 'document.querySelector("emotion-overlay-badge")',
    target: { context: contextOf(page) },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 30 },
  });
  if (answer.type !== 'success' || !answer.result || answer.result.type !== 'node') return ABSENT;
  const nodes = byTestId(answer.result);
  if (!nodes.has('badge')) return ABSENT;
  const attr = (id: string, name: string) => nodes.get(id)?.value?.attributes?.[name] ?? null;
  const has = (id: string) => attr(id, 'data-has-reading') === 'true';
  const note = (id: string) => {
    const row = nodes.get(id);
    return row ? textOf(row).replace(/^(Face|Voice)\s*/, '') : '';
  };
  return {
    present: true,
    status: attr('badge-status', 'data-status'),
    statusText: nodes.has('badge-status') ? textOf(nodes.get('badge-status')!) : '',
    dominant: attr('badge-dominant', 'data-emotion') ?? '',
    confidence: nodes.has('badge-confidence') ? textOf(nodes.get('badge-confidence')!) : '',
    face: has('badge-face'),
    voice: has('badge-voice'),
    fused: has('badge-fused'),
    words: attr('badge-text', 'data-emotion') ?? '',
    faceNote: note('badge-face'),
    voiceNote: note('badge-voice'),
  };
}

export async function waitForFirefoxBadge(
  browser: Browser,
  page: Page,
  ok: (b: FirefoxBadgeSnapshot) => boolean,
  timeout: number,
): Promise<FirefoxBadgeSnapshot> {
  const end = Date.now() + timeout;
  let last: FirefoxBadgeSnapshot | null = null;
  while (Date.now() < end) {
    last = await readFirefoxBadge(browser, page);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`badge never reached the expected state; last: ${JSON.stringify(last)}`);
}
