import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/messaging/protocol';
import { parseTapMessage, TAP_SOURCE } from '../../src/tap/tap-protocol';

describe('message protocol', () => {
  it('accepts well-formed messages', () => {
    const m = { type: 'call/tracks', tracks: [{ kind: 'video', label: 'cam' }], site: 'meet', title: 't', url: 'https://x', subject: 'self' };
    expect(parseMessage(m)).toEqual(m);
    expect(parseMessage({ type: 'engine/set-paused', paused: true })).not.toBeNull();
    expect(parseMessage({ type: 'ping' })).not.toBeNull();
  });

  it.each([
    null,
    undefined,
    42,
    'call/tracks',
    [],
    {},
    { type: 'unknown/type' },
    { type: '__proto__' },
    { type: 'toString' },
    { type: 'call/tracks', tracks: 'all', site: 'meet', title: '', url: '', subject: 'self' },
    { type: 'call/tracks', tracks: [{ kind: 'screen', label: 'x' }], site: 'meet', title: '', url: '', subject: 'self' },
    { type: 'call/tracks', tracks: [], site: 'meet', title: '', url: '', subject: 'everyone' },
    { type: 'call/ended', reason: 'bored' },
    { type: 'engine/set-paused', paused: 'yes' },
    { type: 'engine/reading', tabId: 'one', reading: {} },
    { type: 'engine/reading', tabId: 1, reading: null },
    { type: 'engine/start', tabId: Number.NaN, meetingId: 'm', tracks: [], settings: {} },
    { type: 'ui/get-live' },
  ])('rejects malformed message %j', (value) => {
    expect(parseMessage(value)).toBeNull();
  });

  it('rejects oversized track lists and labels', () => {
    const many = Array.from({ length: 17 }, () => ({ kind: 'audio', label: 'mic' }));
    expect(parseMessage({ type: 'call/tracks', tracks: many, site: 's', title: '', url: '', subject: 'self' })).toBeNull();
    const long = [{ kind: 'audio', label: 'x'.repeat(600) }];
    expect(parseMessage({ type: 'call/tracks', tracks: long, site: 's', title: '', url: '', subject: 'self' })).toBeNull();
  });
});

describe('page tap messages', () => {
  it('accepts only our source with valid tracks', () => {
    expect(parseTapMessage({ source: TAP_SOURCE, tracks: [{ kind: 'audio', label: 'Mic' }] })?.tracks).toEqual([{ kind: 'audio', label: 'Mic' }]);
    expect(parseTapMessage({ source: TAP_SOURCE, tracks: [] })?.tracks).toEqual([]);
    expect(parseTapMessage({ source: 'other', tracks: [] })).toBeNull();
    expect(parseTapMessage({ source: TAP_SOURCE, tracks: [{ kind: 'video' }] })).toBeNull();
    expect(parseTapMessage({ source: TAP_SOURCE, tracks: [null] })).toBeNull();
    expect(parseTapMessage('hello')).toBeNull();
  });
});
