/**
 * Driving the add-on's own pages in Firefox over WebDriver BiDi. BiDi may not navigate a tab to a
 * moz-extension: URL, but the extension's own page may: the welcome tab the add-on opens on install
 * is found by its URL and moved to another extension page by script.
 */
import type { Browser } from 'puppeteer-core';
import { bidi, FIREFOX_EXTENSION_ORIGIN } from './firefox';

interface BidiContext {
  context: string;
  url: string;
}

/** The BiDi context of the extension's tab at `path` (e.g. the welcome page it opens on install). */
export async function extensionTab(browser: Browser, path: string, timeout = 10_000): Promise<string> {
  const end = Date.now() + timeout;
  for (;;) {
    const { contexts } = await bidi<{ contexts: BidiContext[] }>(browser, 'browsingContext.getTree', {});
    const tab = contexts.find((c) => c.url === `${FIREFOX_EXTENSION_ORIGIN}${path}`);
    if (tab) return tab.context;
    if (Date.now() > end) throw new Error(`no tab at ${path}: ${contexts.map((c) => c.url).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Evaluates in a context (primitive results: BiDi serializes objects as remote values, so return JSON text). */
export async function evaluateIn<T>(browser: Browser, context: string, expression: string): Promise<T> {
  const answer = await bidi<{ type: string; result?: { value?: T }; exceptionDetails?: { text: string } }>(browser, 'script.evaluate', {
    expression,
    target: { context },
    awaitPromise: true,
    resultOwnership: 'none',
  });
  if (answer.type !== 'success') throw new Error(`evaluation failed: ${answer.exceptionDetails?.text}`);
  return answer.result?.value as T;
}

/** Evaluates an expression whose value is JSON-serialisable and returns it parsed (undefined as null). */
export async function evaluateJson<T>(browser: Browser, context: string, expression: string): Promise<T> {
  const text = await evaluateIn<string>(browser, context, `(async () => JSON.stringify((await (${expression})) ?? null))()`);
  return JSON.parse(text) as T;
}

/** Polls an expression in a context until it is truthy; returns its value (through JSON). */
export async function waitIn<T>(browser: Browser, context: string, expression: string, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      last = await evaluateIn<string>(browser, context, `(async () => { const v = await (${expression}); return v ? JSON.stringify(v) : ''; })()`);
      if (last) return JSON.parse(last) as T;
    } catch (error) {
      last = String(error); // the tab is between two documents
    }
    if (Date.now() > end) throw new Error(`never true: ${expression} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Moves an extension tab to another page of the add-on and waits for it to load. */
export async function navigateExtensionTab(browser: Browser, context: string, path: string, timeout = 10_000): Promise<void> {
  await evaluateIn(browser, context, `location.href = ${JSON.stringify(path)}; true`);
  await waitIn(browser, context, `location.pathname === ${JSON.stringify(path)} && document.readyState === 'complete'`, timeout);
}
