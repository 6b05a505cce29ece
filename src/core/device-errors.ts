/** What a getUserMedia failure means, from its DOMException name: one mapping for the engine and the welcome page. */
export type DeviceErrorKind = 'denied' | 'not-found' | 'in-use' | 'error';

export function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

export function deviceErrorKind(error: unknown): DeviceErrorKind {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'not-found';
    case 'NotReadableError':
    case 'AbortError':
      return 'in-use';
    default:
      return 'error';
  }
}
