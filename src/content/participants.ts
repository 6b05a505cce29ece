/**
 * The other people in the call, from the tracks the page receives (the tap's report) and the
 * tiles that play them: tracks of one remote MediaStream are one person; the tile's name comes
 * from the site adapter. The user's own camera is never among them (it is not a received track).
 * Where the site mixes the sound (Meet), tile-less audio streams are mixes, and the site's
 * active-speaker mark says whose voice they carry.
 */
import type { Participant, RemoteTrack } from '../core/schemas';
import { sameOriginDocuments } from './frame-documents';

/**
 * The media element playing a track, by track id (the isolated world sees the same tracks), in any
 * of `docs`. A frame's MediaStream is another realm's: it is recognised by its method, not `instanceof`.
 */
export function elementPlaying(docs: readonly Document[], trackId: string): HTMLMediaElement | null {
  for (const doc of docs) {
    for (const el of doc.querySelectorAll<HTMLMediaElement>('video, audio')) {
      const stream = el.srcObject as MediaStream | null;
      if (typeof stream?.getTrackById === 'function' && stream.getTrackById(trackId)) return el;
    }
  }
  return null;
}

/**
 * A tile's name where the site marks it: a data attribute on the tile, or a name label in it.
 * Sites that do better have their own `participantName` in the adapter.
 */
export function nameFromTile(media: HTMLElement): string | null {
  let el: HTMLElement | null = media;
  for (let depth = 0; el && depth < 5; depth++, el = el.parentElement) {
    for (const attr of ['data-participant-name', 'data-participant', 'data-name', 'data-self-name']) {
      const value = el.getAttribute(attr)?.trim();
      if (value) return value.slice(0, 100);
    }
    const label = el.querySelector<HTMLElement>(':scope > [class*="name" i], :scope > * > [class*="name" i]');
    const text = label?.textContent?.trim();
    if (text) return text.slice(0, 100);
  }
  return null;
}

export interface ParticipantsOptions {
  /** The site's active speaker, by tile name (SiteFeatures.speakingName). */
  speakingName?: (doc: Document) => string | null;
  /** The site mixes the call's sound (SiteFeatures.mixesAudio): tile-less audio is a mix, not a person. */
  mixesAudio?: boolean;
}

/**
 * `doc` is the call's top document: tiles are looked for there and in its same-origin frames (a
 * client such as app.zoom.us runs the meeting in one; the tap reports the frames' tracks too).
 */
export function findParticipants(
  doc: Document,
  remote: RemoteTrack[],
  nameOf: (media: HTMLMediaElement) => string | null = nameFromTile,
  opts: ParticipantsOptions = {},
): Participant[] {
  const docs = sameOriginDocuments(doc);
  let speaking: string | null = null;
  for (const d of docs) speaking ??= opts.speakingName?.(d) ?? null;
  const groups = new Map<string, RemoteTrack[]>();
  for (const t of remote) {
    const key = t.stream ? `${t.peer}/${t.stream}` : `${t.peer}/${t.id}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const people: Participant[] = [];
  const names = new Map<string, number>();
  for (const [key, tracks] of groups) {
    const video = tracks.find((t) => t.kind === 'video')?.id ?? null;
    const audio = tracks.find((t) => t.kind === 'audio')?.id ?? null;
    const tile = (video && elementPlaying(docs, video)) || (audio && elementPlaying(docs, audio)) || null;
    const name = tile ? nameOf(tile) : null;
    if (opts.mixesAudio && !video && audio && !name) {
      people.push({ key: `mixed:${key}`.slice(0, 200), name: null, video: null, audio, mixed: true });
      continue;
    }
    // a person keeps their subject across renegotiations by name; two people of one name stay two
    const seen = name ? (names.get(name) ?? 0) + 1 : 0;
    if (name) names.set(name, seen);
    const personKey = name ? `name:${name}${seen > 1 ? `#${seen}` : ''}` : `stream:${key}`;
    people.push({ key: personKey.slice(0, 200), name, video, audio, ...(speaking !== null && name === speaking ? { speaking: true } : {}) });
  }
  return people.slice(0, 32);
}
