import { describe, expect, it } from 'vitest';
import { FusionEngine } from '../../src/fusion/fusion-engine';
import { DOUBT_MARGIN, mixModalities } from '../../src/fusion/mix';
import { modalityWeights } from '../../src/fusion/weights';
import { faceReading, oneHot, peaked, textReading, voiceReading } from '../support/readings';
import { EMOTIONS } from '../../src/core/emotions';

const top = (p: number[] | null) => (p ? EMOTIONS[p.indexOf(Math.max(...p))] : null);
/** happy 0.40 / sad 0.36: face and voice in doubt between the two; a short, unsure caption reads sad. */
const torn = EMOTIONS.map((e) => (e === 'happy' ? 0.4 : e === 'sad' ? 0.36 : 0.24 / 5));

describe('mix rules', () => {
  it('weighted: every modality in its weight, text included', () => {
    const w = modalityWeights({ face: faceReading(oneHot('happy'), { detectionScore: 1, faceSize: 0.5 }), text: textReading(oneHot('sad')) });
    const p = mixModalities(w, 'weighted')!;
    expect(p[3]).toBeCloseTo(w.weights.face, 12);
    expect(p[4]).toBeCloseTo(w.weights.text, 12);
  });

  it('doubt: text settles a face/voice tie, and is ignored when face and voice agree clearly', () => {
    const tied = modalityWeights({ face: faceReading(torn), voice: voiceReading(torn), text: textReading(peaked('sad', 0.45), 0.3) });
    expect(top(mixModalities(tied, 'weighted'))).toBe('happy');
    expect(top(mixModalities(tied, 'doubt'))).toBe('sad');
    const clear = modalityWeights({ face: faceReading(peaked('happy', 0.9)), voice: voiceReading(peaked('happy', 0.8)), text: textReading(oneHot('sad')) });
    const p = mixModalities(clear, 'doubt')!;
    expect(top(p)).toBe('happy');
    // text took no part: the same as face and voice alone
    const alone = mixModalities(modalityWeights({ face: faceReading(peaked('happy', 0.9)), voice: voiceReading(peaked('happy', 0.8)) }), 'doubt')!;
    p.forEach((x, i) => expect(x).toBeCloseTo(alone[i], 12));
    expect(DOUBT_MARGIN).toBeGreaterThan(0);
  });

  it('doubt: text alone when there is no face or voice; nothing when nothing is usable', () => {
    expect(top(mixModalities(modalityWeights({ text: textReading(oneHot('fear')) }), 'doubt'))).toBe('fear');
    expect(mixModalities(modalityWeights({}), 'doubt')).toBeNull();
  });

  it('the fusion engine uses the rule it is given', () => {
    const readings = { face: faceReading(torn), voice: voiceReading(torn), text: textReading(peaked('sad', 0.45), 0.3) };
    expect(new FusionEngine({ halfLifeSeconds: 0, mix: 'doubt' }).update(readings, 0)!.dominant).toBe('sad');
    expect(new FusionEngine({ halfLifeSeconds: 0 }).update(readings, 0)!.dominant).toBe('happy');
  });
});
