import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { baseRectOf, clampOffset, type BaseRect, type Offset } from './drag';

/** Controls inside the badge that take their own clicks and must not start a drag. */
const INTERACTIVE = 'button, a, summary, input, select, textarea, .eo-remote-text';

/**
 * Pointer-drag for a fixed element moved by `transform: translate(offset)`. The pointer is
 * captured so a fast drag over the call's video (or an iframe) keeps reporting; the offset is
 * clamped to the viewport while dragging and on resize, and `onMove` fires once at the end.
 */
export function useDraggable(
  elementRef: RefObject<HTMLElement>,
  offset: Offset,
  onMove: (offset: Offset) => void,
  /** Anything else that moves the element's resting place (its corner). */
  anchorKey: string,
) {
  const [current, setCurrent] = useState<Offset>(offset);
  const [dragging, setDragging] = useState(false);
  const drag = useRef<{
    pointerId: number;
    startX: number;
    startY: number;
    from: Offset;
    /** Measured once at the start: the rendered transform may lag behind the pointer. */
    base: BaseRect;
    last: Offset;
    moved: boolean;
  } | null>(null);
  /** The offset the element is rendered with, for measuring its untranslated rect. */
  const currentRef = useRef(current);
  currentRef.current = current;
  const viewport = () => ({ width: window.innerWidth, height: window.innerHeight });

  // Follow the prop when the owner changes it (stored position restored, corner changed), except mid-drag.
  useEffect(() => {
    if (!drag.current) setCurrent(offset);
  }, [offset.x, offset.y]);

  const clampToViewport = useCallback(
    (wanted: Offset): Offset => {
      const el = elementRef.current;
      if (!el) return wanted;
      return clampOffset(wanted, baseRectOf(el.getBoundingClientRect(), currentRef.current), viewport());
    },
    [elementRef],
  );

  // A stored offset from a larger window, or a window made smaller, must not leave the badge off-screen.
  useLayoutEffect(() => {
    const refit = () => {
      const fitted = clampToViewport(currentRef.current);
      if (fitted.x !== currentRef.current.x || fitted.y !== currentRef.current.y) setCurrent(fitted);
    };
    refit();
    window.addEventListener('resize', refit);
    // The badge grows when the disclosure is opened or a status line wraps.
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(refit) : null;
    if (elementRef.current) observer?.observe(elementRef.current);
    return () => {
      window.removeEventListener('resize', refit);
      observer?.disconnect();
    };
  }, [clampToViewport, offset.x, offset.y, anchorKey]);

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || drag.current) return;
    const target = e.target as Element | null;
    if (target?.closest?.(INTERACTIVE)) return;
    const el = elementRef.current;
    if (!el) return;
    el.setPointerCapture(e.pointerId);
    const from = currentRef.current;
    const base = baseRectOf(el.getBoundingClientRect(), from);
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, from, base, last: from, moved: false };
    setDragging(true);
    e.preventDefault(); // no text selection, no focus stealing from the call
  };

  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointerId) return;
    const dx = e.clientX - d.startX;
    const dy = e.clientY - d.startY;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 3) return; // a click is not a drag
    d.moved = true;
    d.last = clampOffset({ x: d.from.x + dx, y: d.from.y + dy }, d.base, viewport());
    setCurrent(d.last);
  };

  const endDrag = (e: PointerEvent) => {
    const d = drag.current;
    if (!d || e.pointerId !== d.pointerId) return;
    drag.current = null;
    setDragging(false);
    const el = elementRef.current;
    if (el?.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
    if (d.moved) onMove(d.last);
  };

  return {
    offset: current,
    dragging,
    handlers: { onPointerDown, onPointerMove, onPointerUp: endDrag, onPointerCancel: endDrag },
  };
}
