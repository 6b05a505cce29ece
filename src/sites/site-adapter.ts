/**
 * One adapter per meeting site (refined-github style): where it runs, how to recognise the site
 * and name the meeting, and optional features, each with its own teardown. The manifest's content
 * script matches and the popup's site labels derive from the adapters' `matchPatterns`.
 */
export interface SiteAdapter {
  id: string;
  /** The site's name as the UI shows it. */
  name: string;
  /** WebExtension match patterns of the pages where the call scripts run by default ([] for generic). */
  matchPatterns: readonly string[];
  /** True when this adapter handles the page at `url`. */
  matches(url: URL): boolean;
  /** A human title for the meeting, from the page (falls back to the document title). */
  meetingTitle(doc: Document): string;
  /** Optional features (participants, captions, active speaker) plug in here, each returning its teardown. */
  features?: Partial<Record<SiteFeatureName, SiteFeature>>;
}

export type SiteFeatureName = 'participants' | 'captions' | 'activeSpeaker';

/** Starts observing the page; the returned function (or the signal) stops it. */
export type SiteFeature = (doc: Document, signal: AbortSignal) => (() => void) | void;

export function cleanTitle(title: string, suffixes: RegExp): string {
  const cleaned = title.replace(suffixes, '').trim();
  return cleaned || title.trim() || 'Call';
}
