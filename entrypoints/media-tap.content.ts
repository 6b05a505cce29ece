import { installMediaTap } from '@/src/tap/install-media-tap';
import { MEETING_SITE_MATCHES } from '@/src/sites/matches';

export default defineContentScript({
  matches: MEETING_SITE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installMediaTap();
  },
});
