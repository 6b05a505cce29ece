import type { Modality, ModalityReading, ModalityState } from '../core/types';

/** A modality with nothing to show: its state only. */
export function idleReading(modality: Modality, state: ModalityState, tMedia = 0): ModalityReading {
  return { modality, state, probs: null, quality: 0, tMedia };
}
