import { TEST_BUILD } from '../build-flags';
import { watchCaptions, type CaptionLayout } from './captions/watch-captions';
import { cleanTitle, type SiteAdapter } from './site-adapter';

/** The demo call's captions (scripts/demo/call.html): a region of lines, speaker then words. */
export const DEMO_CAPTIONS: CaptionLayout = { region: '.captions', line: '.caption-line', speaker: '.speaker', words: '.words' };

/** The bundled demo call, served on localhost; test builds only (release builds never run there). */
export const demo: SiteAdapter = {
  id: 'demo',
  name: 'Demo call',
  matchPatterns: [],
  matches: (url) => TEST_BUILD && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'),
  meetingTitle: (doc) => cleanTitle(doc.title, /$^/),
  features: { captions: (doc, emit, signal) => watchCaptions(doc, DEMO_CAPTIONS, emit, signal) },
};
