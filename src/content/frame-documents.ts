/**
 * Runs a page feature on the top document and on the document of every same-origin iframe, present
 * or added later, following each frame as it navigates. Some clients run the meeting inside a frame
 * of their own origin (app.zoom.us loads its web client into `iframe#webclient`); the call content
 * script runs in the top frame only, so features that read the meeting's DOM (captions) look into
 * those frames from here. Cross-origin frames are skipped: their document cannot be read, and the
 * extension does not run in them.
 */
export type DocumentFeature = (doc: Document, signal: AbortSignal) => void;

/** Frames inside frames are followed this deep (a meeting client is one or two levels down). */
export const MAX_FRAME_DEPTH = 3;

export function runInDocuments(top: Document, feature: DocumentFeature, signal: AbortSignal, depth = 0): void {
  if (signal.aborted) return;
  feature(top, signal);
  if (depth >= MAX_FRAME_DEPTH) return;

  /** Each iframe element watched, with the document its feature runs on and that run's teardown. */
  const frames = new Map<HTMLIFrameElement, { doc: Document | null; run: AbortController | null; onLoad: () => void }>();

  const follow = (frame: HTMLIFrameElement) => {
    const state = frames.get(frame);
    if (!state) return;
    const doc = sameOriginDocument(frame);
    if (doc === state.doc) return;
    // the frame navigated (or became readable): the old document's run ends, the new one's starts
    state.run?.abort();
    state.doc = doc;
    state.run = null;
    if (!doc) return;
    state.run = new AbortController();
    runInDocuments(doc, feature, AbortSignal.any([signal, state.run.signal]), depth + 1);
  };

  const scan = () => {
    const present = new Set(top.querySelectorAll('iframe'));
    for (const [frame, state] of frames) {
      if (present.has(frame) && frame.isConnected) continue;
      state.run?.abort();
      frame.removeEventListener('load', state.onLoad);
      frames.delete(frame);
    }
    for (const frame of present) {
      if (!frames.has(frame)) {
        const onLoad = () => follow(frame);
        frames.set(frame, { doc: null, run: null, onLoad });
        frame.addEventListener('load', onLoad);
      }
      // a frame's first document is an empty about:blank until its page loads; `load` replaces it
      follow(frame);
    }
  };

  const Observer = top.defaultView?.MutationObserver ?? MutationObserver;
  const observer = new Observer(scan);
  observer.observe(top.documentElement, { childList: true, subtree: true });
  scan();
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const [frame, state] of frames) {
        state.run?.abort();
        frame.removeEventListener('load', state.onLoad);
      }
      frames.clear();
    },
    { once: true },
  );
}

/** The frame's document when this context may read it (same origin), else null. */
function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    const doc = frame.contentDocument;
    return doc?.documentElement ? doc : null;
  } catch {
    return null;
  }
}

/** The top document and every same-origin frame's below it, as they are now (to MAX_FRAME_DEPTH). */
export function sameOriginDocuments(top: Document, depth = 0): Document[] {
  const docs = [top];
  if (depth >= MAX_FRAME_DEPTH) return docs;
  for (const frame of top.querySelectorAll('iframe')) {
    const doc = sameOriginDocument(frame);
    if (doc) docs.push(...sameOriginDocuments(doc, depth + 1));
  }
  return docs;
}
