import { browser } from 'wxt/browser';
import type { Message, ResponseMap } from '../messaging/protocol';
import { OFFSCREEN_PATH } from '../messaging/senders';
import { canHostEngineFrame, closeEngineFrame, ensureEngineFrame } from '../engine/hosts/background-frame-host';

let creating: Promise<void> | null = null;

/**
 * Only one offscreen document may exist. A restarted service worker forgets it made one, so ask
 * the browser (runtime.getContexts), and share one pending creation between concurrent callers.
 */
export async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  // Firefox: no offscreen documents; the same engine page runs as a frame of the background page
  if (!browser.offscreen) return ensureEngineFrame(url);
  const contexts = await browser.runtime.getContexts({
    contextTypes: [browser.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [url],
  });
  if (contexts.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: [browser.offscreen.Reason.USER_MEDIA],
      justification: 'Runs the face and voice emotion models on the camera and microphone, on this device.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** Whether this browser can host the engine: Chrome's offscreen document, or Firefox's background frame. */
export function canHostEngine(): boolean {
  return !!browser.offscreen || canHostEngineFrame();
}

export async function closeOffscreenDocument(): Promise<void> {
  if (!browser.offscreen) return closeEngineFrame();
  try {
    await browser.offscreen.closeDocument();
  } catch {
    // none open
  }
}

const isPong = (v: unknown): v is ResponseMap['ping'] => typeof v === 'object' && v !== null && (v as { pong?: unknown }).pong === true;

/** The engine's answer to a liveness probe (which session it runs), or null when none answers. */
export async function pingOffscreen(): Promise<ResponseMap['ping'] | null> {
  try {
    const answer: unknown = await browser.runtime.sendMessage({ type: 'ping' } satisfies Message);
    return isPong(answer) ? answer : null;
  } catch {
    return null;
  }
}

/**
 * Sends to the offscreen document, waiting for it to be listening: right after createDocument
 * its script may not have registered a listener yet.
 */
export async function sendToOffscreen(message: Message, attempts = 50): Promise<unknown> {
  for (let i = 0; i <= attempts; i++) {
    if (await pingOffscreen()) return browser.runtime.sendMessage(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('offscreen document is not answering');
}
