import { browser } from 'wxt/browser';
import type { LiveReading, Subject } from '../core/types';

/**
 * The call being analysed, kept in storage.session so that a restarted service worker still
 * knows which tab and meeting the running engine belongs to.
 */
export interface ActiveCall {
  tabId: number;
  meetingId: string;
  paused: boolean;
  subject: Subject;
}

const KEY = 'activeCall';

export async function getActiveCall(): Promise<ActiveCall | null> {
  const stored = await browser.storage.session.get(KEY);
  return (stored[KEY] as ActiveCall | undefined) ?? null;
}

export async function setActiveCall(call: ActiveCall | null): Promise<void> {
  if (call) await browser.storage.session.set({ [KEY]: call });
  else await browser.storage.session.remove(KEY);
}

/** The latest reading per tab, for the popup; memory only: the engine re-sends several times a second. */
const latestReadings = new Map<number, LiveReading>();

export const liveReadings = {
  set: (tabId: number, reading: LiveReading) => latestReadings.set(tabId, reading),
  get: (tabId: number) => latestReadings.get(tabId) ?? null,
  delete: (tabId: number) => latestReadings.delete(tabId),
};
