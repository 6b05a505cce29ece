/** Pure geometry for dragging the badge; kept apart from the component so it can be tested. */

export interface Offset {
  x: number;
  y: number;
}

/** Where the badge sits with no offset applied, in viewport pixels. */
export interface BaseRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Gap kept between the badge and the viewport edge. */
export const VIEWPORT_MARGIN = 4;

/**
 * Limits an offset so the badge stays fully inside the viewport. When the viewport is smaller
 * than the badge, the top-left corner wins, so the header (drag handle, pause) stays reachable.
 */
export function clampOffset(offset: Offset, base: BaseRect, viewport: { width: number; height: number }): Offset {
  const clampAxis = (value: number, start: number, size: number, limit: number) => {
    const min = VIEWPORT_MARGIN - start;
    const max = limit - VIEWPORT_MARGIN - size - start;
    return Math.round(Math.max(min, Math.min(max, value)));
  };
  return {
    x: clampAxis(offset.x, base.left, base.width, viewport.width),
    y: clampAxis(offset.y, base.top, base.height, viewport.height),
  };
}

/** The rect the badge would have without its current translate. */
export function baseRectOf(rect: { left: number; top: number; width: number; height: number }, applied: Offset): BaseRect {
  return { left: rect.left - applied.x, top: rect.top - applied.y, width: rect.width, height: rect.height };
}
