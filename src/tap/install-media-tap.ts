import type { TrackInfo } from '../messaging/protocol';
import { parseRelayRequest, RELAY_FRAME_ATTRIBUTE, type RelayChunk, type RelayKind } from '../relay/relay-protocol';
import { startMediaPump } from './media-pump';
import { TAP_SOURCE, type TapMessage } from './tap-protocol';

/**
 * Runs in the page's own JavaScript world at document_start: wraps getUserMedia so that we learn
 * which camera and microphone the call opened, and MediaStreamTrack.stop so that we learn when it
 * lets go of them ('ended' does not fire when the page itself stops a track).
 */
export function installMediaTap(win: Window & typeof globalThis = window): void {
  const mediaDevices = win.navigator.mediaDevices;
  if (!mediaDevices?.getUserMedia || (mediaDevices as { __emotionOverlayTap?: boolean }).__emotionOverlayTap) return;
  (mediaDevices as { __emotionOverlayTap?: boolean }).__emotionOverlayTap = true;

  const live = new Set<MediaStreamTrack>();
  let lastReport = '';

  const report = () => {
    const tracks: TrackInfo[] = [];
    const seen = new Set<string>();
    for (const track of live) {
      const key = `${track.kind}:${track.label}`;
      if (seen.has(key) || (track.kind !== 'audio' && track.kind !== 'video')) continue;
      seen.add(key);
      tracks.push({ kind: track.kind, label: track.label });
    }
    const serialized = JSON.stringify(tracks);
    if (serialized === lastReport) return;
    lastReport = serialized;
    const message: TapMessage = { source: TAP_SOURCE, tracks };
    win.postMessage(message, win.location.origin === 'null' ? '*' : win.location.origin);
  };

  // A page that hangs up stops its tracks one by one: report once, after the loop, not per track.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const scheduleReport = () => {
    clearTimeout(pending);
    pending = setTimeout(report, 50);
  };
  const forget = (track: MediaStreamTrack) => {
    if (live.delete(track)) scheduleReport();
  };

  const originalGetUserMedia = mediaDevices.getUserMedia.bind(mediaDevices);
  mediaDevices.getUserMedia = async function getUserMedia(constraints?: MediaStreamConstraints) {
    const stream = await originalGetUserMedia(constraints);
    for (const track of stream.getTracks()) {
      if (track.readyState !== 'live') continue;
      live.add(track);
      track.addEventListener('ended', () => forget(track), { once: true });
    }
    scheduleReport();
    return stream;
  };

  // Fallback channel: on request, pump the call's own frames and audio into the relay iframe.
  const pumps = new Map<RelayKind, AbortController>();
  win.addEventListener('message', (event) => {
    if (event.source !== win) return;
    const request = parseRelayRequest(event.data);
    if (!request) return;
    for (const kind of request.kinds) {
      pumps.get(kind)?.abort();
      pumps.delete(kind);
      if (request.stop) continue;
      const track = [...live].reverse().find((t) => t.kind === kind && t.readyState === 'live');
      const frame = win.document.querySelector<HTMLIFrameElement>(`iframe[${RELAY_FRAME_ATTRIBUTE}]`);
      if (!track || !frame?.contentWindow) continue;
      const relay = frame.contentWindow;
      const relayOrigin = new URL(frame.src).origin;
      const controller = new AbortController();
      pumps.set(kind, controller);
      const post = (chunk: RelayChunk, transfer: Transferable[]) => relay.postMessage(chunk, relayOrigin, transfer);
      startMediaPump(track, request.token, request.fps, post, controller.signal);
    }
  });

  const originalStop = win.MediaStreamTrack.prototype.stop;
  win.MediaStreamTrack.prototype.stop = function stop(this: MediaStreamTrack) {
    originalStop.call(this);
    forget(this);
  };
}
