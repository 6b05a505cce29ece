import { describe, expect, it } from 'vitest';
import { enableableOrigin, isKnownMeetingUrl, matchesPattern } from '../../src/ui/match-pattern';
import { meetingSiteMatches } from '../../src/sites/matches';

describe('match patterns', () => {
  it('matches subdomains and the bare domain for *.host', () => {
    expect(matchesPattern(new URL('https://us02web.zoom.us/j/123'), 'https://*.zoom.us/*')).toBe(true);
    expect(matchesPattern(new URL('https://zoom.us/'), 'https://*.zoom.us/*')).toBe(true);
    expect(matchesPattern(new URL('https://evilzoom.us/'), 'https://*.zoom.us/*')).toBe(false);
    expect(matchesPattern(new URL('http://meet.google.com/abc'), 'https://meet.google.com/*')).toBe(false);
  });

  it('knows the default meeting sites; localhost only in a test build', () => {
    expect(isKnownMeetingUrl('https://meet.google.com/abc-defg-hij')).toBe(true);
    // this test process is not a test build: localhost is not a meeting site
    expect(isKnownMeetingUrl('http://localhost:5173/demo')).toBe(false);
    expect(meetingSiteMatches(true)).toContain('http://localhost/*');
    expect(meetingSiteMatches(false).some((p) => /localhost|127\.0\.0\.1/.test(p))).toBe(false);
    expect(isKnownMeetingUrl('https://example.com/call')).toBe(false);
    expect(isKnownMeetingUrl('not a url')).toBe(false);
  });

  it('only offers ordinary web origins for enabling', () => {
    expect(enableableOrigin('https://call.example.com:8443/room?x=1')).toBe('https://call.example.com:8443');
    expect(enableableOrigin('chrome://extensions')).toBeNull();
    expect(enableableOrigin('https://chromewebstore.google.com/detail/x')).toBeNull();
    expect(enableableOrigin(undefined)).toBeNull();
  });
});
