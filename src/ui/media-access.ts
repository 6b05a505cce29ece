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

export function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

export function outcomeFromError(error: unknown): MediaOutcome {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return { kind: 'denied' };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { kind: 'not-found', camera: false, microphone: false };
    case 'NotReadableError':
    case 'AbortError':
      return { kind: 'in-use' };
    default:
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Which analysis stays off when a device is missing; null when both are there. */
export function missingDeviceSentence(camera: boolean, microphone: boolean): string | null {
  if (camera && microphone) return null;
  if (!camera && !microphone) return 'No camera or microphone was found. Analysis stays off until one is connected.';
  if (!camera) return 'No camera was found, so face analysis will be off. Voice analysis works.';
  return 'No microphone was found, so voice analysis will be off. Face analysis works.';
}
