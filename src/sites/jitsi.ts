import { watchCaptions, type CaptionLayout } from './captions/watch-captions';
import { cleanTitle, type SiteAdapter } from './site-adapter';

/**
 * Jitsi Meet's subtitles (jitsi/jitsi-meet, react/features/subtitles): one `<p><span>` per
 * transcript message inside the subtitles container, the span's text `${participantName}: ` then
 * the words (AbstractCaptions.tsx `_constructTranscripts`: stable + unstable words while interim,
 * the final text after); the container is `div.transcription-subtitles` in older releases
 * (components/Captions.web.js) and a tss-react class ending in `-transcriptionSubtitles` in current
 * ones (components/web/Captions.tsx). Nothing localised is read. UNVERIFIED against a live
 * meet.jit.si call (subtitles need a transcriber, Jigasi, on the deployment); the closed-captions
 * tab of the chat panel (chat/components/web/ClosedCaptionsTab.tsx) is not read.
 */
export const JITSI_CAPTIONS: CaptionLayout = {
  region: ['.transcription-subtitles', '[class*="transcriptionSubtitles"]'],
  line: 'p',
  words: 'span',
  speakerInWords: /^([^:]{1,100}):\s*([\s\S]*)$/,
};

/** A tile (`.videocontainer`) shows its person's name in its display-name container. Unverified here. */
function jitsiParticipantName(media: HTMLMediaElement): string | null {
  const tile = media.closest('.videocontainer');
  return tile?.querySelector('.displayname, .displayNameContainer')?.textContent?.trim().slice(0, 100) || null;
}

export const jitsi: SiteAdapter = {
  id: 'jitsi',
  name: 'Jitsi Meet',
  matchPatterns: ['https://meet.jit.si/*'],
  matches: (url) => url.hostname === 'meet.jit.si' || url.hostname.startsWith('jitsi.'),
  // the room name is the path
  meetingTitle: (doc) =>
    decodeURIComponent(doc.location.pathname.replace(/^\//, '')) || cleanTitle(doc.title, /\s*\|\s*Jitsi Meet$/i),
  features: { captions: (doc, emit, signal) => watchCaptions(doc, JITSI_CAPTIONS, emit, signal), participantName: jitsiParticipantName },
};
