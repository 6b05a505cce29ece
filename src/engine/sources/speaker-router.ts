/**
 * Voices from a site that mixes the call's sound (Meet sends the few loudest speakers as a few
 * audio streams, none of them one person's): each mixed stream's voice readings go to the person
 * the site marks as speaking, and only from the stream that carries the most speech just now
 * (the others hold quieter voices or silence). With nobody marked, a mix's readings go nowhere:
 * a voice is never put on someone the site did not show speaking.
 */
import type { ModalityReading, SubjectRef } from '../../core/types';

/** A mix's last reading counts against the others for this long. */
export const MIX_COMPARE_MS = 1500;

export class SpeakerRouter {
  private readonly heard = new Map<string, { quality: number; at: number }>();

  constructor(private readonly speaker: () => SubjectRef | null) {}

  /** Whom a voice reading of mix `mix` is about, or null when it is dropped. */
  route(mix: string, reading: ModalityReading, now = performance.now()): SubjectRef | null {
    if (reading.modality !== 'voice') return null;
    const quality = reading.state === 'ok' ? reading.quality : 0;
    this.heard.set(mix, { quality, at: now });
    const who = this.speaker();
    if (!who || reading.state !== 'ok') return null;
    for (const [other, last] of this.heard)
      if (other !== mix && now - last.at <= MIX_COMPARE_MS && last.quality > quality) return null;
    return who;
  }

  /** A mix ended: it no longer competes. */
  forget(mix: string): void {
    this.heard.delete(mix);
  }
}
