import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../src/sites';

describe('site adapters', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'meet'],
    ['https://us05web.zoom.us/wc/123/join', 'zoom'],
    ['https://app.zoom.us/wc/home', 'zoom'],
    ['https://teams.microsoft.com/v2/', 'teams'],
    ['https://teams.live.com/meet/123', 'teams'],
    ['https://meet.jit.si/MyRoom', 'jitsi'],
    ['https://team.whereby.com/room', 'whereby'],
    ['http://127.0.0.1:8377/', 'generic'],
    ['https://example.org/call', 'generic'],
  ])('%s is handled by %s', (url, id) => {
    expect(adapterFor(url).id).toBe(id);
  });

  it('does not mistake look-alike hosts', () => {
    expect(adapterFor('https://meet.google.com.evil.example/x').id).toBe('generic');
    expect(adapterFor('https://notzoom.us/').id).toBe('generic');
  });

  it('names meetings from the page', () => {
    const doc = (title: string, path = '/') => ({ title, location: { pathname: path, host: 'h' } }) as unknown as Document;
    expect(adapterFor('https://meet.google.com/abc-defg-hij').meetingTitle(doc('Meet - Weekly sync'))).toBe('Weekly sync');
    expect(adapterFor('https://meet.jit.si/Team%20Standup').meetingTitle(doc('Jitsi Meet', '/Team%20Standup'))).toBe('Team Standup');
    expect(adapterFor('https://teams.microsoft.com/').meetingTitle(doc('Design review | Microsoft Teams'))).toBe('Design review');
  });
});
