/**
 * Runs in the page's own JavaScript world at document_start, in the top frame and in same-origin
 * child frames: learns which camera and microphone tracks the page holds, and when it lets go of
 * them ('ended' does not fire when the page itself stops a track). It wraps, on the prototypes,
 * getUserMedia, MediaStreamTrack.clone and MediaStreamTrack.stop, with proxies that look native
 * to the page: no marker property, native `toString`, no extension frames in error stacks. It also
 * lists the tracks the frame receives from the other people, and pumps one into the relay's port
 * when the call script asks.
 */
import { RELAY_REQUEST_SOURCE, relayRequestSchema, type PumpChunk } from '../relay/relay-protocol';
import { startMediaPump } from './media-pump';
import { TAP_SOURCE, type TapMessage } from './tap-protocol';
import { tapRemoteTracks } from './remote-tracks';
import type { TrackInfo } from '../core/schemas';

const tapped = new WeakSet<object>();
/** Our proxies -> the natives they stand for, so Function.prototype.toString answers for the native. */
const natives = new WeakMap<object, object>();

type AnyFn = (...args: never[]) => unknown;

function disguise(win: Window & typeof globalThis): void {
  const fnProto = win.Function.prototype;
  if (tapped.has(fnProto)) return;
  tapped.add(fnProto);
  const toString = fnProto.toString;
  const proxy = new Proxy(toString, {
    apply: (target, thisArg, args) => Reflect.apply(target, natives.get(thisArg) ?? thisArg, args),
  });
  natives.set(proxy, toString);
  Object.defineProperty(fnProto, 'toString', { ...Object.getOwnPropertyDescriptor(fnProto, 'toString'), value: proxy });
}

/** Wraps an accessor's getter the same way (e.g. HTMLIFrameElement.prototype.contentWindow). */
function wrapGetter(owner: object, name: string, apply: ProxyHandler<AnyFn>['apply']): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, name);
  const native = descriptor?.get as AnyFn | undefined;
  if (typeof native !== 'function') return;
  const proxy = new Proxy(native, { apply });
  natives.set(proxy, native);
  Object.defineProperty(owner, name, { ...descriptor, get: proxy as () => unknown });
}

function wrapMethod<T extends object>(owner: T, name: keyof T & string, apply: ProxyHandler<AnyFn>['apply']): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, name);
  const native = descriptor?.value as AnyFn | undefined;
  if (typeof native !== 'function') return;
  const proxy = new Proxy(native, { apply });
  natives.set(proxy, native);
  Object.defineProperty(owner, name, { ...descriptor, value: proxy });
}

/** Extension frames out of an error's stack, so a rejected call does not reveal the extension. */
function scrubStack(error: unknown): unknown {
  if (error && typeof error === 'object' && typeof (error as Error).stack === 'string') {
    const lines = (error as Error).stack!.split('\n').filter((l) => !/(chrome|moz)-extension:\/\//.test(l));
    try {
      (error as Error).stack = lines.join('\n');
    } catch {
      /* frozen: leave it */
    }
  }
  return error;
}

const randomId = () => Math.random().toString(36).slice(2, 12);

export function installMediaTap(win: Window & typeof globalThis = window): void {
  const proto = win.MediaDevices?.prototype;
  if (!proto?.getUserMedia || tapped.has(proto)) return;
  tapped.add(proto);
  disguise(win);

  const frameId = randomId();
  const live = new Set<MediaStreamTrack>();
  // Natives captured now, before any page script can replace them.
  const post = win.postMessage.bind(win);
  // A same-origin child frame (about:blank ones included, whose location says "null") reports to the
  // top window; under a cross-origin parent a frame reports to itself (its own call script, if any).
  let top: Window = win;
  try {
    if (win.top && win.top !== win && win.top.document) top = win.top;
  } catch {
    top = win;
  }
  const postTop = top === win ? post : top.postMessage.bind(top);
  const targetOrigin = win.origin === 'null' ? '*' : win.origin;
  let lastReport = '';
  // the other participants' tracks this frame receives
  let remote: ReturnType<typeof tapRemoteTracks> = null;

  const report = () => {
    const tracks: TrackInfo[] = [];
    const seen = new Set<string>();
    for (const track of live) {
      const key = `${track.kind}:${track.label}`;
      if (seen.has(key) || (track.kind !== 'audio' && track.kind !== 'video')) continue;
      seen.add(key);
      tracks.push({ kind: track.kind, label: track.label.slice(0, 512) });
    }
    const remoteTracks = remote?.list() ?? [];
    const serialized = JSON.stringify([tracks, remoteTracks]);
    if (serialized === lastReport) return;
    lastReport = serialized;
    const message: TapMessage = { source: TAP_SOURCE, frame: frameId, tracks: tracks.slice(0, 16), remote: remoteTracks };
    postTop(message, targetOrigin);
  };

  // A page that hangs up stops its tracks one by one: report once, after the loop, not per track.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const scheduleReport = () => {
    clearTimeout(pending);
    pending = setTimeout(report, 50);
  };
  const remember = (track: MediaStreamTrack) => {
    if (track.readyState !== 'live' || live.has(track)) return;
    live.add(track);
    track.addEventListener('ended', () => forget(track), { once: true });
    scheduleReport();
  };
  const forget = (track: MediaStreamTrack) => {
    if (live.delete(track)) scheduleReport();
  };

  wrapMethod(proto, 'getUserMedia', (target, thisArg, args) =>
    (Reflect.apply(target, thisArg, args) as Promise<MediaStream>).then(
      (stream) => {
        stream.getTracks().forEach(remember);
        return stream;
      },
      (error) => {
        throw scrubStack(error);
      },
    ),
  );
  const trackProto = win.MediaStreamTrack.prototype;
  wrapMethod(trackProto, 'clone', (target, thisArg, args) => {
    const clone = Reflect.apply(target, thisArg, args) as MediaStreamTrack;
    // a clone of a capture track holds the same device: the page may stop the original and keep it
    if (live.has(thisArg as MediaStreamTrack)) remember(clone);
    return clone;
  });
  wrapMethod(trackProto, 'stop', (target, thisArg, args) => {
    Reflect.apply(target, thisArg, args);
    forget(thisArg as MediaStreamTrack);
  });

  // A same-origin child frame gets the tap the moment the page reaches into it, before the content
  // script injection (which an about:blank frame may not get in time): no pristine getUserMedia there.
  const frameProto = win.HTMLIFrameElement?.prototype;
  if (frameProto) {
    const tapChild = (w: unknown) => {
      try {
        if (w) installMediaTap(w as Window & typeof globalThis);
      } catch {
        /* cross-origin: its own content scripts, if any, tap it */
      }
    };
    wrapGetter(frameProto, 'contentWindow', (target, thisArg, args) => {
      const child = Reflect.apply(target, thisArg, args);
      tapChild(child);
      return child;
    });
    wrapGetter(frameProto, 'contentDocument', (target, thisArg, args) => {
      const doc = Reflect.apply(target, thisArg, args) as Document | null;
      tapChild(doc?.defaultView);
      return doc;
    });
  }

  // The tracks the page receives, in every frame: a client may run its call in a same-origin frame.
  remote = tapRemoteTracks(win, wrapMethod as never, scheduleReport, frameId);
  if (top !== win) {
    // A frame that navigates or is removed loses its devices and received tracks without an `ended`
    // event: say so, or the top frame would count the call as still holding them.
    win.addEventListener('pagehide', () => {
      live.clear();
      remote?.clear();
      for (const pump of pumps.values()) pump.abort();
      pumps.clear();
      report();
    });
  }

  // Fallback channel: on request, pump the call's own frames and audio into the relay's port.
  // A capture listener registered at document_start runs before any the page adds, and stops the
  // event: the port never reaches the page's own listeners.
  // keyed by kind (the user's own device) or `track:<id>` (another participant's track)
  const pumps = new Map<string, AbortController>();
  const startPump = (key: string, track: MediaStreamTrack | undefined, port: MessagePort, fps: number) => {
    if (!track || track.readyState !== 'live') return;
    const controller = new AbortController();
    pumps.set(key, controller);
    const send = (chunk: PumpChunk, transfer: Transferable[]) => port.postMessage(chunk, transfer);
    startMediaPump(track, fps, send, controller.signal);
  };
  win.addEventListener(
    'message',
    (event) => {
      // requests come from this frame's own content script or, in a same-origin frame, the top frame's
      // (the relay's end lives there); a page that forges one can only pump its own media to its own port
      if ((event.source !== win && event.source !== top) || (event.data as { source?: unknown } | null)?.source !== RELAY_REQUEST_SOURCE) return;
      event.stopImmediatePropagation();
      const parsed = relayRequestSchema.safeParse(event.data);
      if (!parsed.success) return;
      const request = parsed.data;
      const port = event.ports[0];
      if (request.tracks) {
        for (const id of request.tracks) {
          pumps.get(`track:${id}`)?.abort();
          pumps.delete(`track:${id}`);
          if (!request.stop && port) startPump(`track:${id}`, remote?.live.get(id), port, request.fps);
        }
        return;
      }
      for (const kind of request.kinds) {
        pumps.get(kind)?.abort();
        pumps.delete(kind);
        if (request.stop || !port) continue;
        startPump(kind, [...live].reverse().find((t) => t.kind === kind && t.readyState === 'live'), port, request.fps);
      }
    },
    true,
  );
}
