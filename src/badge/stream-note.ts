import type { StreamState } from '../core/types';

/** Short words shown in a bar row in place of bars when that stream has no reading. */
export const STREAM_NOTE: Record<StreamState, string> = {
  off: 'off',
  starting: 'starting…',
  ok: 'waiting…',
  'no-face': 'no face',
  'several-faces': 'several faces',
  silence: 'silent',
  blocked: 'blocked',
  'device-lost': 'disconnected',
  paused: 'paused',
  error: 'error',
};
