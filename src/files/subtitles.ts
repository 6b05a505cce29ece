/**
 * Subtitle files (WebVTT, SubRip) -> timed lines for the text modality. Only what the text model
 * needs survives: start, end and the plain words (tags, cue settings and styling are dropped).
 */

export interface SubtitleCue {
  /** Media seconds. */
  start: number;
  end: number;
  text: string;
}

export class SubtitleError extends Error {}

/** `hh:mm:ss.mmm`, `mm:ss.mmm` (VTT) or `hh:mm:ss,mmm` (SRT) -> seconds; null if malformed. */
export function parseTimestamp(raw: string): number | null {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(raw.trim());
  if (!m) return null;
  const [, h, min, s, ms] = m;
  if (Number(min) > 59 || Number(s) > 59) return null;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + (ms ? Number(ms.padEnd(3, '0')) / 1000 : 0);
}

const TIMING = /^\s*(\S+)\s+-->\s+(\S+)/;

/** Markup out (`<i>`, `<v Name>`, `{\an8}`), entities decoded, lines joined. */
function plainText(lines: string[]): string {
  return lines
    .join(' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parses a WebVTT or SubRip file (the format is told by its content, not its name). Cues come
 * back in time order. Throws SubtitleError naming the first bad line when a timing is broken, or
 * when the text holds no cue at all.
 */
export function parseSubtitles(text: string, name = 'the subtitle file'): SubtitleCue[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const isVtt = /^WEBVTT(\s|$)/.test(lines[0] ?? '');
  const cues: SubtitleCue[] = [];
  let i = isVtt ? 1 : 0;
  while (i < lines.length) {
    const line = lines[i];
    const timing = TIMING.exec(line);
    if (!timing) {
      // VTT blocks that are not cues (NOTE, STYLE, REGION) and SRT counters are skipped up to a blank line
      i++;
      continue;
    }
    const start = parseTimestamp(timing[1]);
    const end = parseTimestamp(timing[2]);
    if (start === null || end === null || end < start) {
      throw new SubtitleError(`${name}, line ${i + 1}: "${line.trim()}" is not a valid cue timing (start --> end)`);
    }
    const body: string[] = [];
    i++;
    while (i < lines.length && lines[i].trim() !== '' && !TIMING.test(lines[i])) body.push(lines[i++]);
    const words = plainText(body);
    if (words) cues.push({ start, end, text: words });
  }
  if (cues.length === 0) throw new SubtitleError(`${name} holds no subtitle cues: expected WebVTT or SubRip (SRT) timings such as "00:00:01.000 --> 00:00:03.000"`);
  return cues.sort((a, b) => a.start - b.start);
}

/** Cues that overlap [from, to) (media seconds). */
export function cuesIn(cues: readonly SubtitleCue[], from: number, to: number): SubtitleCue[] {
  return cues.filter((c) => c.start < to && c.end >= from);
}
