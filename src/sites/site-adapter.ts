import type { Utterance } from './captions/watch-captions';

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
  /** Optional features, each observing the page until the signal aborts (its teardown). */
  features?: SiteFeatures;
}

export interface SiteFeatures {
  /** Live captions shown by the site: one utterance per finished caption line. */
  captions?: (doc: Document, emit: (u: Utterance) => void, signal: AbortSignal) => void;
  /** The name on the tile of a participant whose track `media` plays (else a generic guess is used). */
  participantName?: (media: HTMLMediaElement) => string | null;
  /** The name of the person the site marks as speaking now (its active-speaker indicator), or null. */
  speakingName?: (doc: Document) => string | null;
  /**
   * The site sends the call's sound as a few mixed streams (the loudest speakers), not one per
   * person: audio without a tile of its own is a mix, heard as whoever `speakingName` says.
   */
  mixesAudio?: boolean;
}

export function cleanTitle(title: string, suffixes: RegExp): string {
  const cleaned = title.replace(suffixes, '').trim();
  return cleaned || title.trim() || 'Call';
}
