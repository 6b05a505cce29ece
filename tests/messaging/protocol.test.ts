import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/messaging/protocol';
import { ALLOWED_SENDERS, mayReceive, senderRole } from '../../src/messaging/senders';
import { parseTapMessage, TAP_SOURCE } from '../../src/tap/tap-protocol';

const probs = [0, 0, 0, 1, 0, 0, 0];
const reading = {
  sessionId: 's1',
  meetingId: 'm1',
  t: 1,
  paused: false,
  unsaved: 0,
  subjects: [
    {
      subject: { id: 'self', kind: 'self' },
      readings: { face: { modality: 'face', state: 'ok', probs, quality: 0.8, tMedia: 1.5, faces: 1 } },
      fused: { probs, dominant: 'happy', confidence: 0.7, valence: 0.5, arousal: 0.4, weights: { face: 1, voice: 0, text: 0 } },
    },
  ],
};
const settings = { face: true, voice: true, text: true, storeTranscripts: false, analysisFps: 5, smoothingHalfLifeSeconds: 2 };

describe('message protocol', () => {
  it('accepts well-formed messages, keeping only known fields', () => {
    const m = { type: 'call/tracks', tracks: [{ kind: 'video', label: 'cam' }], site: 'meet', title: 't', url: 'https://x' };
    expect(parseMessage(m)).toEqual(m);
    expect(parseMessage({ ...m, extra: 'dropped' })).toEqual(m);
    expect(parseMessage({ type: 'engine/set-paused', sessionId: 's1', paused: true })).not.toBeNull();
    expect(parseMessage({ type: 'ping' })).not.toBeNull();
    expect(parseMessage({ type: 'engine/reading', tabId: 1, reading })).toEqual({ type: 'engine/reading', tabId: 1, reading });
    expect(parseMessage({ type: 'engine/start', sessionId: 's', tabId: 1, meetingId: 'm', tracks: [], settings })).not.toBeNull();
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
    { type: 'call/tracks', tracks: 'all', site: 'meet', title: '', url: '' },
    { type: 'call/tracks', tracks: [{ kind: 'screen', label: 'x' }], site: 'meet', title: '', url: '' },
    { type: 'call/ended', reason: 'bored' },
    // engine messages must name their session
    { type: 'engine/set-paused', paused: true },
    { type: 'engine/stop' },
    { type: 'engine/reading', tabId: 'one', reading },
    { type: 'engine/reading', tabId: 1, reading: null },
    { type: 'engine/start', sessionId: 's', tabId: Number.NaN, meetingId: 'm', tracks: [], settings },
    { type: 'engine/start', sessionId: 's', tabId: 1, meetingId: 'm', tracks: [], settings: { face: true } },
    { type: 'ui/get-live' },
  ])('rejects malformed message %j', (value) => {
    expect(parseMessage(value)).toBeNull();
  });

  it('validates readings deeply', () => {
    const withSubject = (patch: Record<string, unknown>) => ({ ...reading, subjects: [{ ...reading.subjects[0], ...patch }] });
    const bad = [
      { ...reading, sessionId: '' },
      withSubject({ fused: { ...reading.subjects[0].fused, probs: [1, 0] } }),
      withSubject({ fused: { ...reading.subjects[0].fused, dominant: 'bored' } }),
      withSubject({ readings: { face: { ...reading.subjects[0].readings.face, probs: [NaN, 0, 0, 0, 0, 0, 1] } } }),
      withSubject({ readings: { face: { ...reading.subjects[0].readings.face, quality: 7 } } }),
      withSubject({ subject: { id: 'x'.repeat(500), kind: 'self' } }),
      withSubject({ subject: { id: 'p', kind: 'robot' } }),
      { ...reading, subjects: Array.from({ length: 65 }, () => reading.subjects[0]) },
    ];
    for (const r of bad) expect(parseMessage({ type: 'engine/reading', tabId: 1, reading: r })).toBeNull();
  });

  it('rejects oversized track lists and labels', () => {
    const many = Array.from({ length: 17 }, () => ({ kind: 'audio', label: 'mic' }));
    expect(parseMessage({ type: 'call/tracks', tracks: many, site: 's', title: '', url: '' })).toBeNull();
    const long = [{ kind: 'audio', label: 'x'.repeat(600) }];
    expect(parseMessage({ type: 'call/tracks', tracks: long, site: 's', title: '', url: '' })).toBeNull();
  });
});

describe('sender roles (trust: the engine obeys the service worker alone)', () => {
  const ID = 'abcdefghijklmnopabcdefghijklmnop';
  const ORIGIN = `chrome-extension://${ID}`;
  const worker = { id: ID, url: `${ORIGIN}/background.js` };
  const offscreen = { id: ID, url: `${ORIGIN}/offscreen.html` };
  const popup = { id: ID, url: `${ORIGIN}/popup.html` };
  const content = { id: ID, url: 'https://meet.google.com/abc-defg-hij', tab: { id: 4 } };
  const relayInTab = { id: ID, url: `${ORIGIN}/relay.html`, tab: { id: 4 } };
  const fakeWorkerInTab = { id: ID, url: `${ORIGIN}/background.js`, tab: { id: 4 } };
  const other = { id: 'someotherextension', url: 'chrome-extension://someotherextension/background.js' };

  it('tells the roles apart', () => {
    expect(senderRole(worker, ID, ORIGIN)).toBe('worker');
    expect(senderRole(offscreen, ID, ORIGIN)).toBe('offscreen');
    expect(senderRole(popup, ID, ORIGIN)).toBe('extension-page');
    expect(senderRole(content, ID, ORIGIN)).toBe('content');
    expect(senderRole(relayInTab, ID, ORIGIN)).toBe('extension-page');
    expect(senderRole(fakeWorkerInTab, ID, ORIGIN)).toBe('extension-page');
    expect(senderRole(other, ID, ORIGIN)).toBe('foreign');
    expect(senderRole({}, ID, ORIGIN)).toBe('foreign');
  });

  it('lets only the worker command the engine', () => {
    for (const type of ['engine/start', 'engine/stop', 'engine/set-paused', 'engine/settings', 'ping'] as const) {
      expect(mayReceive(type, 'worker')).toBe(true);
      for (const role of ['content', 'extension-page', 'offscreen', 'foreign'] as const) expect(mayReceive(type, role)).toBe(false);
    }
  });

  it('takes call state from content scripts only and readings from the engine only', () => {
    expect(mayReceive('call/tracks', 'content')).toBe(true);
    expect(mayReceive('call/tracks', 'extension-page')).toBe(false);
    expect(mayReceive('engine/reading', 'offscreen')).toBe(true);
    expect(mayReceive('engine/reading', 'content')).toBe(false);
    expect(mayReceive('ui/analyse-participants', 'content')).toBe(false);
    // nothing may come from another extension or a page
    for (const type of Object.keys(ALLOWED_SENDERS) as (keyof typeof ALLOWED_SENDERS)[]) expect(mayReceive(type, 'foreign')).toBe(false);
  });
});

describe('page tap messages', () => {
  it('accepts only our source with valid tracks and a frame id', () => {
    const ok = { source: TAP_SOURCE, frame: 'f1', tracks: [{ kind: 'audio', label: 'Mic' }] };
    expect(parseTapMessage(ok)?.tracks).toEqual([{ kind: 'audio', label: 'Mic' }]);
    expect(parseTapMessage({ ...ok, tracks: [] })?.tracks).toEqual([]);
    expect(parseTapMessage({ ...ok, frame: undefined })).toBeNull();
    expect(parseTapMessage({ ...ok, source: 'other' })).toBeNull();
    expect(parseTapMessage({ ...ok, tracks: [{ kind: 'video' }] })).toBeNull();
    expect(parseTapMessage({ ...ok, tracks: [null] })).toBeNull();
    expect(parseTapMessage('hello')).toBeNull();
  });
});
