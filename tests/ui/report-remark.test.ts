import { beforeAll, describe, expect, it } from 'vitest';
import type { Meeting, Sample } from '../../src/core/types';
import { summarizeSubject } from '../../src/export/summary';
import { remarkParts, remarkText } from '../../src/ui/report-remark';
import { useLocale } from './locale-messages';

const START = 1_700_000_000_000;
const meeting: Meeting = { id: 'm', kind: 'call', site: 'demo', title: '', url: '', startedAt: START, lastSampleAt: START + 60_000, endedAt: START + 60_000, sampleCount: 60, dominantSeconds: [0, 0, 0, 0, 0, 0, 0], othersAnalysed: false };

/** A minute: neutral, with happy rising to 0.8 at 12 s; face and voice agree in every other sample. */
function samples(): Sample[] {
  return Array.from({ length: 60 }, (_, s) => {
    const happy = s === 12 ? 0.8 : 0.1;
    const probs = [0.02, 0.02, 0.02, happy, 0.02, 0.02, 0.9 - happy];
    const top = probs.indexOf(Math.max(...probs));
    const voice = s % 2 === 0 ? probs : [0.02, 0.02, 0.02, 0.02, 0.8, 0.02, 0.1];
    return {
      meetingId: 'm',
      subjectId: 'self',
      t: START + s * 1000,
      tMedia: s,
      readings: { face: { state: 'ok', probs, quality: 1 }, voice: { state: 'ok', probs: voice, quality: 1 } },
      fused: { probs, dominant: (['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const)[top], confidence: 0.6, valence: 0, arousal: 0.3 },
    };
  });
}

describe('the report remark', () => {
  beforeAll(() => useLocale('en'));

  it('says what was mostly on top, when another expression peaked, and how often face and voice agreed', () => {
    const summary = summarizeSubject(meeting, samples());
    expect(remarkParts(summary, START)).toEqual({ mostly: 'neutral', peak: { emotion: 'happy', secondsIn: 12 }, agreement: 0.5 });
    expect(remarkText(summary, START)).toBe('Mostly neutral. Happy peaks at 0:12. Face and voice agreed 50% of the time.');
  });

  it('says so when there is nothing to say', () => {
    expect(remarkText(summarizeSubject(meeting, []), START)).toBe('No readings were stored for this person.');
  });

  it('in Spanish', async () => {
    await useLocale('es');
    expect(remarkText(summarizeSubject(meeting, samples()), START)).toBe('Sobre todo neutral. Alegría: máximo a los 0:12. La cara y la voz coincidieron el 50% del tiempo.');
    await useLocale('en');
  });
});
