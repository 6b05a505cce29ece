import type { ModalityState } from '../core/types';
import { t } from '../ui/i18n';

/** Each state's message key: short words shown in a bar row in place of bars when that modality has no reading. */
export const STREAM_NOTE_KEY = {
  off: 'stream.off',
  starting: 'stream.starting',
  ok: 'stream.ok',
  'no-face': 'stream.noFace',
  'several-faces': 'stream.severalFaces',
  silence: 'stream.silence',
  clipping: 'stream.clipping',
  blocked: 'stream.blocked',
  'device-lost': 'stream.deviceLost',
  paused: 'stream.paused',
  error: 'stream.error',
} as const satisfies Record<ModalityState, string>;

export function streamNote(state: ModalityState): string {
  return t(STREAM_NOTE_KEY[state]);
}
