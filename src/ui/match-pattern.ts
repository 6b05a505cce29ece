import { MEETING_SITE_MATCHES } from '../sites/matches';

/**
 * True when `url` matches a WebExtension match pattern such as `https://*.zoom.us/*`. Only the
 * forms the extension uses: explicit scheme, `*.` host prefix or exact host, any port, path glob.
 */
export function matchesPattern(url: URL, pattern: string): boolean {
  const m = /^(https?|\*):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, path] = m;
  if (scheme === '*' ? !/^https?:$/.test(url.protocol) : url.protocol !== `${scheme}:`) return false;
  const hostname = url.hostname.toLowerCase();
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2).toLowerCase();
      if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
    } else if (hostname !== host.toLowerCase()) return false;
  }
  const pathRe = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return pathRe.test(url.pathname + url.search);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Pages where the content script runs without the user enabling them (Meet, Zoom, Teams, …). */
export function isKnownMeetingUrl(url: string | URL): boolean {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    return MEETING_SITE_MATCHES.some((pattern) => matchesPattern(parsed, pattern));
  } catch {
    return false;
  }
}

/** Only ordinary web pages can be enabled; not chrome://, the Web Store, extension pages, files. */
export function enableableOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    if (parsed.hostname === 'chromewebstore.google.com' || parsed.hostname === 'chrome.google.com') return null;
    return parsed.origin;
  } catch {
    return null;
  }
}
