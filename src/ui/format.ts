/** Pure formatting helpers shared by badge, popup and welcome page. */

/** 0..1 → "73 %"-style integer percent without the space, e.g. "73%". Non-finite → "–". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const clamped = Math.min(1, Math.max(0, fraction));
  return `${Math.round(clamped * 100)}%`;
}

/** Seconds → "45 s", "12 min", "1 h 05 min": short enough for a list row. */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '–';
  const s = Math.round(totalSeconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Offset from the start of a meeting, for chart axis labels: "0:00", "4:30", "1:02:05". */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Epoch ms → local date and time, e.g. "22 Nov 2026, 14:05". The locale is the browser's. */
export function formatDateTime(epochMs: number, locale?: string): string {
  if (!Number.isFinite(epochMs)) return '–';
  return new Date(epochMs).toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
