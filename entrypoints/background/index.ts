/**
 * The service worker: routes messages (src/background/routing.ts), runs call lifecycles
 * (call-lifecycle.ts), owns the offscreen document and start-up housekeeping. It may be stopped at
 * any time: what must survive lives in storage.session and in the offscreen document, which keeps
 * analysing while the worker sleeps.
 */
import { browser } from 'wxt/browser';
import { watchActionBadge } from '@/src/background/action-badge';
import { getActiveCall } from '@/src/background/call-registry';
import { serially, stopCall, togglePause } from '@/src/background/call-lifecycle';
import { syncEnabledOrigins } from '@/src/background/enabled-origins';
import { housekeeping } from '@/src/background/housekeeping';
import { sendToOffscreen } from '@/src/background/offscreen-document';
import { listenForMessages } from '@/src/background/routing';
import { engineSettings } from '@/src/settings/schema';
import { loadSettings, saveSettings, watchSettings } from '@/src/settings/store';

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  listenForMessages();
  watchActionBadge();

  browser.commands?.onCommand.addListener((command) => {
    if (command === 'toggle-pause') void togglePause();
    if (command === 'toggle-badge') void loadSettings().then((s) => saveSettings({ badgeVisible: !s.badgeVisible }));
  });

  browser.tabs.onRemoved.addListener((tabId) => void serially(() => stopCall(tabId)));

  const forever = new AbortController();
  watchSettings((settings) => {
    // A running engine applies face/voice on-off, smoothing and the analysis rate at once.
    void getActiveCall().then(
      (active) =>
        active && sendToOffscreen({ type: 'engine/settings', sessionId: active.sessionId, settings: engineSettings(settings) }).catch(() => undefined),
    );
    void syncEnabledOrigins(settings.enabledOrigins).catch(() => undefined);
  }, forever.signal);

  void serially(() => housekeeping());
});
