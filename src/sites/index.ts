import { demo } from './demo';
import { generic } from './generic';
import { googleMeet } from './google-meet';
import { jitsi } from './jitsi';
import type { SiteAdapter } from './site-adapter';
import { teams } from './teams';
import { whereby } from './whereby';
import { zoom } from './zoom';

export type { SiteAdapter } from './site-adapter';

/** Specific adapters first; `generic` catches every other page the content script runs on. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [googleMeet, zoom, teams, jitsi, whereby, demo, generic];

export function adapterFor(url: string | URL): SiteAdapter {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return SITE_ADAPTERS.find((adapter) => adapter.matches(parsed)) ?? generic;
}
