import { installMediaTap } from '@/src/tap/install-media-tap';
import { MEETING_SITE_MATCHES } from '@/src/sites/matches';

export default defineContentScript({
  matches: MEETING_SITE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  // same-origin iframes (about:blank ones included) get the tap too: a page cannot slip past it there
  allFrames: true,
  matchAboutBlank: true,
  main() {
    installMediaTap();
  },
});
