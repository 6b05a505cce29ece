/**
 * The service worker's side of "Record a session": the popup (an extension page) or the badge (the
 * call tab's content script, on the user's click) asks; the worker checks who asks for which call
 * and the consent rules, then tells the engine. A web page can neither ask nor read anything here.
 *
 * Consent: a recording of the user alone is always allowed (their own camera). One that shows other
 * people is allowed only while analysing others is on for this call (the user's opt-in, and not in
 * an EU workplace or classroom: others-policy.ts), only from the popup, and only once the user
 * confirmed that the people shown were told and agree.
 */
import { browser } from 'wxt/browser';
import { SELF } from '../../core/types';
import type { MessageOf, ResponseMap } from '../../messaging/protocol';
import type { SenderRole } from '../../messaging/senders';
import { loadSettings } from '../../settings/store';
import { getActiveCall } from '../../background/call-registry';
import { othersAnalysisBlockedReason } from '../../background/others-policy';
import { pingOffscreen, sendToOffscreen } from '../../background/offscreen-document';
import { TEST_BUILD } from '../../build-flags';
import { overlayLabels } from './overlay-painter';
import { IDLE_RECORDING, recordingStatusSchema, type RecordingStatus } from './recording-status';

interface Asker {
  role: SenderRole;
  tabId?: number;
  frameId?: number;
}

/** The tab whose call the asker means: the badge's own tab (top frame only), or the one the popup names. */
function callTab(tabId: number | undefined, asker: Asker): number | null {
  if (asker.role === 'content') {
    if (asker.tabId === undefined || asker.frameId !== 0 || (tabId !== undefined && tabId !== asker.tabId)) return null;
    return asker.tabId;
  }
  return tabId ?? null;
}

const asStatus = (value: unknown): RecordingStatus | null => {
  const parsed = recordingStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** Test builds only: `recordTestHooks` in storage.local (a full disk after N bytes). */
async function testHooks(): Promise<{ testFreeBytesToUse?: number }> {
  if (!TEST_BUILD) return {};
  const { recordTestHooks } = await browser.storage.local.get('recordTestHooks');
  const bytes = (recordTestHooks as { freeBytesToUse?: unknown } | undefined)?.freeBytesToUse;
  return typeof bytes === 'number' ? { testFreeBytesToUse: bytes } : {};
}

export async function startRecordingCommand(message: MessageOf<'ui/record-start'>, asker: Asker): Promise<ResponseMap['ui/record-start']> {
  const tabId = callTab(message.tabId, asker);
  const active = await getActiveCall();
  if (tabId === null || !active || active.tabId !== tabId) return { ok: false, error: 'No call is being analysed in this tab: there is nothing to record.' };
  const subjectId = message.subjectId ?? SELF.id;
  if (subjectId !== SELF.id) {
    if (asker.role !== 'extension-page') return { ok: false, error: 'Recording another participant is started from the popup.' };
    const blocked = othersAnalysisBlockedReason(await loadSettings());
    if (blocked) return { ok: false, error: blocked };
    if (!active.othersAnalysed) return { ok: false, error: 'Turn on analysing the other participants for this call first: only then can one of them be recorded.' };
    if (message.othersConfirmed !== true) return { ok: false, needsConfirm: true, error: 'Confirm that the people in the recording were told and agree to it.' };
  }
  const answer = (await sendToOffscreen({ type: 'engine/record-start', sessionId: active.sessionId, subjectId, labels: overlayLabels(), ...(await testHooks()) }).catch((e) => ({
    ok: false,
    error: String(e?.message ?? e),
  }))) as ResponseMap['engine/record-start'] | undefined;
  return answer ?? { ok: false, error: 'The analysis engine did not answer.' };
}

export async function stopRecordingCommand(message: MessageOf<'ui/record-stop'>, asker: Asker): Promise<RecordingStatus | null> {
  const tabId = callTab(message.tabId, asker);
  const active = await getActiveCall();
  if (tabId === null || !active || active.tabId !== tabId) return null;
  return asStatus(await sendToOffscreen({ type: 'engine/record-stop', meetingId: active.meetingId }).catch(() => null));
}

/** The recording state for the asker's call; idle without an engine (nothing records then). */
export async function recordingStateCommand(message: MessageOf<'ui/record-state'>, asker: Asker): Promise<RecordingStatus | null> {
  const tabId = callTab(message.tabId, asker);
  const active = await getActiveCall();
  if (tabId === null || !active || active.tabId !== tabId) return null;
  if (!(await pingOffscreen())) return IDLE_RECORDING;
  const status = asStatus(await browser.runtime.sendMessage({ type: 'engine/record-state' }).catch(() => null));
  // another meeting's recording is none of this call's business
  return status && (status.meetingId === null || status.meetingId === active.meetingId) ? status : IDLE_RECORDING;
}
