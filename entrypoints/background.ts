/**
 * The service worker: routes messages, owns the offscreen document's lifecycle and the meeting
 * records. It may be stopped at any time: what must survive lives in storage.session and in the
 * offscreen document, which keeps analysing while the worker sleeps.
 */
import { browser, type Browser } from 'wxt/browser';
import { getActiveCall, liveReadings, setActiveCall } from '@/src/background/call-registry';
import { closeOffscreenDocument, ensureOffscreenDocument, sendToOffscreen } from '@/src/background/offscreen-document';
import { syncEnabledOrigins } from '@/src/background/enabled-origins';
import { parseMessage, type Message, type MessageOf } from '@/src/messaging/protocol';
import { loadSettings, saveSettings, watchSettings } from '@/src/settings/store';
import { applyRetention, closeDanglingMeetings, createMeeting, endMeeting } from '@/src/storage/meetings';
import { NUM_EMOTIONS } from '@/src/core/emotions';
import type { Subject } from '@/src/core/types';

/** A meeting whose last sample is older than this, with no live engine, ended in a crash. */
const DANGLING_AFTER_MS = 2 * 60_000;

/** The call page's last report, per tab: self-analysis resumes from it after a participants session. */
const callReport = (tabId: number) => `callReport:${tabId}`;

async function startCall(message: MessageOf<'call/tracks'>, tabId: number) {
  await browser.storage.session.set({ [callReport(tabId)]: message });
  const settings = await loadSettings();
  const active = await getActiveCall();
  if (active && active.tabId !== tabId) await stopCall(active.tabId);
  // While the user analyses the other participants, the page's own device changes don't matter.
  if (active?.tabId === tabId && active.subject === 'remote') return;
  if (!settings.face && !settings.voice) return;
  if (!browser.offscreen) {
    // Firefox has no offscreen documents: say so on the badge rather than fail silently.
    const unsupported = 'This browser cannot run the analysis engine yet (it needs offscreen documents, as in Chrome).';
    await browser.tabs.sendMessage(tabId, { type: 'engine/error', tabId, stream: 'engine', message: unsupported } satisfies Message);
    return;
  }
  const current = await getActiveCall();
  const meetingId = current?.meetingId ?? (await newMeeting(message, 'self'));
  if (!current) await setActiveCall({ tabId, meetingId, paused: false, subject: 'self' });
  await ensureOffscreenDocument();
  await sendToOffscreen({ type: 'engine/start', tabId, meetingId, tracks: message.tracks, subject: 'self', settings });
}

async function newMeeting(call: Pick<MessageOf<'call/tracks'>, 'site' | 'title' | 'url'>, subject: Subject): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  await createMeeting({
    id,
    site: call.site,
    title: call.title.slice(0, 200),
    url: call.url.slice(0, 2000),
    subject,
    startedAt: now,
    lastSampleAt: now,
    endedAt: null,
    sampleCount: 0,
    dominantSeconds: new Array(NUM_EMOTIONS).fill(0),
  });
  return id;
}

/**
 * Analyses the other participants of the call in `tabId` (or goes back to self-analysis). Opt-in:
 * only after the user accepted the disclosure; the badge shows an indicator while it runs.
 * tabCapture needs the user to have invoked the extension on the tab: the popup's button does.
 */
async function analyseParticipants(tabId: number, enable: boolean): Promise<{ ok: boolean; error?: string }> {
  const settings = await loadSettings();
  const report = (await browser.storage.session.get(callReport(tabId)))[callReport(tabId)] as MessageOf<'call/tracks'> | undefined;
  if (!enable) {
    await stopCall(tabId, { keepEngine: true });
    if (report?.tracks.length) await startCall(report, tabId);
    return { ok: true };
  }
  if (!settings.remoteAnalysis.enabled || settings.remoteAnalysis.disclosureAcceptedAt === null)
    return { ok: false, error: 'Turn on "Analyse other participants" and accept its disclosure on the welcome page first.' };
  if (!browser.offscreen || !browser.tabCapture) return { ok: false, error: 'This browser cannot capture the call tab.' };
  await stopCall(tabId, { keepEngine: true });
  const tab = await browser.tabs.get(tabId);
  const meetingId = await newMeeting(report ?? { site: 'generic', title: tab.title ?? 'Call', url: tab.url ?? '' }, 'remote');
  await setActiveCall({ tabId, meetingId, paused: false, subject: 'remote' });
  await ensureOffscreenDocument();
  // The id expires within seconds: ask for it last.
  const streamId = await browser.tabCapture.getMediaStreamId({ targetTabId: tabId });
  await sendToOffscreen({ type: 'engine/start', tabId, meetingId, tracks: [], tabStreamId: streamId, subject: 'remote', settings });
  return { ok: true };
}

async function stopCall(tabId: number, opts: { keepEngine?: boolean } = {}) {
  const active = await getActiveCall();
  if (!active || active.tabId !== tabId) return;
  await setActiveCall(null);
  liveReadings.delete(tabId);
  await sendToOffscreen({ type: 'engine/stop' }).catch(() => undefined);
  await endMeeting(active.meetingId, Date.now());
  // Closing the document releases the camera and microphone (and the loaded models).
  if (!opts.keepEngine) await closeOffscreenDocument();
}

async function togglePause() {
  const active = await getActiveCall();
  if (!active) return;
  const paused = !active.paused;
  await setActiveCall({ ...active, paused });
  await sendToOffscreen({ type: 'engine/set-paused', paused });
}

/**
 * Call starts and stops run one after another: a hang-up arriving while a start is still reading
 * storage must not interleave with it (that would leave a second, orphaned meeting).
 */
let callLifecycle: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = callLifecycle.then(work, work);
  callLifecycle = run.catch(() => undefined);
  return run;
}

async function handle(message: Message, sender: Browser.runtime.MessageSender): Promise<unknown> {
  const senderTab = sender.tab?.id;
  switch (message.type) {
    case 'call/tracks':
      if (senderTab === undefined) return;
      if (message.tracks.length === 0) return serially(() => stopCall(senderTab));
      return serially(() => startCall(message, senderTab));
    case 'call/ended':
      if (senderTab === undefined) return;
      await browser.storage.session.remove(callReport(senderTab));
      await serially(() => stopCall(senderTab));
      return;
    case 'engine/reading':
    case 'engine/error':
    case 'relay/start':
    case 'relay/stop': {
      // Only the offscreen document (an extension page, no tab) sends these; they go to the call's tab.
      if (senderTab !== undefined || sender.id !== browser.runtime.id) return;
      if (message.type === 'engine/reading') liveReadings.set(message.tabId, message.reading);
      await browser.tabs.sendMessage(message.tabId, message).catch(() => undefined);
      return;
    }
    case 'ui/get-live':
      return liveReadings.get(message.tabId);
    case 'ui/analyse-participants':
      return serially(() => analyseParticipants(message.tabId, message.enable)).catch((error) => ({ ok: false, error: String(error) }));
    case 'ui/toggle-pause':
      return togglePause();
    case 'ui/toggle-badge': {
      const settings = await loadSettings();
      await saveSettings({ badgeVisible: !settings.badgeVisible });
      return;
    }
    default:
      return;
  }
}

async function housekeeping() {
  const settings = await loadSettings();
  await closeDanglingMeetings(Date.now(), DANGLING_AFTER_MS).catch(() => undefined);
  if (settings.historyRetentionDays > 0) await applyRetention(settings.historyRetentionDays, Date.now()).catch(() => undefined);
  await syncEnabledOrigins(settings.enabledOrigins).catch((e) => console.warn('content scripts', e));
}

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const message = parseMessage(raw);
    if (!message) return undefined;
    return handle(message, sender).catch((error) => {
      console.error('emotion-overlay:', message.type, error);
      return undefined;
    });
  });

  browser.commands?.onCommand.addListener((command) => {
    if (command === 'toggle-pause') void togglePause();
    if (command === 'toggle-badge') void handle({ type: 'ui/toggle-badge' }, {});
  });

  browser.tabs.onRemoved.addListener((tabId) => void serially(() => stopCall(tabId)));

  const forever = new AbortController();
  watchSettings((settings) => {
    // only a running engine needs them (the analysis rate applies at once)
    void getActiveCall().then((active) => active && sendToOffscreen({ type: 'engine/settings', settings }).catch(() => undefined));
    void syncEnabledOrigins(settings.enabledOrigins).catch(() => undefined);
  }, forever.signal);

  void housekeeping();
});
