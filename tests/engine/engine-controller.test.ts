import { describe, expect, it } from 'vitest';
import { EngineController } from '../../src/engine/engine-controller';
import type { EngineHost, EngineModels } from '../../src/engine/engine-host';
import type { Message } from '../../src/messaging/protocol';

const settings = { face: true, voice: true, text: true, storeTranscripts: false, analysisFps: 5, smoothingHalfLifeSeconds: 2 };

function controller(models: () => Promise<EngineModels>) {
  const sent: Message[] = [];
  const host: EngineHost = { models, send: (m) => void sent.push(m), storeSamples: async () => undefined, storeUtterance: async () => undefined };
  return { c: new EngineController(host), sent };
}

describe('EngineController', () => {
  it('runs one session at a time and ignores messages naming another session', async () => {
    const { c } = controller(async () => ({}) as EngineModels);
    expect(await c.handle({ type: 'ping' })).toEqual({ pong: true, sessionId: null });
    expect(await c.handle({ type: 'engine/start', sessionId: 'a', tabId: 1, meetingId: 'm', tracks: [], settings })).toBe(true);
    expect(await c.handle({ type: 'ping' })).toEqual({ pong: true, sessionId: 'a' });
    // an older or forged session id changes nothing
    expect(await c.handle({ type: 'engine/stop', sessionId: 'b' })).toBe(false);
    expect(await c.handle({ type: 'engine/set-paused', sessionId: 'b', paused: true })).toBe(false);
    expect(c.current?.id).toBe('a');
    // a new start replaces the session
    await c.handle({ type: 'engine/start', sessionId: 'c', tabId: 1, meetingId: 'm', tracks: [], settings });
    expect(await c.handle({ type: 'engine/stop', sessionId: 'a' })).toBe(false);
    expect(await c.handle({ type: 'engine/stop', sessionId: 'c' })).toBe(true);
    expect(c.current).toBeNull();
  });

  it('reports models that cannot load, and starts no session', async () => {
    const { c, sent } = controller(() => Promise.reject(new Error('wasm missing')));
    expect(await c.handle({ type: 'engine/start', sessionId: 'a', tabId: 3, meetingId: 'm', tracks: [], settings })).toBe(false);
    expect(c.current).toBeNull();
    expect(sent).toEqual([expect.objectContaining({ type: 'engine/error', sessionId: 'a', tabId: 3, stream: 'engine' })]);
    expect((sent[0] as { message: string }).message).toMatch(/wasm missing/);
  });
});
