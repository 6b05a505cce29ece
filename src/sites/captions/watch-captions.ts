/**
 * Reads live captions from a meeting page's DOM: a region of lines, each with a speaker and the
 * words so far. Sites grow a line word by word, so an utterance is emitted once its words stop
 * changing (or the line is replaced). The region is looked up again on every change, so a region
 * the site re-creates (toggling captions replaces the node) keeps working. Selectors are structural
 * (classes, roles, data attributes), never localised aria labels.
 */
export interface Utterance {
  /** The speaker's name as the site shows it (e.g. "You"), or null when the site shows none. */
  speaker: string | null;
  text: string;
  /** Epoch ms when the line was last changed. */
  t: number;
}

export interface CaptionLayout {
  /** The captions region. */
  region: string;
  /** One caption line within the region. */
  line: string;
  /** Within a line: the speaker's name, and the words. */
  speaker: string;
  words: string;
}

/** Words stable for this long make an utterance. */
export const SETTLE_MS = 700;
/** Longer lines are cut: a caption is a sentence or two, not a document. */
export const MAX_UTTERANCE_CHARS = 500;

export function watchCaptions(doc: Document, layout: CaptionLayout, emit: (u: Utterance) => void, signal: AbortSignal): void {
  const pending = new Map<Element, { speaker: string | null; text: string; timer: ReturnType<typeof setTimeout> }>();
  const lastEmitted = new WeakMap<Element, string>();

  const flush = (line: Element) => {
    const p = pending.get(line);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(line);
    if (p.text && lastEmitted.get(line) !== p.text) {
      lastEmitted.set(line, p.text);
      emit({ speaker: p.speaker, text: p.text.slice(0, MAX_UTTERANCE_CHARS), t: Date.now() });
    }
  };

  const scan = () => {
    const region = doc.querySelector(layout.region);
    const lines = region ? [...region.querySelectorAll(layout.line)] : [];
    // lines that left the page are final now
    for (const line of [...pending.keys()]) if (!line.isConnected || !lines.includes(line)) flush(line);
    for (const line of lines) {
      const text = (line.querySelector(layout.words)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const speaker = line.querySelector(layout.speaker)?.textContent?.trim() || null;
      const current = pending.get(line);
      if (current?.text === text || (!current && lastEmitted.get(line) === text)) continue;
      if (current) clearTimeout(current.timer);
      pending.set(line, { speaker, text, timer: setTimeout(() => flush(line), SETTLE_MS) });
    }
  };

  const observer = new MutationObserver(scan);
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
