import type { LiveReading, StreamState } from '../core/types';

/** The one condition the badge's state line reports. */
export type BadgeStatus =
  | 'starting'
  | 'running'
  | 'paused'
  | 'no-face'
  | 'several-faces'
  | 'silence'
  | 'camera-blocked'
  | 'mic-blocked'
  | 'device-lost'
  | 'error';

export const BADGE_STATUS_TEXT: Record<BadgeStatus, string> = {
  starting: 'Starting analysis…',
  running: 'Live · analysed on this device',
  paused: 'Paused',
  'no-face': 'No face in view',
  'several-faces': 'Several faces in view',
  silence: 'No speech heard',
  'camera-blocked': 'Camera blocked — see the extension’s welcome page',
  'mic-blocked': 'Microphone blocked — see the extension’s welcome page',
  'device-lost': 'Camera or microphone disconnected',
  error: 'Analysis stopped by an error',
};

export function badgeStatusText(status: BadgeStatus): string {
  return BADGE_STATUS_TEXT[status];
}

/** Statuses that need the user to do something; drawn in the warning colour. */
export function isProblemStatus(status: BadgeStatus): boolean {
  return status === 'camera-blocked' || status === 'mic-blocked' || status === 'device-lost' || status === 'error';
}

const usable = (s: StreamState) => s !== 'off';

/**
 * Reduces a live reading to one status, most urgent first: the user's own pause, then failures
 * that stop a stream for good, then conditions that come and go. A silent voice is normal while
 * the face stream works, so `silence` is only reported when the face gives nothing either.
 */
export function badgeStatusFrom(reading: LiveReading | null, engineError?: string): BadgeStatus {
  if (reading?.paused) return 'paused';
  if (engineError) return 'error';
  if (!reading) return 'starting';

  const face = reading.face.state;
  const voice = reading.voice.state;

  if (face === 'error' || voice === 'error') return 'error';
  if (face === 'blocked') return 'camera-blocked';
  if (voice === 'blocked') return 'mic-blocked';
  if (face === 'device-lost' || voice === 'device-lost') return 'device-lost';
  if (face === 'paused' || voice === 'paused') return 'paused';

  const enabled = [face, voice].filter(usable);
  if (enabled.length === 0 || enabled.every((s) => s === 'starting')) return 'starting';

  if (face === 'several-faces') return 'several-faces';
  if (face === 'no-face') return 'no-face';
  if (voice === 'silence' && face !== 'ok') return 'silence';
  if (!reading.fused && (face === 'starting' || voice === 'starting')) return 'starting';
  return 'running';
}
