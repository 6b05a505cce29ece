import { cleanTitle, type SiteAdapter } from './site-adapter';

export const googleMeet: SiteAdapter = {
  id: 'meet',
  name: 'Google Meet',
  matches: (url) => url.hostname === 'meet.google.com',
  // "Meet - abc-defg-hij" or the calendar event name
  meetingTitle: (doc) => cleanTitle(doc.title, /^Meet\s*[-–]\s*|\s*[-–]\s*Google Meet$/i),
  inCall: (doc) => /^\/[a-z]{3}-[a-z]{4}-[a-z]{3}/.test(doc.location.pathname),
};
