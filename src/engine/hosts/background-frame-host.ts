/**
 * The Firefox host of the engine: Firefox has no offscreen documents, but its background page is
 * a real document (MV2, persistent), so the very engine page Chrome opens offscreen (/offscreen.html: the same
 * EngineController, EngineHost and models) runs there as a hidden iframe of the background page.
 *
 * Why an iframe and not the background page itself: the engine then stays a separate extension
 * context, so the one trusted protocol is unchanged (the background and the engine still talk by
 * runtime messages, with the same sender roles), and removing the frame releases the camera, the
 * microphone and the models exactly as closing the offscreen document does in Chrome.
 */
const FRAME_ATTRIBUTE = 'data-emotion-overlay-engine';

/** True where this host can run: a background with a DOM (Firefox's background page), not a service worker. */
export function canHostEngineFrame(): boolean {
  return typeof document !== 'undefined' && typeof document.createElement === 'function';
}

const engineFrame = () => document.querySelector<HTMLIFrameElement>(`iframe[${FRAME_ATTRIBUTE}]`);

let loading: Promise<void> | null = null;

/** Opens the engine frame unless it is open; concurrent callers share one load. */
export function ensureEngineFrame(pageUrl: string): Promise<void> {
  if (engineFrame()) return loading ?? Promise.resolve();
  const frame = document.createElement('iframe');
  frame.setAttribute(FRAME_ATTRIBUTE, '');
  // the engine opens the camera and microphone itself, as the offscreen document does
  frame.allow = 'camera; microphone; autoplay';
  frame.src = pageUrl;
  loading = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true })).finally(() => {
    loading = null;
  });
  (document.body ?? document.documentElement).append(frame);
  return loading;
}

/** Removes the engine frame: its streams end and its models are freed with the document. */
export function closeEngineFrame(): void {
  engineFrame()?.remove();
}
