/**
 * Who sent a runtime message. Every receiver acts only on the types its senders may send: the
 * engine obeys the service worker alone, the worker takes call state only from content scripts
 * and readings only from the engine. A web page cannot send runtime messages at all; a content
 * script or an extension page that is not the right one is refused like a stranger.
 */
import type { MessageType } from './protocol';

export type SenderRole = 'worker' | 'offscreen' | 'content' | 'extension-page' | 'foreign';

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export const WORKER_PATH = '/background.js';
/** Firefox's background is a page it generates around the same script. */
export const FIREFOX_BACKGROUND_PATH = '/_generated_background_page.html';
export const OFFSCREEN_PATH = '/offscreen.html';

export function senderRole(sender: SenderLike, runtimeId: string, extensionOrigin: string): SenderRole {
  if (sender.id !== runtimeId) return 'foreign';
  const url = sender.url ?? '';
  if (url.startsWith(`${extensionOrigin}/`)) {
    const path = new URL(url).pathname;
    // an extension page shown inside a web page's tab (the relay iframe) never speaks for the worker
    if ((path === WORKER_PATH || path === FIREFOX_BACKGROUND_PATH) && !sender.tab) return 'worker';
    if (path === OFFSCREEN_PATH && !sender.tab) return 'offscreen';
    return 'extension-page';
  }
  return sender.tab?.id !== undefined ? 'content' : 'foreign';
}

/** The roles each message type may come from. */
export const ALLOWED_SENDERS: { [T in MessageType]: readonly SenderRole[] } = {
  'call/tracks': ['content'],
  'call/ended': ['content'],
  'call/stale': ['content'],
  'call/caption': ['content'],
  'call/participants': ['content'],
  'engine/participants': ['worker'],
  'engine/backend-choice': ['offscreen'],
  'engine/backend-calibrated': ['offscreen'],
  'engine/caption': ['worker'],
  'engine/start': ['worker'],
  'engine/stop': ['worker'],
  'engine/set-paused': ['worker'],
  'engine/settings': ['worker'],
  // the engine sends these to the worker, which forwards them to the call's tab
  'engine/reading': ['offscreen', 'worker'],
  'engine/error': ['offscreen', 'worker'],
  'relay/start': ['offscreen', 'worker'],
  'relay/stop': ['offscreen', 'worker'],
  'relay/capture': ['worker'],
  'ui/toggle-pause': ['extension-page', 'content'],
  'ui/toggle-badge': ['extension-page'],
  'ui/get-live': ['extension-page'],
  'ui/analyse-participants': ['extension-page'],
  // the badge's Record button is the content script's, on a trusted click (src/badge/RecordButton.tsx)
  'ui/record-start': ['extension-page', 'content'],
  'ui/record-stop': ['extension-page', 'content'],
  'ui/record-state': ['extension-page', 'content'],
  'engine/record-start': ['worker'],
  'engine/record-stop': ['worker'],
  'engine/record-state': ['worker'],
  'engine/recording': ['offscreen', 'worker'],
  'ui/add-marker': ['extension-page', 'content'],
  'ui/locale-messages': ['content'],
  'badge/set-visible': ['worker'],
  ping: ['worker'],
};

export function mayReceive(type: MessageType, role: SenderRole): boolean {
  return ALLOWED_SENDERS[type].includes(role);
}
