/**
 * Starting, changing and stopping the analysis of a call. One meeting per call: a change of
 * devices, turning the analysis of others on or off, or an engine restarted after a crash all
 * start a new engine session on the same meeting. Starts and stops run one after another.
 */
import { browser } from 'wxt/browser';
import { NUM_EMOTIONS } from '../core/emotions';
import type { Message, MessageOf, ResponseMap } from '../messaging/protocol';
import { engineSettings } from '../settings/schema';
import { loadSettings } from '../settings/store';
import { createMeeting, endMeeting, markOthersAnalysed } from '../storage/meetings';
import { getActiveCall, getCallReport, getParticipants, liveReadings, setActiveCall, setCallReport, setParticipants, type ActiveCall, type CallReport } from './call-registry';
import type { Participant } from '../core/schemas';
import { canHostEngine, closeOffscreenDocument, ensureOffscreenDocument, pingOffscreen, sendToOffscreen } from './offscreen-document';
import { othersAnalysisBlockedReason } from './others-policy';
import { TEST_BUILD } from '../build-flags';
import { CAPTURE_FPS } from '../relay/relay-protocol';

/** Test builds only: hooks a test put in storage.local (see open-device.ts). */
async function storedTestHooks(): Promise<{ testHooks?: MessageOf<'engine/start'>['testHooks'] }> {
  const { testHooks } = await browser.storage.local.get('testHooks');
  return testHooks ? { testHooks: testHooks as MessageOf<'engine/start'>['testHooks'] } : {};
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Call starts and stops run one after another: a hang-up arriving while a start is still reading
 * storage must not interleave with it (that would leave a second, orphaned meeting).
 */
export function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

async function newMeeting(call: Pick<CallReport, 'site' | 'title' | 'url'>): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await createMeeting({
    id,
    kind: 'call',
    site: call.site,
    title: call.title.slice(0, 200),
    url: call.url.slice(0, 2000),
    startedAt: now,
    lastSampleAt: now,
    endedAt: null,
    sampleCount: 0,
    dominantSeconds: new Array(NUM_EMOTIONS).fill(0),
    othersAnalysed: false,
  });
  return id;
}

/** How the other participants are analysed (opt-in): their own received tracks, or the captured tab. */
type OthersSource = { participants: Participant[] } | { tabCaptureToken: string };

/** A new engine session for the active call: same meeting, the given sources. */
async function runSession(call: ActiveCall, report: CallReport | null, others?: OthersSource): Promise<ActiveCall> {
  const settings = await loadSettings();
  const captureToken = others && 'tabCaptureToken' in others ? others.tabCaptureToken : undefined;
  // a capture no longer wanted (the user stopped analysing the others, or their tracks replaced it) ends now
  if (call.captureToken && call.captureToken !== captureToken) await stopCapture(call.tabId, call.captureToken);
  const next: ActiveCall = { ...call, sessionId: crypto.randomUUID(), othersAnalysed: others !== undefined, captureToken };
  await setActiveCall(next);
  await ensureOffscreenDocument();
  await sendToOffscreen({
    type: 'engine/start',
    sessionId: next.sessionId,
    tabId: call.tabId,
    meetingId: call.meetingId,
    tracks: report?.tracks ?? [],
    ...(others ?? {}),
    settings: engineSettings(settings),
    ...(TEST_BUILD ? await storedTestHooks() : {}),
  });
  if (next.paused) await sendToOffscreen({ type: 'engine/set-paused', sessionId: next.sessionId, paused: true });
  return next;
}

/** The others of a session that restarts: their tracks again, or the tab capture the relay frame still holds. */
async function othersOnRestart(call: ActiveCall): Promise<OthersSource | undefined> {
  if (!call.othersAnalysed) return undefined;
  const participants = await getParticipants(call.tabId);
  if (participants.length) return { participants };
  return call.captureToken ? { tabCaptureToken: call.captureToken } : undefined;
}

async function stopCapture(tabId: number, token: string): Promise<void> {
  await browser.tabs.sendMessage(tabId, { type: 'relay/capture', tabId, token, fps: 1, stop: true } satisfies Message).catch(() => undefined);
}

/** The page reported (confirmed) devices: start, or restart with the new devices. */
const sameTracks = (a: CallReport | null, b: CallReport) => JSON.stringify(a?.tracks ?? null) === JSON.stringify(b.tracks);

export async function startCall(report: CallReport, tabId: number): Promise<void> {
  const settings = await loadSettings();
  const active = await getActiveCall();
  if (active && active.tabId !== tabId) await stopCall(active.tabId);
  if (!canHostEngine()) {
    // no offscreen document and no background page with a DOM: say so on the badge rather than fail silently
    const unsupported = 'This browser cannot run the analysis engine (it needs offscreen documents or a background page).';
    await browser.tabs.sendMessage(tabId, { type: 'engine/error', tabId, stream: 'engine', message: unsupported } satisfies Message);
    return;
  }
  const current = active?.tabId === tabId ? active : null;
  if (current) {
    const previous = await getCallReport(tabId);
    const pong = await pingOffscreen();
    const alive = pong?.sessionId === current.sessionId;
    // The engine runs this call already: keep it unless the devices changed (the tab capture, if
    // any, keeps running too). An engine that crashed or was closed gets a new session.
    await setCallReport(tabId, report);
    if (alive && (current.othersAnalysed || sameTracks(previous, report))) return;
    await runSession(current, report, await othersOnRestart(current));
    return;
  }
  await setCallReport(tabId, report);
  if (!settings.face && !settings.voice) return;
  const meetingId = await newMeeting(report);
  await runSession({ tabId, meetingId, sessionId: '', paused: false, othersAnalysed: false }, report);
}

/**
 * The content script saw no reading for a while: if the engine no longer runs this call's session
 * (the offscreen document crashed or was closed), start a new session on the same meeting.
 */
export async function recoverCall(tabId: number): Promise<void> {
  const active = await getActiveCall();
  if (!active || active.tabId !== tabId) return;
  const pong = await pingOffscreen();
  if (pong?.sessionId === active.sessionId) return;
  await runSession(active, await getCallReport(tabId), await othersOnRestart(active));
}

export async function stopCall(tabId: number): Promise<void> {
  const active = await getActiveCall();
  if (!active || active.tabId !== tabId) return;
  await setActiveCall(null);
  liveReadings.delete(tabId);
  if (active.captureToken) await stopCapture(tabId, active.captureToken);
  await sendToOffscreen({ type: 'engine/stop', sessionId: active.sessionId }).catch(() => undefined);
  await endMeeting(active.meetingId, Date.now());
  // Closing the document releases the camera and microphone (and the loaded models).
  await closeOffscreenDocument();
}

export async function endCall(tabId: number): Promise<void> {
  await setCallReport(tabId, null);
  await setParticipants(tabId, null);
  await stopCall(tabId);
}

export async function togglePause(): Promise<void> {
  const active = await getActiveCall();
  if (!active) return;
  const paused = !active.paused;
  await setActiveCall({ ...active, paused });
  await sendToOffscreen({ type: 'engine/set-paused', sessionId: active.sessionId, paused });
}

/**
 * The page's list of other people changed: keep it, and tell the engine when it analyses them.
 */
export async function updateParticipants(tabId: number, participants: Participant[]): Promise<void> {
  const numbered = await setParticipants(tabId, participants);
  const active = await getActiveCall();
  if (active?.tabId !== tabId || !active.othersAnalysed) return;
  await sendToOffscreen({ type: 'engine/participants', sessionId: active.sessionId, participants: numbered }).catch(() => undefined);
}

/**
 * Analyses the other participants of the call in `tabId` too (or stops). Opt-in: only after the
 * user accepted the disclosure, never where the law forbids it. Their own tracks, as the page
 * receives them, are the source when the page has any (each person at their track's resolution,
 * never the user's self-view); else the captured tab, with the tabCapture permission the popup
 * asked for on the user's click.
 */
export async function analyseParticipants(tabId: number, enable: boolean): Promise<ResponseMap['ui/analyse-participants']> {
  const settings = await loadSettings();
  const active = await getActiveCall();
  const report = await getCallReport(tabId);
  if (!enable) {
    if (active?.tabId === tabId) await runSession(active, report);
    return { ok: true };
  }
  const blocked = othersAnalysisBlockedReason(settings);
  if (blocked) return { ok: false, error: blocked };
  const participants = await getParticipants(tabId);
  if (participants.length === 0) {
    if (!browser.offscreen || !browser.tabCapture) return { ok: false, error: 'No other participant is visible in this call yet.' };
    if (!(await browser.permissions.contains({ permissions: ['tabCapture'] })))
      return { ok: false, needsTabCapture: true, error: 'No participant track is visible to the extension here: capturing the tab needs the tab-capture permission.' };
  }
  let call = active?.tabId === tabId ? active : null;
  if (!call) {
    if (active) await stopCall(active.tabId);
    const tab = await browser.tabs.get(tabId);
    const meetingId = await newMeeting(report ?? { site: 'generic', title: tab.title ?? 'Call', url: tab.url ?? '' });
    call = { tabId, meetingId, sessionId: '', paused: false, othersAnalysed: false };
  }
  await ensureOffscreenDocument();
  await markOthersAnalysed(call.meetingId);
  if (participants.length) {
    await runSession(call, report, { participants });
    return { ok: true };
  }
  // The id expires within seconds: ask for it last, and hand it at once to the relay frame in the
  // tab, which opens and holds the capture (the engine's isolated document cannot open one).
  const streamId = await browser.tabCapture.getMediaStreamId({ targetTabId: tabId });
  const token = crypto.randomUUID();
  await browser.tabs.sendMessage(tabId, { type: 'relay/capture', tabId, token, streamId, fps: CAPTURE_FPS } satisfies Message);
  await runSession(call, report, { tabCaptureToken: token });
  return { ok: true };
}
