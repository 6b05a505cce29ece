/**
 * The other participants' media as the page itself receives it: every remote track of every
 * RTCPeerConnection the page opens. The tap adds its own 'track' listener to a connection the
 * first time the page sets a remote description on it (before the native call, so the events of
 * that very description are seen); a connection the page closes forgets its tracks.
 */
import type { RemoteTrack } from '../core/schemas';

type Wrap = (owner: object, name: string, apply: ProxyHandler<(...args: never[]) => unknown>['apply']) => void;

export interface RemoteTrackTap {
  /** Live remote tracks by id (the relay pumps one on request). */
  readonly live: Map<string, MediaStreamTrack>;
  list(): RemoteTrack[];
  /** Forgets every track (the frame's document is going). */
  clear(): void;
}

const MAX_REMOTE_TRACKS = 64;

/** `frame` names the reporting frame's tap: connections of two frames are never taken for one. */
export function tapRemoteTracks(win: Window & typeof globalThis, wrapMethod: Wrap, changed: () => void, frame: string): RemoteTrackTap | null {
  const pcProto = win.RTCPeerConnection?.prototype;
  if (!pcProto?.setRemoteDescription) return null;
  // natives captured now, before any page script can replace them
  const addListener = win.EventTarget.prototype.addEventListener;
  const live = new Map<string, MediaStreamTrack>();
  const info = new Map<string, RemoteTrack>();
  const byPeer = new Map<object, Set<string>>();
  let nextPeer = 1;
  const peerIds = new WeakMap<object, string>();

  const forget = (id: string) => {
    if (live.delete(id)) {
      info.delete(id);
      changed();
    }
  };
  const forgetPeer = (pc: object) => {
    for (const id of byPeer.get(pc) ?? []) forget(id);
    byPeer.delete(pc);
  };
  const watch = (pc: RTCPeerConnection) => {
    if (peerIds.has(pc)) return;
    const peer = `${frame}/pc${nextPeer++}`;
    peerIds.set(pc, peer);
    byPeer.set(pc, new Set());
    addListener.call(pc, 'track', ((event: RTCTrackEvent) => {
      const track = event.track;
      if ((track.kind !== 'audio' && track.kind !== 'video') || live.size >= MAX_REMOTE_TRACKS) return;
      live.set(track.id, track);
      info.set(track.id, { id: track.id.slice(0, 128), kind: track.kind, peer, stream: (event.streams[0]?.id ?? '').slice(0, 128) });
      byPeer.get(pc)?.add(track.id);
      addListener.call(track, 'ended', () => forget(track.id), { once: true });
      changed();
    }) as EventListener);
    addListener.call(pc, 'connectionstatechange', () => {
      if (pc.connectionState === 'closed' || pc.connectionState === 'failed') forgetPeer(pc);
    });
  };

  wrapMethod(pcProto, 'setRemoteDescription', (target, thisArg, args) => {
    watch(thisArg as RTCPeerConnection);
    return Reflect.apply(target, thisArg, args);
  });
  wrapMethod(pcProto, 'close', (target, thisArg, args) => {
    const result = Reflect.apply(target, thisArg, args);
    forgetPeer(thisArg as object);
    return result;
  });
  const clear = () => {
    live.clear();
    info.clear();
    byPeer.clear();
  };
  return { live, list: () => [...info.values()], clear };
}
