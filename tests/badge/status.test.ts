import { describe, expect, it } from 'vitest';
import { badgeStatusFrom, badgeStatusText, BADGE_STATUS_KEY, type BadgeStatus } from '../../src/badge/status';
import { useLocale } from '../ui/locale-messages';
import type { ModalityState, SessionReading } from '../../src/core/types';

function reading(face: ModalityState, voice: ModalityState, opts: { paused?: boolean; fused?: boolean; unsaved?: number } = {}): SessionReading {
  const probs = [0, 0, 0, 1, 0, 0, 0];
  return {
    sessionId: 's1',
    meetingId: 'm1',
    t: 1,
    paused: opts.paused ?? false,
    unsaved: opts.unsaved ?? 0,
    subjects: [
      {
        subject: { id: 'self', kind: 'self' },
        readings: {
          face: { modality: 'face', state: face, probs: face === 'ok' ? probs : null, quality: 0.9, tMedia: 1, faces: 1 },
          voice: { modality: 'voice', state: voice, probs: voice === 'ok' ? probs : null, quality: 0.5, tMedia: 1 },
        },
        fused:
          opts.fused ?? (face === 'ok' || voice === 'ok')
            ? { probs, dominant: 'happy', confidence: 0.8, valence: 0.5, arousal: 0.5, weights: { face: 0.5, voice: 0.5, text: 0 } }
            : null,
      },
    ],
  };
}

describe('badgeStatusFrom', () => {
  const cases: [string, SessionReading | null, string | undefined, BadgeStatus][] = [
    ['no reading yet', null, undefined, 'starting'],
    ['engine error wins over a reading', reading('ok', 'ok'), 'model failed', 'error'],
    ['user pause wins over everything', reading('blocked', 'ok', { paused: true }), 'boom', 'paused'],
    ['both streams fine', reading('ok', 'ok'), undefined, 'running'],
    ['silent voice while the face works is normal', reading('ok', 'silence'), undefined, 'running'],
    ['silence with no face stream', reading('off', 'silence'), undefined, 'silence'],
    ['no face', reading('no-face', 'ok'), undefined, 'no-face'],
    ['several faces', reading('several-faces', 'silence'), undefined, 'several-faces'],
    ['camera blocked', reading('blocked', 'ok'), undefined, 'camera-blocked'],
    ['microphone blocked', reading('ok', 'blocked'), undefined, 'mic-blocked'],
    ['device unplugged', reading('device-lost', 'ok'), undefined, 'device-lost'],
    ['stream error', reading('ok', 'error'), undefined, 'error'],
    ['both still starting', reading('starting', 'starting'), undefined, 'starting'],
    ['voice only, face off', reading('off', 'ok'), undefined, 'running'],
    ['stream-level pause', reading('paused', 'paused'), undefined, 'paused'],
    ['clipped audio is said, not read', reading('ok', 'clipping'), undefined, 'clipping'],
    ['samples waiting to be saved', reading('ok', 'ok', { unsaved: 3 }), undefined, 'unsaved'],
  ];
  for (const [name, r, err, expected] of cases) {
    it(name, () => expect(badgeStatusFrom(r, err)).toBe(expected));
  }

  it('says so when readings stop coming (a crashed engine), even over a frozen reading', () => {
    expect(badgeStatusFrom(reading('ok', 'ok'), undefined, true)).toBe('stale');
    expect(badgeStatusFrom(null, undefined, true)).toBe('stale');
  });

  it('has a sentence for every status, in English and Spanish', async () => {
    await useLocale('en');
    for (const status of Object.keys(BADGE_STATUS_KEY) as BadgeStatus[]) {
      expect(badgeStatusText(status).length).toBeGreaterThan(3);
    }
    expect(badgeStatusText('mic-blocked')).toMatch(/welcome page/);
    await useLocale('es');
    expect(badgeStatusText('mic-blocked')).toMatch(/bienvenida/);
    for (const status of Object.keys(BADGE_STATUS_KEY) as BadgeStatus[]) expect(badgeStatusText(status).length).toBeGreaterThan(3);
  });
});
