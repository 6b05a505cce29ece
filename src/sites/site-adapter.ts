/**
 * One adapter per meeting site (refined-github style): how to recognise the site, name the meeting,
 * and find where the badge should stay out of the way. `watch` may observe the page and must stop
 * when the signal aborts.
 */
export interface SiteAdapter {
  id: string;
  name: string;
  /** True when this adapter handles the page at `url`. */
  matches(url: URL): boolean;
  /** A human title for the meeting, from the page (falls back to the document title). */
  meetingTitle(doc: Document): string;
  /** True while the page shows a call (not a lobby or a landing page), if the site tells. */
  inCall?(doc: Document): boolean;
}

export function cleanTitle(title: string, suffixes: RegExp): string {
  const cleaned = title.replace(suffixes, '').trim();
  return cleaned || title.trim() || 'Call';
}
