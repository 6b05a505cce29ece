import type { ModalityState, SessionReading, SubjectReading } from '../core/types';
import { t } from '../ui/i18n';

/** The one condition the badge's state line reports. */
export type BadgeStatus =
  | 'starting'
  | 'running'
  | 'paused'
  | 'no-face'
  | 'several-faces'
  | 'silence'
  | 'clipping'
  | 'camera-blocked'
  | 'mic-blocked'
  | 'device-lost'
  | 'stale'
  | 'unsaved'
  | 'error';

/** Each status's message key in locales/*.yml. */
export const BADGE_STATUS_KEY = {
  starting: 'status.starting',
  running: 'status.running',
  paused: 'status.paused',
  'no-face': 'status.noFace',
  'several-faces': 'status.severalFaces',
  silence: 'status.silence',
  clipping: 'status.clipping',
  'camera-blocked': 'status.cameraBlocked',
  'mic-blocked': 'status.micBlocked',
  'device-lost': 'status.deviceLost',
  stale: 'status.stale',
  unsaved: 'status.unsaved',
  error: 'status.error',
} as const satisfies Record<BadgeStatus, string>;

export function badgeStatusText(status: BadgeStatus): string {
  return t(BADGE_STATUS_KEY[status]);
}

/** Statuses that need the user to do something, or warn of lost data; drawn in the warning colour. */
export function isProblemStatus(status: BadgeStatus): boolean {
  return ['camera-blocked', 'mic-blocked', 'device-lost', 'error', 'stale', 'unsaved', 'clipping'].includes(status);
}

const usable = (s: ModalityState) => s !== 'off';

/** The subject the badge's rows show: the user, else the first subject. */
export function primarySubject(reading: SessionReading | null): SubjectReading | null {
  if (!reading) return null;
  return reading.subjects.find((s) => s.subject.kind === 'self') ?? reading.subjects[0] ?? null;
}

/**
 * Reduces a session reading to one status, most urgent first: the user's own pause, then a
 * stale or failed engine, then failures that stop a modality for good, then conditions that come
 * and go. A silent voice is normal while the face works, so `silence` is only reported when the
 * face gives nothing either.
 */
export function badgeStatusFrom(reading: SessionReading | null, engineError?: string, stale = false): BadgeStatus {
  if (reading?.paused) return 'paused';
  if (engineError) return 'error';
  if (stale) return 'stale';
  if (!reading) return 'starting';
  if (reading.unsaved > 0) return 'unsaved';
  const subject = primarySubject(reading);
  if (!subject) return 'starting';

  const face = subject.readings.face?.state ?? 'off';
  const voice = subject.readings.voice?.state ?? 'off';

  if (face === 'error' || voice === 'error') return 'error';
  if (face === 'blocked') return 'camera-blocked';
  if (voice === 'blocked') return 'mic-blocked';
  if (face === 'device-lost' || voice === 'device-lost') return 'device-lost';
  if (face === 'paused' || voice === 'paused') return 'paused';

  const enabled = [face, voice].filter(usable);
  if (enabled.length === 0 || enabled.every((s) => s === 'starting')) return 'starting';

  if (voice === 'clipping') return 'clipping';
  if (face === 'several-faces') return 'several-faces';
  if (face === 'no-face') return 'no-face';
  if (voice === 'silence' && face !== 'ok') return 'silence';
  if (!subject.fused && (face === 'starting' || voice === 'starting')) return 'starting';
  return 'running';
}
