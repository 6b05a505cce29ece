import { render } from 'preact';
import { Badge } from '../badge/Badge';
import { badgeCss } from '../badge/badge-css';
import { badgeStatusFrom } from '../badge/status';
import type { Settings } from '../settings/schema';
import type { LiveReading, Subject } from '../core/types';

export interface BadgeHostState {
  reading: LiveReading | null;
  engineError?: string;
  settings: Settings;
  subject: Subject;
}

/**
 * Owns the badge's shadow root on the call page. The shadow root keeps the page's CSS out and
 * ours in; the host element takes no space and no pointer events outside the badge.
 */
export class BadgeHost {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  /** Frame-to-badge latencies in ms, newest last: read by the benchmark. */
  readonly latencies: number[] = [];
  private updates = 0;

  constructor(
    private readonly onMove: (offset: { x: number; y: number }) => void,
    private readonly onTogglePause: () => void,
  ) {}

  update(state: BadgeHostState): void {
    if (!state.settings.badgeVisible) return this.remove();
    if (!this.mount) this.create();
    // The badge says "error"; the host's tooltip says which.
    this.host!.title = state.engineError ?? '';
    if (state.reading) {
      this.latencies.push(Date.now() - state.reading.t);
      if (this.latencies.length > 1000) this.latencies.splice(0, this.latencies.length - 1000);
      this.host!.dataset.latencyMs = String(this.latencies[this.latencies.length - 1]);
      this.host!.dataset.updates = String(++this.updates);
    }
    render(
      <Badge
        reading={state.reading}
        status={badgeStatusFrom(state.reading, state.engineError)}
        position={state.settings.badgePosition}
        offset={state.settings.badgeOffset}
        onMove={this.onMove}
        onTogglePause={this.onTogglePause}
        subject={state.subject}
      />,
      this.mount!,
    );
  }

  remove(): void {
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = this.mount = null;
  }

  private create() {
    this.host = document.createElement('emotion-overlay-badge');
    this.host.style.cssText = 'all: initial; position: fixed; inset: 0 auto auto 0; width: 0; height: 0; z-index: 2147483647;';
    const shadow = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = badgeCss;
    this.mount = document.createElement('div');
    shadow.append(style, this.mount);
    (document.body ?? document.documentElement).append(this.host);
  }
}
