import { describe, expect, it } from 'vitest';
import { badgeStatusFrom, badgeStatusText, BADGE_STATUS_TEXT, type BadgeStatus } from '../../src/badge/status';
import type { LiveReading, StreamState } from '../../src/core/types';

function reading(face: StreamState, voice: StreamState, opts: { paused?: boolean; fused?: boolean } = {}): LiveReading {
  const probs = [0, 0, 0, 1, 0, 0, 0];
  return {
    meetingId: 'm1',
    subject: 'self',
    t: 1,
    paused: opts.paused ?? false,
    face: { state: face, probs: face === 'ok' ? probs : null, detectionScore: 0.9, faceSize: 0.3, faces: 1 },
    voice: { state: voice, probs: voice === 'ok' ? probs : null, speech: 0.5 },
    fused:
      opts.fused ?? (face === 'ok' || voice === 'ok')
        ? { probs, dominant: 'happy', confidence: 0.8, valence: 0.5, arousal: 0.5, weights: { face: 0.5, voice: 0.5 } }
        : null,
  };
}

describe('badgeStatusFrom', () => {
  const cases: [string, LiveReading | null, string | undefined, BadgeStatus][] = [
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
  ];
  for (const [name, r, err, expected] of cases) {
    it(name, () => expect(badgeStatusFrom(r, err)).toBe(expected));
  }

  it('has a sentence for every status', () => {
    for (const status of Object.keys(BADGE_STATUS_TEXT) as BadgeStatus[]) {
      expect(badgeStatusText(status).length).toBeGreaterThan(3);
    }
    expect(badgeStatusText('mic-blocked')).toMatch(/welcome page/);
  });
});
