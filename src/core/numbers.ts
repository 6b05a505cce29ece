/** x clamped to 0..1; anything not finite (NaN from a broken reading) counts as 0. */
export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
