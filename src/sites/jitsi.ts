import { cleanTitle, type SiteAdapter } from './site-adapter';

export const jitsi: SiteAdapter = {
  id: 'jitsi',
  name: 'Jitsi Meet',
  matchPatterns: ['https://meet.jit.si/*'],
  matches: (url) => url.hostname === 'meet.jit.si' || url.hostname.startsWith('jitsi.'),
  // the room name is the path
  meetingTitle: (doc) =>
    decodeURIComponent(doc.location.pathname.replace(/^\//, '')) || cleanTitle(doc.title, /\s*\|\s*Jitsi Meet$/i),
};
