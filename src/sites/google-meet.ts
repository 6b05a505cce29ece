import { cleanTitle, type SiteAdapter } from './site-adapter';

export const googleMeet: SiteAdapter = {
  id: 'meet',
  name: 'Google Meet',
  matchPatterns: ['https://meet.google.com/*'],
  matches: (url) => url.hostname === 'meet.google.com',
  // "Meet - abc-defg-hij" or the calendar event name
  meetingTitle: (doc) => cleanTitle(doc.title, /^Meet\s*[-–]\s*|\s*[-–]\s*Google Meet$/i),
};
