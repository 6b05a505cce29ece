import { watchCaptions, type CaptionLayout } from './captions/watch-captions';
import { cleanTitle, type SiteAdapter } from './site-adapter';

/**
 * Teams' live captions (new Teams, teams.microsoft.com / teams.live.com), by `data-tid` test ids and
 * Fluent UI class names, which do not change with the UI language (its aria labels do).
 * Where from: the selectors public caption savers use — Zerg00s/Live-Captions-Saver
 * (Standalone-scripts/teams-caption-saver-console.js: the three caption windows, tried in that
 * order because a comma list would pick whichever comes first in the page, `.fui-ChatMessageCompact`
 * lines, `[data-tid="author"]`, `[data-tid="closed-caption-text"]`) and the older classic layout
 * (`.ui-chat__item`, `.ui-chat__message__author`) other savers read. UNVERIFIED against the live site
 * (no Teams account in this project's sandbox); Teams changes its markup, and where none of this
 * matches the text modality is simply absent.
 */
export const TEAMS_CAPTIONS: CaptionLayout = {
  region: [
    '[data-tid="closed-caption-renderer-wrapper"]',
    '[data-tid="closed-caption-v2-window-wrapper"]',
    '[data-tid="closed-captions-renderer"]',
  ],
  line: '.fui-ChatMessageCompact, .ui-chat__item',
  speaker: '[data-tid="author"], .ui-chat__message__author',
  words: '[data-tid="closed-caption-text"]',
};

export const teams: SiteAdapter = {
  id: 'teams',
  name: 'Microsoft Teams',
  matchPatterns: ['https://teams.microsoft.com/*', 'https://teams.live.com/*'],
  matches: (url) => url.hostname === 'teams.microsoft.com' || url.hostname === 'teams.live.com',
  meetingTitle: (doc) => cleanTitle(doc.title, /\s*\|\s*Microsoft Teams$/i),
  features: { captions: (doc, emit, signal) => watchCaptions(doc, TEAMS_CAPTIONS, emit, signal) },
};
