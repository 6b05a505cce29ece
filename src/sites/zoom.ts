import { cleanTitle, type SiteAdapter } from './site-adapter';

export const zoom: SiteAdapter = {
  id: 'zoom',
  name: 'Zoom (web client)',
  matches: (url) => url.hostname === 'zoom.us' || url.hostname.endsWith('.zoom.us'),
  meetingTitle: (doc) => cleanTitle(doc.title, /\s*[-–|]\s*Zoom$/i),
  inCall: (doc) => /\/wc\/|\/j\//.test(doc.location.pathname),
};
