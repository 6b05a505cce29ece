import { browser } from 'wxt/browser';
import { RELAY_CAPTURE_SOURCE, RELAY_FRAME_ATTRIBUTE, RELAY_PORT_SOURCE, RELAY_REQUEST_SOURCE, type RelayCaptureMessage, type RelayKind, type RelayPortMessage, type RelayRequest } from '../relay/relay-protocol';

/**
 * The call page's end of the relay: a hidden extension iframe (web-accessible /relay.html) and,
 * per request, a fresh MessageChannel whose ends go to the iframe (with the engine's token,
 * invisible to the page) and to the page-world tap (which hides it from the page). A request
 * names the own device's kinds, or one of the other participants' tracks; it goes to the tap of
 * the frame that holds them (`tapWindowFor`: the top window, or a same-origin frame's).
 */
export class RelayFrame {
  constructor(private readonly tapWindowFor: (target: { track?: string; kinds: readonly RelayKind[] }) => Window = () => window) {}

  private frame: HTMLIFrameElement | null = null;
  private loaded: Promise<void> | null = null;
  private readonly extensionOrigin = new URL(browser.runtime.getURL('/relay.html')).origin;

  async start(kinds: RelayKind[], token: string, fps: number, track?: string): Promise<void> {
    await this.ensureFrame();
    const channel = new MessageChannel();
    const toFrame: RelayPortMessage = { source: RELAY_PORT_SOURCE, token };
    this.frame?.contentWindow?.postMessage(toFrame, this.extensionOrigin, [channel.port1]);
    this.request({ source: RELAY_REQUEST_SOURCE, kinds, fps, ...(track ? { tracks: [track] } : {}) }, [channel.port2], track);
  }

  stop(kinds: RelayKind[], track?: string, token?: string): void {
    if (!this.frame) return;
    this.request({ source: RELAY_REQUEST_SOURCE, kinds, fps: 1, stop: true, ...(track ? { tracks: [track] } : {}) }, [], track);
    if (token) this.frame.contentWindow?.postMessage({ source: RELAY_PORT_SOURCE, token, close: true } satisfies RelayPortMessage, this.extensionOrigin);
  }

  /** The tab capture the service worker opened for the user's opt-in: the frame relays it under `token`. */
  async capture(token: string, streamId: string, fps: number): Promise<void> {
    await this.ensureFrame();
    const message: RelayCaptureMessage = { source: RELAY_CAPTURE_SOURCE, token, streamId, fps };
    this.frame?.contentWindow?.postMessage(message, this.extensionOrigin);
  }

  stopCapture(token: string): void {
    const message: RelayCaptureMessage = { source: RELAY_CAPTURE_SOURCE, token, fps: 1, stop: true };
    this.frame?.contentWindow?.postMessage(message, this.extensionOrigin);
  }

  remove(): void {
    this.stop(['audio', 'video']);
    this.frame?.remove();
    this.frame = null;
    this.loaded = null;
  }

  private request(request: RelayRequest, transfer: Transferable[], track?: string) {
    // the tap's frame is of this page's origin (the tap reports to the top only from such frames)
    this.tapWindowFor({ track, kinds: request.kinds }).postMessage(request, location.origin === 'null' ? '*' : location.origin, transfer);
  }

  private ensureFrame(): Promise<void> {
    if (this.loaded && this.frame?.isConnected) return this.loaded;
    const frame = document.createElement('iframe');
    frame.setAttribute(RELAY_FRAME_ATTRIBUTE, '');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText = 'position: fixed; width: 0; height: 0; border: 0; opacity: 0; pointer-events: none;';
    frame.src = browser.runtime.getURL('/relay.html');
    this.frame = frame;
    this.loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    (document.body ?? document.documentElement).append(frame);
    return this.loaded;
  }
}
