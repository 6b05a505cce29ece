import { watchCaptions, type CaptionLayout } from './captions/watch-captions';
import { cleanTitle, type SiteAdapter } from './site-adapter';

/**
 * Meet's caption region, by structure (its aria labels are localised). Unverified here (no Meet
 * account in this project's sandbox): the class names are those public caption tools use, and Meet
 * changes them; when none matches, the text modality is simply absent.
 */
const MEET_CAPTIONS: CaptionLayout = {
  region: '[jsname="dsyhDe"], .iOzk7, [role="region"] .nMcdL',
  line: '.nMcdL, .TBMuR, .CNusmb',
  speaker: '.KcIKyf, .zs7s8d, .NWpY1d',
  words: '.bh44bd, [jsname="tgaKEf"], .iTTPOb',
};

/**
 * A tile's name: the tile carries a participant id and shows the name in a `notranslate` span.
 * Unverified here like the captions (the structure public Meet tools use; Meet changes it).
 */
function meetParticipantName(media: HTMLMediaElement): string | null {
  const tile = media.closest('[data-participant-id], [data-requested-participant-id], [data-initial-participant-id]');
  return tile?.querySelector('span.notranslate')?.textContent?.trim().slice(0, 100) || null;
}

export const googleMeet: SiteAdapter = {
  id: 'meet',
  name: 'Google Meet',
  matchPatterns: ['https://meet.google.com/*'],
  matches: (url) => url.hostname === 'meet.google.com',
  // "Meet - abc-defg-hij" or the calendar event name
  meetingTitle: (doc) => cleanTitle(doc.title, /^Meet\s*[-–]\s*|\s*[-–]\s*Google Meet$/i),
  features: { captions: (doc, emit, signal) => watchCaptions(doc, MEET_CAPTIONS, emit, signal), participantName: meetParticipantName },
};
