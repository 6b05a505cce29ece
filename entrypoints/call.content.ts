/**
 * The call page's side of the extension (isolated world): learns from the page-world tap which
 * devices the call holds, tells the background, and shows the badge with the engine's readings.
 */
import { browser } from 'wxt/browser';
import { BadgeHost } from '@/src/content/badge-host';
import { RelayFrame } from '@/src/content/relay-frame';
import { parseMessage, type Message } from '@/src/messaging/protocol';
import { loadSettings, saveSettings, watchSettings } from '@/src/settings/store';
import { adapterFor } from '@/src/sites';
import { MEETING_SITE_MATCHES } from '@/src/sites/matches';
import { parseTapMessage } from '@/src/tap/tap-protocol';
import type { LiveReading } from '@/src/core/types';
import type { Settings } from '@/src/settings/schema';

export default defineContentScript({
  matches: MEETING_SITE_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    const adapter = adapterFor(location.href);
    // Listeners go in synchronously: a page may open the camera before the settings load.
    let settings: Settings | null = null;
    void loadSettings().then((loaded) => {
      settings ??= loaded;
      redraw();
    });
    let reading: LiveReading | null = null;
    let engineError: string | undefined;
    let inCall = false;

    const relay = new RelayFrame();
    const send = (message: Message) => browser.runtime.sendMessage(message).catch(() => undefined);
    const badge = new BadgeHost(
      (offset) => void saveSettings({ badgeOffset: offset }),
      () => void send({ type: 'ui/toggle-pause' }),
    );
    const redraw = () => {
      // other participants can be analysed from the call tab even when the page holds no devices
      if (!settings) return;
      if (inCall || reading?.subject === 'remote') badge.update({ reading, engineError, settings, subject: reading?.subject ?? 'self' });
      else badge.remove();
    };

    ctx.addEventListener(window, 'message', (event: MessageEvent) => {
      if (event.source !== window) return;
      const tap = parseTapMessage(event.data);
      if (!tap) return;
      inCall = tap.tracks.length > 0;
      if (inCall) {
        engineError = undefined;
        void send({ type: 'call/tracks', tracks: tap.tracks, site: adapter.id, title: adapter.meetingTitle(document), url: location.href, subject: 'self' });
      } else {
        reading = null;
        relay.remove();
        void send({ type: 'call/ended', reason: 'tracks-stopped' });
      }
      redraw();
    });

    const onMessage = (raw: unknown) => {
      const message = parseMessage(raw);
      if (!message) return;
      if (message.type === 'engine/reading') {
        reading = message.reading;
        // an engine failure is over once a stream reads again
        if (message.reading.face.state === 'ok' || message.reading.voice.state === 'ok') engineError = undefined;
      } else if (message.type === 'relay/start') {
        void relay.start(message.kinds, message.token, message.fps);
        return;
      } else if (message.type === 'relay/stop') {
        relay.stop(message.kinds);
        return;
      } else if (message.type === 'engine/error') {
        // Stream problems (blocked, lost) arrive as reading states; only engine failures stop it all.
        if (message.stream !== 'engine') return;
        engineError = message.message;
      } else return;
      redraw();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      badge.remove();
      relay.remove();
    });

    watchSettings((next) => {
      settings = next;
      redraw();
    }, ctx.signal);

    // A closed tab is also caught by the background (tabs.onRemoved); this covers navigations.
    ctx.addEventListener(window, 'pagehide', () => {
      if (inCall) void send({ type: 'call/ended', reason: 'page-closed' });
    });
  },
});
