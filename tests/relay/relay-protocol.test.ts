import { describe, expect, it } from 'vitest';
import { frameSizeAccepted, parseRelayChunk, parseRelayPixels, RateLimit, RELAY_REQUEST_SOURCE, relayPortSchema, RELAY_PORT_SOURCE, relayRequestSchema } from '../../src/relay/relay-protocol';

describe('relay protocol', () => {
  it('accepts start and stop requests, rejects anything else; requests carry no token', () => {
    const start = { source: RELAY_REQUEST_SOURCE, kinds: ['video'], fps: 5 };
    expect(relayRequestSchema.parse(start)).toEqual(start);
    expect(relayRequestSchema.parse({ ...start, stop: true }).stop).toBe(true);
    // a token sent to the page world would be readable by the page: it is not part of a request
    expect(relayRequestSchema.parse({ ...start, token: 'secret' })).not.toHaveProperty('token');
    for (const bad of [{ ...start, source: 'page' }, { ...start, kinds: ['screen'] }, { ...start, fps: 0 }, { ...start, fps: 1000 }, null])
      expect(relayRequestSchema.safeParse(bad).success).toBe(false);
    expect(relayPortSchema.safeParse({ source: RELAY_PORT_SOURCE, token: '' }).success).toBe(false);
  });

  it('takes only chunks of the current token, well formed', () => {
    const audio = { token: 'now', kind: 'audio', samples: new Float32Array(1600), sampleRate: 48_000, t: 1 };
    expect(parseRelayChunk(audio, 'now')).toBe(audio);
    expect(parseRelayChunk(audio, 'earlier')).toBeNull();
    expect(parseRelayChunk({ ...audio, token: undefined }, 'now')).toBeNull();
    expect(parseRelayChunk({ ...audio, samples: [0, 0] }, 'now')).toBeNull();
    expect(parseRelayChunk({ ...audio, samples: new Float32Array(100_000) }, 'now')).toBeNull();
    expect(parseRelayChunk({ ...audio, sampleRate: 10 }, 'now')).toBeNull();
    expect(parseRelayChunk({ token: 'now', kind: 'ended', of: 'video' }, 'now')).not.toBeNull();
    expect(parseRelayChunk({ token: 'now', kind: 'video', bitmap: {}, t: 1 }, 'now')).toBeNull();
    expect(parseRelayChunk('frame', 'now')).toBeNull();
  });

  it('takes pixel frames (Firefox) only of the current token, with as many RGBA bytes as the size says, within the size cap', () => {
    const frame = { token: 'now', kind: 'video-pixels', width: 4, height: 2, pixels: new Uint8ClampedArray(4 * 2 * 4), t: 1 };
    // the accepted one becomes an ImageBitmap (createImageBitmap: the browser tests, tests/e2e/firefox-classroom.test.ts)
    expect(parseRelayPixels(frame, 'earlier')).toBeNull();
    expect(parseRelayPixels({ ...frame, pixels: new Uint8ClampedArray(31) }, 'now')).toBeNull();
    expect(parseRelayPixels({ ...frame, pixels: new Uint8Array(32) }, 'now')).toBeNull();
    expect(parseRelayPixels({ ...frame, width: 3840, height: 2160, pixels: new Uint8ClampedArray(3840 * 2160 * 4) }, 'now')).toBeNull();
    expect(parseRelayPixels({ ...frame, t: '1' }, 'now')).toBeNull();
    expect(parseRelayPixels({ ...frame, kind: 'video' }, 'now')).toBeNull();
    expect(parseRelayPixels(null, 'now')).toBeNull();
  });

  it('caps frame size: a 1080p frame passes, a 4K or degenerate one does not', () => {
    expect(frameSizeAccepted(1920, 1080)).toBe(true);
    expect(frameSizeAccepted(640, 480)).toBe(true);
    expect(frameSizeAccepted(3840, 2160)).toBe(false);
    expect(frameSizeAccepted(100_000, 1)).toBe(true);
    expect(frameSizeAccepted(0, 480)).toBe(false);
    expect(frameSizeAccepted(1.5, 480)).toBe(false);
  });

  it('caps the rate over a sliding second', () => {
    const limit = new RateLimit(7);
    const admitted = Array.from({ length: 100 }, (_, i) => limit.admit(i * 5)).filter(Boolean).length; // 100 frames in 0.5 s
    expect(admitted).toBe(7);
    expect(limit.admit(1000)).toBe(true); // a second later, room again
    const audio = new RateLimit(1.5);
    expect(audio.admit(0, 1)).toBe(true);
    expect(audio.admit(10, 1)).toBe(false); // two seconds of audio in 10 ms: faster than real time
  });
});
