/** Download names: safe on every file system, sortable by date, recognisable by title. */
import type { Meeting } from '../core/types';

const MAX_TITLE_CHARS = 40;

const pad = (n: number) => String(n).padStart(2, '0');

/** `emotion-overlay_2026-11-22_1405_meet_weekly-sync.csv`, in the user's local time. */
export function exportFilename(meeting: Meeting, ext: string): string {
  const started = new Date(Number.isFinite(meeting.startedAt) ? meeting.startedAt : 0);
  const date = `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())}`;
  const time = `${pad(started.getHours())}${pad(started.getMinutes())}`;
  const parts = ['emotion-overlay', date, time, slug(meeting.site, 20), slug(meeting.title, MAX_TITLE_CHARS)].filter(Boolean);
  const extension = ext.replace(/^\.+/, '').toLowerCase().replace(/[^a-z0-9]/g, '') || 'txt';
  return `${parts.join('_')}.${extension}`;
}

/** ASCII letters and digits joined by single hyphens: no path separators, reserved or control characters. */
function slug(text: unknown, maxChars: number): string {
  if (typeof text !== 'string') return '';
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxChars)
    .replace(/^-+|-+$/g, '');
}
