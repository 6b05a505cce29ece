import { cleanTitle, type SiteAdapter } from './site-adapter';

export const whereby: SiteAdapter = {
  id: 'whereby',
  name: 'Whereby',
  matchPatterns: ['https://*.whereby.com/*'],
  matches: (url) => url.hostname === 'whereby.com' || url.hostname.endsWith('.whereby.com'),
  meetingTitle: (doc) => cleanTitle(doc.title, /\s*[-–|]\s*Whereby$/i),
};
