import { browser } from 'wxt/browser';
import type { Message } from '../messaging/protocol';

const OFFSCREEN_PATH = '/offscreen.html';
let creating: Promise<void> | null = null;

/**
 * Only one offscreen document may exist. A restarted service worker forgets it made one, so ask
 * the browser (runtime.getContexts), and share one pending creation between concurrent callers.
 */
export async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
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

export async function closeOffscreenDocument(): Promise<void> {
  try {
    await browser.offscreen.closeDocument();
  } catch {
    // none open
  }
}

/**
 * Sends to the offscreen document, waiting for it to be listening: right after createDocument
 * its script may not have registered a listener yet.
 */
export async function sendToOffscreen(message: Message, attempts = 50): Promise<unknown> {
  for (let i = 0; ; i++) {
    try {
      const answer = await browser.runtime.sendMessage({ type: 'ping' } satisfies Message);
      if (answer === 'pong') return await browser.runtime.sendMessage(message);
    } catch (error) {
      if (i >= attempts) throw error;
    }
    if (i >= attempts) throw new Error('offscreen document is not answering');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
