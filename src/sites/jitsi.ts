import { cleanTitle, type SiteAdapter } from './site-adapter';

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
  features: { participantName: jitsiParticipantName },
};
