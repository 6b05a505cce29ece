/**
 * The call page's side of the extension (isolated world): learns from the page-world tap which
 * devices the call holds, confirms them (the page can forge the tap's reports), tells the
 * background, and shows the badge with the engine's readings.
 */
import { browser } from 'wxt/browser';
import { BadgeHost } from '@/src/content/badge-host';
import { confirmEnvOf, confirmTracks } from '@/src/content/confirm-tracks';
import { RelayFrame } from '@/src/content/relay-frame';
import { findParticipants, nameFromTile } from '@/src/content/participants';
import { runInDocuments } from '@/src/content/frame-documents';
import { parseMessage, type Message } from '@/src/messaging/protocol';
import { loadSettings, saveSettings, watchSettings } from '@/src/settings/store';
import { adapterFor } from '@/src/sites';
import { MEETING_SITE_MATCHES } from '@/src/sites/matches';
import { parseTapMessage } from '@/src/tap/tap-protocol';
import type { RemoteTrack, TrackInfo } from '@/src/core/schemas';
import type { Utterance } from '@/src/sites/captions/watch-captions';
import type { SessionReading } from '@/src/core/types';
import { siteEnabled, type Settings } from '@/src/settings/schema';
import { applyUiLanguage } from '@/src/ui/ui-language';
import type { LocaleMessages } from '@/src/ui/locale-messages';

/** No reading for this long during a call: the badge says so and asks the worker to check the engine. */
const STALE_AFTER_MS = 4000;
/** Tiles get their names and streams after the tracks arrive: look again this often. */
const PARTICIPANTS_RESCAN_MS = 2000;
const SPEAKER_RESCAN_MS = 400;

export default defineContentScript({
  matches: MEETING_SITE_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    const adapter = adapterFor(location.href);
    // Listeners go in synchronously: a page may open the camera before the settings load.
    let settings: Settings | null = null;
    /** The user turned the extension off on this (built-in) site: nothing is reported or shown. */
    const off = () => !settings || !siteEnabled(settings, adapter.id);
    // the badge's strings in the user's language; the worker reads the messages (this world cannot)
    let language: Settings['uiLanguage'] | null = null;
    const syncLanguage = () => {
      if (!settings || settings.uiLanguage === language) return;
      language = settings.uiLanguage;
      void applyUiLanguage(language, (locale) => send({ type: 'ui/locale-messages', locale }) as Promise<LocaleMessages | null>).then(() => redraw());
    };
    void loadSettings().then((loaded) => {
      settings ??= loaded;
      syncLanguage();
      // tracks reported before the settings were known wait for them
      if (framesTracks.size) void reportTracks();
      redraw();
    });
    let reading: SessionReading | null = null;
    let readingAt = 0;
    let engineError: string | undefined;
    let inCall = false;
    let stale = false;
    /** Each frame's last report (a page may capture in a same-origin iframe). */
    const framesTracks = new Map<string, TrackInfo[]>();
    /** The window each frame reported from: a removed frame's is closed, and its devices went with it. */
    const framesWindows = new Map<string, Window>();
    /** Each frame's tracks received from the other people (a client may run its call in a frame). */
    const framesRemote = new Map<string, RemoteTrack[]>();
    /** The tracks the page receives from the other people, in every frame. */
    let remoteTracks: RemoteTrack[] = [];
    const setRemote = (frame: string, tracks: RemoteTrack[] | null) => {
      if (tracks) framesRemote.set(frame, tracks);
      else framesRemote.delete(frame);
      // one track once: a frame the page reached into early may hold two taps, each reporting it
      const byId = new Map<string, RemoteTrack>();
      for (const t of [...framesRemote.values()].flat()) if (!byId.has(t.id)) byId.set(t.id, t);
      remoteTracks = [...byId.values()];
      if (!off()) reportParticipants();
    };
    const forgetFrame = (frame: string) => {
      framesWindows.delete(frame);
      const hadTracks = framesTracks.delete(frame);
      if (framesRemote.has(frame)) setRemote(frame, null);
      return hadTracks;
    };
    const forgetClosedFrames = () => {
      let changed = false;
      for (const [frame, win] of framesWindows) if (win.closed) changed = forgetFrame(frame) || changed;
      if (changed) void reportTracks();
    };
    /** The window whose tap holds what a relay request names: a received track, or the user's own devices of a kind. */
    const tapWindowFor = ({ track, kinds }: { track?: string; kinds: readonly string[] }): Window => {
      for (const [frame, win] of framesWindows) {
        if (win.closed) continue;
        const holds = track ? framesRemote.get(frame)?.some((t) => t.id === track) : framesTracks.get(frame)?.some((t) => kinds.includes(t.kind));
        if (holds) return win;
      }
      return window;
    };
    let reported = '';
    let reportedParticipants = '[]';
    const reportParticipants = () => {
      const participants = findParticipants(document, remoteTracks, (media) => adapter.features?.participantName?.(media) ?? nameFromTile(media), {
        speakingName: adapter.features?.speakingName,
        mixesAudio: adapter.features?.mixesAudio,
      });
      const key = JSON.stringify(participants);
      if (key === reportedParticipants) return;
      reportedParticipants = key;
      void send({ type: 'call/participants', participants });
    };

    const relay = new RelayFrame(tapWindowFor);
    // The site's live captions, read while the user is in a call and the text modality is on.
    let captions: AbortController | null = null;
    const syncCaptions = () => {
      const wanted = inCall && !!settings?.text && !!adapter.features?.captions;
      if (wanted && !captions) {
        captions = new AbortController();
        const readCaptions = adapter.features!.captions!;
        const emit = (u: Utterance) => void send({ type: 'call/caption', speaker: u.speaker, text: u.text, t: u.t });
        // the top page and its same-origin frames (app.zoom.us runs the meeting in one)
        runInDocuments(document, (doc, signal) => readCaptions(doc, emit, signal), captions.signal);
      } else if (!wanted && captions) {
        captions.abort();
        captions = null;
      }
    };
    const send = (message: Message) => browser.runtime.sendMessage(message).catch(() => undefined);
    const badge = new BadgeHost(
      (offset) => void saveSettings({ badgeOffset: offset }),
      () => void send({ type: 'ui/toggle-pause' }),
    );
    // For this extension's tests and benchmark: the isolated world's globals are invisible to the page.
    Object.assign(globalThis, { __emotionOverlayBadge: { root: () => badge.root, latencies: () => [...badge.latencies], error: () => engineError ?? null } });

    const othersCount = (r: SessionReading | null) => (r ? r.subjects.filter((s) => s.subject.kind !== 'self').length : 0);
    const redraw = () => {
      if (!settings) return;
      if (off()) {
        badge.remove();
        return;
      }
      syncCaptions();
      const others = othersCount(reading);
      // other participants can be analysed from the call tab even when the page holds no devices
      if (inCall || others > 0) badge.update({ reading, engineError, stale, settings, othersAnalysed: others > 0 ? others : null });
      else badge.remove();
    };

    const reportTracks = async () => {
      if (off()) return;
      // each frame's tracks confirmed by that frame (Firefox shows labels to the capturing document only)
      const perFrame = [...framesTracks].map(([frame, tracks]) => confirmTracks(tracks, confirmEnvOf(framesWindows.get(frame) ?? window)));
      const confirmed = (await Promise.all(perFrame)).flat();
      const key = JSON.stringify(confirmed);
      // a report of received tracks only, before the page opened any device, is no hang-up
      if (key === reported || (reported === '' && confirmed.length === 0)) {
        reported = key;
        return;
      }
      reported = key;
      inCall = confirmed.length > 0;
      if (inCall) {
        engineError = undefined;
        readingAt = Date.now();
        void send({ type: 'call/tracks', tracks: confirmed, site: adapter.id, title: adapter.meetingTitle(document), url: location.href });
      } else {
        reading = null;
        // the others' tracks may still be relayed (the user turned their own devices off)
        if (remoteTracks.length === 0) relay.remove();
        else relay.stop(['audio', 'video']);
        void send({ type: 'call/ended', reason: 'tracks-stopped' });
      }
      redraw();
    };

    ctx.addEventListener(window, 'message', (event: MessageEvent) => {
      // the top frame's tap, or a same-origin child frame's (whose tap posts to the top window)
      const from = event.source as Window | null;
      if (event.origin !== location.origin) return;
      const tap = parseTapMessage(event.data);
      if (!tap) return;
      if (!from) {
        // A frame's last words as its document goes (pagehide) arrive without a source. Taken only
        // to end what that frame reported: it can stop nothing it did not start.
        if (tap.tracks.length === 0 && tap.remote.length === 0 && forgetFrame(tap.frame)) void reportTracks();
        return;
      }
      if (from !== window && from.top !== window) return;
      framesTracks.set(tap.frame, tap.tracks);
      framesWindows.set(tap.frame, from);
      void reportTracks();
      setRemote(tap.frame, tap.remote);
    });

    const onMessage = (raw: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return;
      const message = parseMessage(raw);
      if (!message) return;
      if (message.type === 'engine/reading') {
        reading = message.reading;
        readingAt = Date.now();
        stale = false;
        // an engine failure is over once a modality reads again
        if (message.reading.subjects.some((s) => Object.values(s.readings).some((r) => r?.state === 'ok'))) engineError = undefined;
      } else if (message.type === 'relay/start') {
        void relay.start(message.kinds, message.token, message.fps, message.track);
        return;
      } else if (message.type === 'relay/stop') {
        relay.stop(message.kinds, message.track, message.token);
        return;
      } else if (message.type === 'relay/capture') {
        if (message.stop || !message.streamId) relay.stopCapture(message.token);
        else void relay.capture(message.token, message.streamId, message.fps);
        return;
      } else if (message.type === 'engine/error') {
        // Modality problems (blocked, lost) arrive as reading states; only engine failures stop it all.
        if (message.stream !== 'engine') return;
        engineError = message.message;
      } else return;
      redraw();
    };
    browser.runtime.onMessage.addListener(onMessage);

    // A crashed engine sends nothing: notice, say so, and ask the worker to restart it.
    const staleTimer = setInterval(() => {
      forgetClosedFrames();
      if (!inCall || reading?.paused || Date.now() - readingAt < STALE_AFTER_MS) return;
      stale = true;
      readingAt = Date.now(); // ask again after another STALE_AFTER_MS
      void send({ type: 'call/stale' });
      redraw();
    }, 1000);

    // a site with an active-speaker mark is looked at more often: who speaks changes by the second
    const rescanMs = adapter.features?.speakingName ? SPEAKER_RESCAN_MS : PARTICIPANTS_RESCAN_MS;
    const participantsTimer = setInterval(() => remoteTracks.length && !off() && reportParticipants(), rescanMs);

    ctx.onInvalidated(() => {
      clearInterval(staleTimer);
      clearInterval(participantsTimer);
      captions?.abort();
      browser.runtime.onMessage.removeListener(onMessage);
      badge.remove();
      relay.remove();
    });

    watchSettings((next) => {
      const wasOff = off();
      settings = next;
      syncLanguage();
      if (!wasOff && off()) {
        // turned off mid-call: the worker stops the engine; nothing more is sent from here
        if (inCall) void send({ type: 'call/ended', reason: 'disabled' });
        inCall = false;
        reported = '';
        reading = null;
        relay.remove();
        captions?.abort();
        captions = null;
      } else if (wasOff && !off() && framesTracks.size) void reportTracks();
      redraw();
    }, ctx.signal);

    // A closed tab is also caught by the background (tabs.onRemoved); this covers navigations.
    ctx.addEventListener(window, 'pagehide', () => {
      if (inCall) void send({ type: 'call/ended', reason: 'page-closed' });
    });
  },
});
