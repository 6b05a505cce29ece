import { browser } from 'wxt/browser';
import { RELAY_FRAME_ATTRIBUTE, RELAY_REQUEST_SOURCE, type RelayKind, type RelayRequest } from '../relay/relay-protocol';

/**
 * The call page's end of the fallback relay: a hidden extension iframe (web-accessible
 * /relay.html) and the requests that tell the page-world tap what to pump into it.
 */
export class RelayFrame {
  private frame: HTMLIFrameElement | null = null;
  private loaded: Promise<void> | null = null;

  async start(kinds: RelayKind[], token: string, fps: number): Promise<void> {
    await this.ensureFrame();
    this.request({ source: RELAY_REQUEST_SOURCE, kinds, token, fps });
  }

  stop(kinds: RelayKind[]): void {
    if (this.frame) this.request({ source: RELAY_REQUEST_SOURCE, kinds, token: '', fps: 1, stop: true });
  }

  remove(): void {
    this.stop(['audio', 'video']);
    this.frame?.remove();
    this.frame = null;
    this.loaded = null;
  }

  private request(request: RelayRequest) {
    window.postMessage(request, location.origin === 'null' ? '*' : location.origin);
  }

  private ensureFrame(): Promise<void> {
    if (this.loaded) return this.loaded;
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
