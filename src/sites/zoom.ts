import { watchCaptions, type CaptionLayout } from './captions/watch-captions';
import { cleanTitle, type SiteAdapter } from './site-adapter';

/**
 * Zoom's web client shows captions two ways; both are read by Zoom's own BEM class names (not
 * localised). UNVERIFIED against the live site (no Zoom account in this project's sandbox).
 *
 * 1. The transcript panel ("View full transcript"), preferred because it names the speaker:
 *    `.lt-full-transcript__item` rows with `__display-name`, `__time` and `__message` (the selectors
 *    of public Zoom transcript savers, e.g. the greasyfork "Zoom 网页字幕下载器" user script and
 *    open-source meeting bots that read `.lt-full-transcript__list`). A run of one speaker's rows
 *    names them once, so a row without a name continues the speaker before it.
 * 2. The subtitle overlay: `#live-transcription-subtitle` with its words in
 *    `.live-transcription-subtitle__item` inside `.live-transcription-subtitle__box` (same sources).
 *    It shows a window over the last words with the speaker's avatar only, so these utterances
 *    have no speaker, and only the words new since the last one are read.
 *
 * On app.zoom.us the client runs in a same-origin iframe (`#webclient`, as public Zoom tools read it
 * through `contentDocument`): the content script reads captions in same-origin frames too
 * (`src/content/frame-documents.ts`); the direct client (`*.zoom.us/wc/...`) is the top page.
 */
export const ZOOM_CAPTIONS: readonly CaptionLayout[] = [
  {
    region: ['.lt-full-transcript__list', '#full-transcription', '.lt-full-transcript'],
    line: '.lt-full-transcript__item',
    speaker: '.lt-full-transcript__display-name',
    words: '.lt-full-transcript__message',
    speakerCarriesOver: true,
  },
  {
    region: ['.live-transcription-subtitle__box', '.live-transcription-subtitle__overlay-container'],
    line: '[id="live-transcription-subtitle"]',
    words: '.live-transcription-subtitle__item',
  },
];

export const zoom: SiteAdapter = {
  id: 'zoom',
  name: 'Zoom (web client)',
  matchPatterns: ['https://*.zoom.us/*', 'https://app.zoom.us/*'],
  matches: (url) => url.hostname === 'zoom.us' || url.hostname.endsWith('.zoom.us'),
  meetingTitle: (doc) => cleanTitle(doc.title, /\s*[-–|]\s*Zoom$/i),
  features: { captions: (doc, emit, signal) => watchCaptions(doc, ZOOM_CAPTIONS, emit, signal) },
};
