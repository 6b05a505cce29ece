import { describe, expect, it } from 'vitest';
import { parseRelayChunk, parseRelayRequest, RELAY_REQUEST_SOURCE } from '../../src/relay/relay-protocol';

describe('relay protocol', () => {
  it('accepts start and stop requests, rejects anything else', () => {
    const start = { source: RELAY_REQUEST_SOURCE, kinds: ['video'], token: 't', fps: 5 };
    expect(parseRelayRequest(start)).toEqual({ ...start, stop: false });
    expect(parseRelayRequest({ ...start, stop: true })?.stop).toBe(true);
    expect(parseRelayRequest({ ...start, source: 'page' })).toBeNull();
    expect(parseRelayRequest({ ...start, kinds: ['screen'] })).toBeNull();
    expect(parseRelayRequest({ ...start, fps: 0 })).toBeNull();
    expect(parseRelayRequest({ ...start, fps: 1000 })).toBeNull();
    expect(parseRelayRequest(null)).toBeNull();
  });

  it('takes only chunks of the current request, well formed', () => {
    const audio = { token: 'now', kind: 'audio', samples: new Float32Array(1600), sampleRate: 48_000, t: 1 };
    expect(parseRelayChunk(audio, 'now')).toBe(audio);
    expect(parseRelayChunk(audio, 'earlier')).toBeNull();
    expect(parseRelayChunk({ ...audio, samples: [0, 0] }, 'now')).toBeNull();
    expect(parseRelayChunk({ ...audio, samples: new Float32Array(100_000) }, 'now')).toBeNull();
    expect(parseRelayChunk({ ...audio, sampleRate: 10 }, 'now')).toBeNull();
    expect(parseRelayChunk({ token: 'now', kind: 'ended', of: 'video' }, 'now')).not.toBeNull();
    expect(parseRelayChunk({ token: 'now', kind: 'video', bitmap: {}, t: 1 }, 'now')).toBeNull();
    expect(parseRelayChunk('frame', 'now')).toBeNull();
  });
});
