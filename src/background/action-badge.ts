/**
 * The toolbar icon's badge shows the live state of the call in each tab, so that a hidden badge
 * (or a call tab in the background) still shows that analysis runs: a green dot while the user is
 * analysed, "II" paused, a red count while other participants are analysed too, "REC" while the call is
 * recorded, "!" when the analysis needs attention. It listens beside the router (never answers a message), checks the
 * sender and session the same way, and updates at most once a second per tab.
 */
import { browser } from 'wxt/browser';
import type { SessionReading } from '../core/types';
import { parseMessage } from '../messaging/protocol';
import { senderRole } from '../messaging/senders';
import { badgeStatusFrom, badgeStatusText, isProblemStatus } from '../badge/status';
import { t } from '../ui/i18n';
import { getActiveCall } from './call-registry';

export type ActionState = 'analysing' | 'paused' | 'others' | 'problem' | 'recording';

export interface ActionBadge {
  state: ActionState;
  text: string;
  /** Badge background; each passes 4.5:1 against the white badge text. */
  color: string;
}

export const ACTION_COLORS: Record<ActionState, string> = {
  analysing: '#15803d',
  paused: '#52525b',
  others: '#b91c1c',
  problem: '#b45309',
  recording: '#b91c1c',
};

/**
 * The toolbar badge for a reading (pure; tested in tests/badge/action-badge.test.ts). A running
 * recording shows first (REC: whatever else holds, the user must see it), then pause, problems and
 * who is analysed.
 */
export function actionBadgeFor(reading: SessionReading, engineError?: string, recording = false): ActionBadge {
  const status = badgeStatusFrom(reading, engineError);
  const others = reading.subjects.filter((s) => s.subject.kind !== 'self').length;
  if (recording) return { state: 'recording', text: 'REC', color: ACTION_COLORS.recording };
  if (status === 'paused') return { state: 'paused', text: 'II', color: ACTION_COLORS.paused };
  if (isProblemStatus(status)) return { state: 'problem', text: '!', color: ACTION_COLORS.problem };
  if (others > 0) return { state: 'others', text: String(Math.min(others, 99)), color: ACTION_COLORS.others };
  return { state: 'analysing', text: '●', color: ACTION_COLORS.analysing };
}

function titleFor(badge: ActionBadge, reading: SessionReading, engineError?: string): string {
  if (badge.state === 'problem') return t('action.problem', { status: badgeStatusText(badgeStatusFrom(reading, engineError)) });
  return t(`action.${badge.state}`);
}

const UPDATE_MS = 1000;
/** No reading for this long: the badge is cleared (the call ended or the engine stopped). */
const CLEAR_AFTER_MS = 6000;

export function watchActionBadge(): void {
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  const lastUpdate = new Map<number, number>();
  /** Tabs whose call is being recorded now (the engine's engine/recording messages). */
  const recordingTabs = new Set<number>();
  const lastState = new Map<number, string>();
  const clearTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const extensionOrigin = new URL(browser.runtime.getURL('/popup.html')).origin;

  const clear = (tabId: number) => {
    lastUpdate.delete(tabId);
    lastState.delete(tabId);
    clearTimeout(clearTimers.get(tabId));
    clearTimers.delete(tabId);
    void action.setBadgeText({ tabId, text: '' }).catch(() => undefined);
    void action.setTitle({ tabId, title: t('action.idle') }).catch(() => undefined);
  };

  const show = async (tabId: number, reading: SessionReading, engineError?: string) => {
    const active = await getActiveCall();
    if (!active || active.tabId !== tabId || active.sessionId !== reading.sessionId) return;
    const badge = actionBadgeFor(reading, engineError, recordingTabs.has(tabId));
    const key = `${badge.text}|${badge.color}|${badge.state}`;
    clearTimeout(clearTimers.get(tabId));
    clearTimers.set(tabId, setTimeout(() => clear(tabId), CLEAR_AFTER_MS));
    if (lastState.get(tabId) === key) return;
    lastState.set(tabId, key);
    await Promise.all([
      action.setBadgeText({ tabId, text: badge.text }),
      action.setBadgeBackgroundColor({ tabId, color: badge.color }),
      action.setTitle({ tabId, title: titleFor(badge, reading, engineError) }),
      // Chrome 110+: white text on the coloured badge
      (action as { setBadgeTextColor?: (d: { tabId: number; color: string }) => Promise<void> }).setBadgeTextColor?.({ tabId, color: '#ffffff' }),
    ]).catch(() => undefined);
    // a reading in flight at the hang-up must not leave a badge behind: check again once drawn
    const still = await getActiveCall();
    if (!still || still.sessionId !== reading.sessionId) clear(tabId);
  };

  const latest = new Map<number, SessionReading>();
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const type = (raw as { type?: unknown } | null)?.type;
    if (type !== 'engine/reading' && type !== 'engine/error' && type !== 'engine/recording') return undefined;
    if (senderRole(sender, browser.runtime.id, extensionOrigin) !== 'offscreen') return undefined;
    const tabId = (raw as { tabId?: unknown }).tabId;
    if (typeof tabId !== 'number') return undefined;
    if (type === 'engine/recording') {
      const message = parseMessage(raw);
      if (message?.type !== 'engine/recording') return undefined;
      const was = recordingTabs.has(tabId);
      if (message.status.state === 'recording') recordingTabs.add(tabId);
      else recordingTabs.delete(tabId);
      const reading = latest.get(tabId);
      if (reading && was !== recordingTabs.has(tabId)) void show(tabId, reading);
      return undefined;
    }
    const now = Date.now();
    // readings come several times a second: parse and draw at most once a second, errors at once
    if (type === 'engine/reading' && now - (lastUpdate.get(tabId) ?? 0) < UPDATE_MS) return undefined;
    const message = parseMessage(raw);
    if (message?.type === 'engine/reading') {
      lastUpdate.set(tabId, now);
      latest.set(tabId, message.reading);
      void show(tabId, message.reading);
    } else if (message?.type === 'engine/error') {
      const reading = latest.get(tabId);
      if (reading) void show(tabId, reading, message.message);
    }
    return undefined; // never answers: the router does
  });

  // the call registry records the end of a call: the badge goes with it
  browser.storage.session.onChanged?.addListener((changes) => {
    const change = changes.activeCall;
    if (!change) return;
    const old = change.oldValue as { tabId?: number } | undefined;
    const next = change.newValue as { tabId?: number } | undefined;
    if (old?.tabId !== undefined && old.tabId !== next?.tabId) {
      latest.delete(old.tabId);
      clear(old.tabId);
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    latest.delete(tabId);
    recordingTabs.delete(tabId);
    clearTimeout(clearTimers.get(tabId));
    clearTimers.delete(tabId);
    lastState.delete(tabId);
  });
}
