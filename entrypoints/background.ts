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
import { NUM_EMOTIONS } from '@/src/shared/emotions';

/** A meeting whose last sample is older than this, with no live engine, ended in a crash. */
const DANGLING_AFTER_MS = 2 * 60_000;

async function startCall(message: MessageOf<'call/tracks'>, tabId: number) {
  const settings = await loadSettings();
  const active = await getActiveCall();
  if (active && active.tabId !== tabId) await stopCall(active.tabId);
  if (!settings.face && !settings.voice) return;
  if (!browser.offscreen) {
    // Firefox has no offscreen documents: say so on the badge rather than fail silently.
    const unsupported = 'This browser cannot run the analysis engine yet (it needs offscreen documents, as in Chrome).';
    await browser.tabs.sendMessage(tabId, { type: 'engine/error', tabId, stream: 'engine', message: unsupported } satisfies Message);
    return;
  }
  const current = await getActiveCall();
  let meetingId = current?.meetingId;
  if (!meetingId) {
    meetingId = crypto.randomUUID();
    const now = Date.now();
    await createMeeting({
      id: meetingId,
      site: message.site,
      title: message.title.slice(0, 200),
      url: message.url.slice(0, 2000),
      subject: message.subject === 'remote' && settings.remoteAnalysis.enabled ? 'remote' : 'self',
      startedAt: now,
      lastSampleAt: now,
      endedAt: null,
      sampleCount: 0,
      dominantSeconds: new Array(NUM_EMOTIONS).fill(0),
    });
    await setActiveCall({ tabId, meetingId, paused: false });
  }
  await ensureOffscreenDocument();
  await sendToOffscreen({ type: 'engine/start', tabId, meetingId, tracks: message.tracks, settings });
}

async function stopCall(tabId: number) {
  const active = await getActiveCall();
  if (!active || active.tabId !== tabId) return;
  await setActiveCall(null);
  liveReadings.delete(tabId);
  await sendToOffscreen({ type: 'engine/stop' }).catch(() => undefined);
  await endMeeting(active.meetingId, Date.now());
  // Closing the document releases the camera and microphone.
  await closeOffscreenDocument();
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
      if (senderTab !== undefined) await serially(() => stopCall(senderTab));
      return;
    case 'engine/reading':
    case 'engine/error': {
      // Only the offscreen document (an extension page, no tab) reports readings.
      if (senderTab !== undefined || sender.id !== browser.runtime.id) return;
      if (message.type === 'engine/reading') liveReadings.set(message.tabId, message.reading);
      await browser.tabs.sendMessage(message.tabId, message).catch(() => undefined);
      return;
    }
    case 'ui/get-live':
      return liveReadings.get(message.tabId);
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
  const active = await getActiveCall();
  await closeDanglingMeetings(Date.now(), DANGLING_AFTER_MS).catch(() => undefined);
  if (settings.historyRetentionDays > 0) await applyRetention(settings.historyRetentionDays, Date.now()).catch(() => undefined);
  await syncEnabledOrigins(settings.enabledOrigins).catch((e) => console.warn('content scripts', e));
  void active;
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
    void sendToOffscreen({ type: 'engine/settings', settings }).catch(() => undefined);
    void syncEnabledOrigins(settings.enabledOrigins).catch(() => undefined);
  }, forever.signal);

  void housekeeping();
});
