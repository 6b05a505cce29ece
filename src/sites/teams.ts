import { cleanTitle, type SiteAdapter } from './site-adapter';

export const teams: SiteAdapter = {
  id: 'teams',
  name: 'Microsoft Teams',
  matchPatterns: ['https://teams.microsoft.com/*', 'https://teams.live.com/*'],
  matches: (url) => url.hostname === 'teams.microsoft.com' || url.hostname === 'teams.live.com',
  meetingTitle: (doc) => cleanTitle(doc.title, /\s*\|\s*Microsoft Teams$/i),
};
