import { cleanTitle, type SiteAdapter } from './site-adapter';

/** Any other page with a call: localhost (the demo, self-hosted servers) and pages the user enabled. */
export const generic: SiteAdapter = {
  id: 'generic',
  name: 'Web call',
  matchPatterns: [],
  matches: () => true,
  meetingTitle: (doc) => cleanTitle(doc.title, /$^/) || doc.location.host,
};
