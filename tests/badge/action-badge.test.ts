import { describe, expect, it } from 'vitest';
import { ACTION_COLORS, actionBadgeFor } from '../../src/background/action-badge';
import type { ModalityState, SessionReading, SubjectReading } from '../../src/core/types';

const subject = (id: string, face: ModalityState = 'ok'): SubjectReading => ({
  subject: { id, kind: id === 'self' ? 'self' : 'participant', label: id },
  readings: { face: { modality: 'face', state: face, probs: face === 'ok' ? [0, 0, 0, 1, 0, 0, 0] : null, quality: 1, tMedia: 1, faces: 1 } },
  fused: { probs: [0, 0, 0, 1, 0, 0, 0], dominant: 'happy', confidence: 0.8, valence: 0.8, arousal: 0.5, weights: { face: 1, voice: 0, text: 0 } },
});
const reading = (subjects: SubjectReading[], paused = false): SessionReading => ({ sessionId: 's', meetingId: 'm', t: 1, paused, unsaved: 0, subjects });

describe('the toolbar badge', () => {
  it('shows one state per condition, each with text as well as colour', () => {
    expect(actionBadgeFor(reading([subject('self')]))).toEqual({ state: 'analysing', text: '●', color: ACTION_COLORS.analysing });
    expect(actionBadgeFor(reading([subject('self')], true)).state).toBe('paused');
    expect(actionBadgeFor(reading([subject('self'), subject('Ana'), subject('Ben')]))).toMatchObject({ state: 'others', text: '2' });
    expect(actionBadgeFor(reading([subject('self', 'blocked')])).state).toBe('problem');
    expect(actionBadgeFor(reading([subject('self')]), 'model failed').text).toBe('!');
    const texts = new Set([reading([subject('self')]), reading([subject('self')], true)].map((r) => actionBadgeFor(r).text));
    expect(texts.size).toBe(2);
  });

  it('a recording shows as REC above every other state', () => {
    const rec = actionBadgeFor(reading([subject('self', 'blocked'), subject('Ana')], true), undefined, true);
    expect(rec).toMatchObject({ state: 'recording', text: 'REC' });
    expect(actionBadgeFor(reading([subject('self')]), undefined, false).state).toBe('analysing');
  });

  it('pause wins over others and problems (the user chose it)', () => {
    expect(actionBadgeFor(reading([subject('self', 'blocked'), subject('Ana')], true)).state).toBe('paused');
  });
});
