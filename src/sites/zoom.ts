import { cleanTitle, type SiteAdapter } from './site-adapter';

export const zoom: SiteAdapter = {
  id: 'zoom',
  name: 'Zoom (web client)',
  matchPatterns: ['https://*.zoom.us/*', 'https://app.zoom.us/*'],
  matches: (url) => url.hostname === 'zoom.us' || url.hostname.endsWith('.zoom.us'),
  meetingTitle: (doc) => cleanTitle(doc.title, /\s*[-–|]\s*Zoom$/i),
};
