import { browser } from 'wxt/browser';
import type { MessageOf } from '../messaging/protocol';
import type { SessionReading } from '../core/types';
import type { Participant } from '../core/schemas';

/**
 * The call being analysed, kept in storage.session so that a restarted service worker still
 * knows which tab, meeting and engine session the running engine belongs to.
 */
export interface ActiveCall {
  tabId: number;
  meetingId: string;
  /** The engine run now analysing the call: readings of any other session are dropped. */
  sessionId: string;
  paused: boolean;
  /** Other participants are being analysed (opt-in), beside the user. */
  othersAnalysed: boolean;
  /** The relay token of the tab capture the relay frame holds for them, when that is their source. */
  captureToken?: string;
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

/** The call page's last confirmed report, per tab (the devices the engine should open). */
export type CallReport = MessageOf<'call/tracks'>;
const reportKey = (tabId: number) => `callReport:${tabId}`;

export async function getCallReport(tabId: number): Promise<CallReport | null> {
  return ((await browser.storage.session.get(reportKey(tabId)))[reportKey(tabId)] as CallReport | undefined) ?? null;
}

export async function setCallReport(tabId: number, report: CallReport | null): Promise<void> {
  if (report) await browser.storage.session.set({ [reportKey(tabId)]: report });
  else await browser.storage.session.remove(reportKey(tabId));
}

/** The latest reading per tab, for the popup; memory only: the engine re-sends several times a second. */
const latestReadings = new Map<number, SessionReading>();

export const liveReadings = {
  set: (tabId: number, reading: SessionReading) => latestReadings.set(tabId, reading),
  get: (tabId: number) => latestReadings.get(tabId) ?? null,
  delete: (tabId: number) => latestReadings.delete(tabId),
};

/** The other people the call page receives tracks from, per tab (analysed only on opt-in). */
const participantsKey = (tabId: number) => `participants:${tabId}`;

export async function getParticipants(tabId: number): Promise<Participant[]> {
  return ((await browser.storage.session.get(participantsKey(tabId)))[participantsKey(tabId)] as Participant[] | undefined) ?? [];
}

/** Each person's "Participant N" number, for the whole call: a restarted engine session keeps them. */
const numbersKey = (tabId: number) => `participantNumbers:${tabId}`;

/**
 * Stores the page's list, each person numbered in order of first arrival in this call (a person
 * who leaves and comes back keeps their number). `null`: the call is over, numbers forgotten.
 */
export async function setParticipants(tabId: number, participants: Participant[] | null): Promise<Participant[]> {
  if (participants === null) {
    await browser.storage.session.remove([participantsKey(tabId), numbersKey(tabId)]);
    return [];
  }
  const numbers = ((await browser.storage.session.get(numbersKey(tabId)))[numbersKey(tabId)] as Record<string, number> | undefined) ?? {};
  let next = Math.max(0, ...Object.values(numbers)) + 1;
  // a mixed audio stream is nobody: no "Participant N" for it
  const numbered = participants.map((p) => (p.mixed ? p : { ...p, number: (numbers[p.key] ??= next++) }));
  await browser.storage.session.set({ [numbersKey(tabId)]: numbers });
  if (numbered.length) await browser.storage.session.set({ [participantsKey(tabId)]: numbered });
  else await browser.storage.session.remove(participantsKey(tabId));
  return numbered;
}
