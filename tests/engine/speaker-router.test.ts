/** Mixed audio (Meet's few loudest-speaker streams) heard as the person the site marks speaking. */
import { describe, expect, it } from 'vitest';
import type { ModalityReading, SubjectRef } from '../../src/core/types';
import { MIX_COMPARE_MS, SpeakerRouter } from '../../src/engine/sources/speaker-router';

const ANA: SubjectRef = { id: 'name:Ana', kind: 'participant', label: 'Ana' };
const BEN: SubjectRef = { id: 'name:Ben', kind: 'participant', label: 'Ben' };
const voice = (quality: number, state: ModalityReading['state'] = 'ok'): ModalityReading => ({
  modality: 'voice', state, probs: state === 'ok' ? [0, 0, 0, 1, 0, 0, 0] : null, quality, tMedia: 0,
});

describe('speaker router', () => {
  it('gives a mix’s speech to whoever the site marks speaking, and follows the mark', () => {
    let speaking: SubjectRef | null = ANA;
    const router = new SpeakerRouter(() => speaking);
    expect(router.route('m1', voice(0.8), 0)).toBe(ANA);
    speaking = BEN;
    expect(router.route('m1', voice(0.8), 100)).toBe(BEN);
  });

  it('drops speech while nobody is marked, and readings that are not speech', () => {
    let speaking: SubjectRef | null = null;
    const router = new SpeakerRouter(() => speaking);
    expect(router.route('m1', voice(0.9), 0)).toBeNull();
    speaking = ANA;
    expect(router.route('m1', voice(0, 'silence'), 10)).toBeNull();
    expect(router.route('m1', { ...voice(0.9), modality: 'face' }, 20)).toBeNull();
  });

  it('of several mixes, only the one with the most speech just now speaks for the marked person', () => {
    const router = new SpeakerRouter(() => ANA);
    expect(router.route('loud', voice(0.9), 0)).toBe(ANA);
    // a quieter mix (someone else, softly) at the same time is not put on Ana
    expect(router.route('soft', voice(0.3), 200)).toBeNull();
    expect(router.route('loud', voice(0.85), 400)).toBe(ANA);
    // once the loud mix has been quiet for a while, the other one counts
    expect(router.route('soft', voice(0.3), 400 + MIX_COMPARE_MS + 1)).toBe(ANA);
    // a mix that ended no longer competes
    router.route('loud', voice(0.95), 3000);
    router.forget('loud');
    expect(router.route('soft', voice(0.2), 3100)).toBe(ANA);
  });
});
