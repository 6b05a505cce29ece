import type { ModalityState } from '../core/types';

/** Short words shown in a bar row in place of bars when that modality has no reading. */
export const STREAM_NOTE: Record<ModalityState, string> = {
  off: 'off',
  starting: 'starting…',
  ok: 'waiting…',
  'no-face': 'no face',
  'several-faces': 'several faces',
  silence: 'silent',
  clipping: 'clipping',
  blocked: 'blocked',
  'device-lost': 'disconnected',
  paused: 'paused',
  error: 'error',
};
