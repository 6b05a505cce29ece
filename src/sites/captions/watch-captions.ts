/**
 * Reads live captions from a meeting page's DOM: a region of lines, each with a speaker and the
 * words so far. Sites grow a line word by word, so an utterance is emitted once its words stop
 * changing (or the line leaves the page); a line that goes on growing after that yields only its new
 * words. The region is looked up again on every change, so a region the site re-creates (toggling
 * captions replaces the node) keeps working, and the history a re-created region shows again is not
 * read twice. Selectors are structural (classes, roles, data attributes), never localised aria labels.
 */
export interface Utterance {
  /** The speaker's name as the site shows it (e.g. "You"), or null when the site shows none. */
  speaker: string | null;
  text: string;
  /** Epoch ms when the line last changed. */
  t: number;
}

export interface CaptionLayout {
  /** The captions region: one selector, or several tried in this order (the first present is used). */
  region: string | readonly string[];
  /** One caption line within the region (a line inside another matching line is the one read). */
  line: string;
  /** Within a line: the speaker's name (absent: the site shows none, or it is in the words, below). */
  speaker?: string;
  /** Within a line: the words. */
  words: string;
  /** The speaker is written into the words ("Ana: hola"): group 1 the name, group 2 the words. */
  speakerInWords?: RegExp;
  /** A line without a name continues the speaker of the line before it (transcript panels name a run once). */
  speakerCarriesOver?: boolean;
}

/** Words stable for this long make an utterance. */
export const SETTLE_MS = 700;
/** Longer lines are cut: a caption is a sentence or two, not a document. */
export const MAX_UTTERANCE_CHARS = 500;
/** A line that appears already whole, saying what was read this recently, is history shown again. */
export const REPLAY_MS = 60_000;

interface LineState {
  speaker: string | null;
  text: string;
  /** When the text last changed. */
  t: number;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Watches the page for caption lines of the first layout whose region is present (a site may have
 * several: an overlay and a transcript panel) and emits one utterance per finished line.
 */
export function watchCaptions(
  doc: Document,
  layouts: CaptionLayout | readonly CaptionLayout[],
  emit: (u: Utterance) => void,
  signal: AbortSignal,
): void {
  const candidates: readonly CaptionLayout[] = Array.isArray(layouts) ? layouts : [layouts as CaptionLayout];
  const pending = new Map<Element, LineState>();
  /** What each line had when it last emitted (its later words are the next utterance). */
  const emitted = new WeakMap<Element, string>();
  /** Lines seen with words before (a line first seen already whole may be a replay). */
  const seen = new WeakSet<Element>();
  const replays = new WeakSet<Element>();
  const recent: { key: string; at: number }[] = [];

  const flush = (line: Element) => {
    const p = pending.get(line);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(line);
    const previous = emitted.get(line);
    emitted.set(line, p.text);
    if (replays.has(line)) return;
    const words = newWords(previous, p.text).slice(0, MAX_UTTERANCE_CHARS);
    if (!words) return;
    recent.push({ key: replayKey(p.speaker, p.text), at: Date.now() });
    while (recent.length > 200 || (recent.length && Date.now() - recent[0].at > REPLAY_MS)) recent.shift();
    emit({ speaker: p.speaker, text: words, t: p.t });
  };

  const scan = () => {
    const found = findRegion(doc, candidates);
    const lines = found ? readLines(found.region, found.layout) : [];
    const present = new Set(lines.map((l) => l.line));
    // lines that left the page are final now
    for (const line of [...pending.keys()]) if (!line.isConnected || !present.has(line)) flush(line);
    for (const { line, speaker, text } of lines) {
      if (text && !seen.has(line)) {
        seen.add(line);
        const key = replayKey(speaker, text);
        if (recent.some((r) => r.key === key && Date.now() - r.at <= REPLAY_MS)) replays.add(line);
      }
      const current = pending.get(line);
      if (current ? current.text === text && current.speaker === speaker : emitted.get(line) === text) continue;
      if (current) clearTimeout(current.timer);
      // a line that is being rewritten is not a replay any more
      if (current && current.text !== text) replays.delete(line);
      pending.set(line, { speaker, text, t: Date.now(), timer: setTimeout(() => flush(line), SETTLE_MS) });
    }
  };

  const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
  const observer = new Observer(scan);
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  scan();
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
    { once: true },
  );
}

function findRegion(doc: Document, layouts: readonly CaptionLayout[]): { region: Element; layout: CaptionLayout } | null {
  for (const layout of layouts) {
    const selectors = typeof layout.region === 'string' ? [layout.region] : layout.region;
    for (const selector of selectors) {
      const region = doc.querySelector(selector);
      if (region) return { region, layout };
    }
  }
  return null;
}

function readLines(region: Element, layout: CaptionLayout): { line: Element; speaker: string | null; text: string }[] {
  const all = [...region.querySelectorAll(layout.line)];
  // where line selectors nest (an old and a new class on two levels), the innermost is the line
  const lines = all.length > 1 ? all.filter((l) => !all.some((o) => o !== l && l.contains(o))) : all;
  let carried: string | null = null;
  return lines.map((line) => {
    let text = clean(line.querySelector(layout.words)?.textContent ?? '');
    let speaker = layout.speaker ? clean(line.querySelector(layout.speaker)?.textContent ?? '') || null : null;
    if (layout.speakerInWords) {
      const m = layout.speakerInWords.exec(text);
      if (m) {
        speaker = clean(m[1]) || speaker;
        text = clean(m[2]);
      }
    }
    if (layout.speakerCarriesOver) speaker = speaker ?? carried;
    carried = speaker;
    return { line, speaker: speaker?.slice(0, 100) ?? null, text };
  });
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const replayKey = (speaker: string | null, text: string) => `${speaker ?? ''}\u0000${text}`;
/** Words compared loosely: recognisers re-case and re-punctuate as they go. */
const loose = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

/**
 * The part of a line's text not yet emitted: all of it for a new line; what was added for a line
 * that grew (`previous` its first words; a last word still being written is taken whole); after a
 * line that scrolls (a window over the last words), what follows the longest run of words that ends
 * `previous` and starts `current` (two words at least, so a chance match does not cut a new
 * sentence); otherwise (a rewritten line) all of it. Nothing when only punctuation was added.
 */
export function newWords(previous: string | undefined, current: string): string {
  const rest = unseenWords(previous, current);
  return /[\p{L}\p{N}]/u.test(rest) ? rest : '';
}

function unseenWords(previous: string | undefined, current: string): string {
  if (!previous) return current;
  const p = previous.split(' ').map(loose);
  const c = current.split(' ');
  const cl = c.map(loose);
  const n = p.length;
  if (n <= cl.length && p.slice(0, n - 1).every((w, i) => w === cl[i])) {
    if (p[n - 1] === cl[n - 1]) return c.slice(n).join(' ');
    if (cl[n - 1].startsWith(p[n - 1])) return c.slice(n - 1).join(' ');
  }
  for (let k = Math.min(n, c.length); k >= 2; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = p[n - k + i] === cl[i];
    if (same) return c.slice(k).join(' ');
  }
  return current;
}
