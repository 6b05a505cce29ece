/**
 * A marker the user put on a meeting while it ran ("something happened here"), with an optional
 * short note. `t` is wall-clock epoch ms (the key, like samples'); `tMedia` the meeting's own media
 * clock in seconds (seconds since the start when the engine gave none), so a file's marker and a
 * call's are placed the same way on a timeline.
 */
export interface MeetingMarker {
  meetingId: string;
  t: number;
  tMedia: number;
  /** Trimmed, at most MARKER_NOTE_MAX characters; may be empty. */
  note: string;
}

export const MARKER_NOTE_MAX = 200;

/** A note as stored: one line, trimmed, cut to MARKER_NOTE_MAX characters. */
export function cleanNote(note: unknown): string {
  if (typeof note !== 'string') return '';
  return note.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MARKER_NOTE_MAX);
}

/** A meeting's name as the user gave it: one line, trimmed, at most this long. */
export const MEETING_TITLE_MAX = 200;

export function cleanTitle(title: unknown): string {
  if (typeof title !== 'string') return '';
  return title.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, MEETING_TITLE_MAX);
}
