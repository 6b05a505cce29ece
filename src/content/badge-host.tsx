import { render } from 'preact';
import { Badge } from '../badge/Badge';
import { badgeCss } from '../badge/badge-css';
import { badgeStatusFrom } from '../badge/status';
import { saveSettings } from '../settings/store';
import type { Settings } from '../settings/schema';
import type { SessionReading } from '../core/types';

export interface BadgeHostState {
  reading: SessionReading | null;
  engineError?: string;
  /** No reading arrived for a while although the call runs. */
  stale: boolean;
  settings: Settings;
  /** Others analysed in this call (count), or null when only the user is. */
  othersAnalysed: number | null;
}

/**
 * Owns the badge on the call page, in a closed shadow root: the page's CSS stays out and ours in,
 * and the page's scripts cannot reach into it to read a reading. The host element takes no space
 * and no pointer events outside the badge. A page that replaces its body (single-page apps do)
 * gets the badge back: the host watches the document and re-attaches.
 */
export class BadgeHost {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private observer: MutationObserver | null = null;
  private last: BadgeHostState | null = null;
  /** Frame-to-badge latencies in ms, newest last: read by the benchmark through the isolated world. */
  readonly latencies: number[] = [];

  constructor(
    private readonly onMove: (offset: { x: number; y: number }) => void,
    private readonly onTogglePause: () => void,
  ) {}

  update(state: BadgeHostState): void {
    this.last = state;
    if (!state.settings.badgeVisible) return this.remove();
    if (!this.mount) this.create();
    this.attach();
    if (state.reading) {
      this.latencies.push(Date.now() - state.reading.t);
      if (this.latencies.length > 1000) this.latencies.splice(0, this.latencies.length - 1000);
    }
    render(
      <Badge
        reading={state.reading}
        status={badgeStatusFrom(state.reading, state.engineError, state.stale)}
        position={state.settings.badgePosition}
        offset={state.settings.badgeOffset}
        onMove={this.onMove}
        onTogglePause={this.onTogglePause}
        othersAnalysed={state.othersAnalysed}
        compact={state.settings.badgeCompact}
        onToggleCompact={() => void saveSettings({ badgeCompact: !state.settings.badgeCompact }).catch(() => undefined)}
      />,
      this.mount!,
    );
  }

  /** The shadow content, for this extension's own tests and benchmark (never exposed to the page). */
  get root(): HTMLElement | null {
    return this.mount;
  }

  remove(): void {
    this.observer?.disconnect();
    this.observer = null;
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = this.mount = null;
  }

  private attach() {
    if (this.host && !this.host.isConnected) (document.body ?? document.documentElement).append(this.host);
  }

  private create() {
    this.host = document.createElement('emotion-overlay-badge');
    this.host.style.cssText = 'all: initial; position: fixed; inset: 0 auto auto 0; width: 0; height: 0; z-index: 2147483647;';
    const shadow = this.host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = badgeCss;
    this.mount = document.createElement('div');
    shadow.append(style, this.mount);
    this.attach();
    this.observer = new MutationObserver(() => {
      if (this.host && !this.host.isConnected && this.last) this.attach();
    });
    this.observer.observe(document.documentElement, { childList: true, subtree: true });
  }
}
