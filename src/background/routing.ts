/**
 * The service worker's message routing: each message is parsed, its sender's role checked against
 * the types that role may send, and handed to the concern that owns it.
 */
import { browser, type Browser } from 'wxt/browser';
import { parseMessage, type Message } from '../messaging/protocol';
import { mayReceive, senderRole, type SenderRole } from '../messaging/senders';
import { loadSettings, saveSettings } from '../settings/store';
import { getActiveCall, liveReadings } from './call-registry';
import { analyseParticipants, endCall, recoverCall, serially, startCall, stopCall, togglePause, updateParticipants } from './call-lifecycle';
import { sendToOffscreen } from './offscreen-document';
import { readBackendChoice, storageChoiceStore } from '../ml/backend-choice';
import { recordingStateCommand, startRecordingCommand, stopRecordingCommand } from '../files/recording/worker-commands';
import { siteEnabled } from '../settings/schema';
import { fetchLocaleMessages } from '../ui/locale-messages';
import { markLiveMeeting } from './markers';

const extensionOrigin = () => new URL(browser.runtime.getURL('/popup.html')).origin;

async function handle(message: Message, sender: Browser.runtime.MessageSender, role: SenderRole): Promise<unknown> {
  const senderTab = sender.tab?.id;
  const asker = { role, tabId: senderTab, frameId: sender.frameId };
  switch (message.type) {
    case 'call/tracks':
      if (senderTab === undefined || sender.frameId !== 0) return;
      if (message.tracks.length === 0) return serially(() => stopCall(senderTab));
      // the user turned the extension off on this site: its content script stays quiet, and this holds if it did not
      if (!siteEnabled(await loadSettings(), message.site)) return serially(() => stopCall(senderTab));
      return serially(() => startCall(message, senderTab));
    case 'call/stale':
      // the badge saw no reading for a while: check the engine, restart it if it died
      if (senderTab === undefined || sender.frameId !== 0) return;
      return serially(() => recoverCall(senderTab));
    case 'call/caption': {
      // the call's own caption line, to the engine running this tab's call (never stored here)
      const active = await getActiveCall();
      if (senderTab === undefined || sender.frameId !== 0 || active?.tabId !== senderTab) return;
      await sendToOffscreen({ type: 'engine/caption', sessionId: active.sessionId, speaker: message.speaker, text: message.text, t: message.t }).catch(() => undefined);
      return;
    }
    case 'call/participants':
      if (senderTab === undefined || sender.frameId !== 0) return;
      return serially(() => updateParticipants(senderTab, message.participants));
    case 'call/ended':
      if (senderTab === undefined || sender.frameId !== 0) return;
      return serially(() => endCall(senderTab));
    case 'engine/reading':
    case 'engine/error':
    case 'relay/start':
    case 'relay/stop': {
      // From the engine, for the active call's current session only: an older session's reading
      // in flight after a hang-up or restart never reaches the page.
      const active = await getActiveCall();
      const sessionId = message.type === 'engine/reading' ? message.reading.sessionId : message.sessionId;
      if (!active || active.tabId !== message.tabId || (sessionId !== undefined && sessionId !== active.sessionId)) return;
      if (message.type === 'engine/reading') liveReadings.set(message.tabId, message.reading);
      await browser.tabs.sendMessage(message.tabId, message).catch(() => undefined);
      return;
    }
    case 'engine/recording': {
      // the engine's recording started or ended: the call's badge shows (or drops) its REC
      const active = await getActiveCall();
      if (active?.tabId !== message.tabId) return;
      await browser.tabs.sendMessage(message.tabId, message).catch(() => undefined);
      return;
    }
    case 'ui/record-start':
      return startRecordingCommand(message, asker);
    case 'ui/record-stop':
      return stopRecordingCommand(message, asker);
    case 'ui/record-state':
      return recordingStateCommand(message, asker);
    case 'engine/backend-choice':
      return readBackendChoice();
    case 'engine/backend-calibrated':
      await storageChoiceStore.writeCalibration(message.calibration);
      return;
    case 'ui/get-live':
      return liveReadings.get(message.tabId);
    case 'ui/analyse-participants':
      return serially(() => analyseParticipants(message.tabId, message.enable)).catch((error) => ({ ok: false, error: String(error) }));
    case 'ui/add-marker': {
      // the badge marks its own tab's meeting, whatever it says; the popup names the tab it shows
      const fromContent = senderRole(sender, browser.runtime.id, extensionOrigin()) === 'content';
      const tab = fromContent ? senderTab : message.tabId;
      if (tab === undefined) return { ok: false, error: 'no-live-meeting' };
      return markLiveMeeting(tab, message.note).catch((error) => ({ ok: false, error: String(error) }));
    }
    case 'ui/locale-messages':
      return fetchLocaleMessages(message.locale);
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

export function listenForMessages(): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const message = parseMessage(raw);
    if (!message) return undefined;
    const role = senderRole(sender, browser.runtime.id, extensionOrigin());
    if (!mayReceive(message.type, role)) return undefined;
    return handle(message, sender, role).catch((error) => {
      console.error('emotion-overlay:', message.type, error);
      return undefined;
    });
  });
}
