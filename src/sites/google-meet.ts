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
  const tile = media.closest(MEET_TILE);
  return tile?.querySelector('span.notranslate')?.textContent?.trim().slice(0, 100) || null;
}

/** A tile, by the participant ids Meet puts on it. */
const MEET_TILE = '[data-participant-id], [data-requested-participant-id], [data-initial-participant-id]';

/**
 * The speaking tile: Meet animates a voice-level mark on the tile of whoever speaks. Unverified here
 * like the names: these are the classes public Meet speaker-detection tools test for (Meet renames
 * them); with none found nobody is marked, and the mixed sound is read as nobody's.
 */
const MEET_SPEAKING_MARK = '.HX2H7, .gZuAFe, .L5Lhkd, .SfqTBc';

function meetSpeakingName(doc: Document): string | null {
  for (const tile of doc.querySelectorAll<HTMLElement>(MEET_TILE)) {
    if (!tile.querySelector(MEET_SPEAKING_MARK)) continue;
    const name = tile.querySelector('span.notranslate')?.textContent?.trim();
    if (name) return name.slice(0, 100);
  }
  return null;
}

export const googleMeet: SiteAdapter = {
  id: 'meet',
  name: 'Google Meet',
  matchPatterns: ['https://meet.google.com/*'],
  matches: (url) => url.hostname === 'meet.google.com',
  // "Meet - abc-defg-hij" or the calendar event name
  meetingTitle: (doc) => cleanTitle(doc.title, /^Meet\s*[-–]\s*|\s*[-–]\s*Google Meet$/i),
  features: {
    captions: (doc, emit, signal) => watchCaptions(doc, MEET_CAPTIONS, emit, signal),
    participantName: meetParticipantName,
    // Meet's SFU sends the three loudest speakers as three audio streams, not one per person
    speakingName: meetSpeakingName,
    mixesAudio: true,
  },
};
