import { deviceErrorKind, errorName } from '../core/device-errors';
import { t } from './i18n';

/**
 * What to tell the user after asking for camera and microphone. Pure: takes the DOMException
 * names getUserMedia produces and what a per-device retry found.
 */
export type MediaOutcome =
  | { kind: 'granted'; camera: boolean; microphone: boolean }
  | { kind: 'denied' }
  | { kind: 'not-found'; camera: boolean; microphone: boolean }
  | { kind: 'in-use' }
  | { kind: 'error'; message: string };

export { errorName };

export function outcomeFromError(error: unknown): MediaOutcome {
  switch (deviceErrorKind(error)) {
    case 'denied':
      return { kind: 'denied' };
    case 'not-found':
      return { kind: 'not-found', camera: false, microphone: false };
    case 'in-use':
      return { kind: 'in-use' };
    default:
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Which analysis stays off when a device is missing; null when both are there. */
export function missingDeviceSentence(camera: boolean, microphone: boolean): string | null {
  if (camera && microphone) return null;
  if (!camera && !microphone) return t('welcome.media.missingBoth');
  if (!camera) return t('welcome.media.missingCamera');
  return t('welcome.media.missingMic');
}
