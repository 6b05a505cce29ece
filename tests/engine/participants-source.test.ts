/**
 * The participants source's bookkeeping without a browser (faces and voices are read in the
 * classroom end-to-end test): who is a subject under which name, which tracks are relayed on
 * which tokens, and that people who leave are removed and their relays stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Participant } from '../../src/core/schemas';
import type { ModalityReading, SubjectRef } from '../../src/core/types';
import type { Message } from '../../src/messaging/protocol';
import type { EngineSettings } from '../../src/settings/schema';
import type { SourceContext } from '../../src/engine/sources/source';
import { ParticipantsSource } from '../../src/engine/sources/participants-source';

// voice off: a relayed audio track needs the browser's MediaStreamTrackGenerator
const SETTINGS: EngineSettings = { face: true, voice: false, text: true, storeTranscripts: false, analysisFps: 5, smoothingHalfLifeSeconds: 0 };
const person = (key: string, name: string | null, video: string | null, audio: string | null = null): Participant => ({ key, name, video, audio });

let abort: AbortController;
afterEach(() => abort?.abort());

function harness() {
  abort = new AbortController();
  const sent: Message[] = [];
  const reports: { subject: SubjectRef; reading: ModalityReading }[] = [];
  const removed: string[] = [];
  const ctx: SourceContext = {
    signal: abort.signal,
    host: { models: () => new Promise(() => undefined) } as never,
    tabId: 3,
    sessionId: 's1',
    settings: () => SETTINGS,
    paused: () => false,
    report: (subject, reading) => void reports.push({ subject, reading }),
    remove: (id) => void removed.push(id),
    sendError: () => undefined,
    send: (m) => void sent.push(m),
  };
  const relays = (type: 'relay/start' | 'relay/stop') => sent.filter((m): m is Extract<Message, { type: typeof type }> => m.type === type);
  return { ctx, sent, reports, removed, relays };
}

describe('participants source', () => {
  it('takes a site’s mixed audio streams for no one: no subject, no number, no face relay', async () => {
    const h = harness();
    const mixed: Participant = { key: 'mixed:pc1/m0', name: null, video: null, audio: 'a-m0', mixed: true };
    const source = new ParticipantsSource([person('name:Ana', 'Ana', 'v-ana'), mixed], h.ctx);
    await source.start(SETTINGS);
    expect(new Set(h.reports.map((r) => r.subject.id))).toEqual(new Set(['name:Ana']));
    expect(h.relays('relay/start').map((m) => m.track)).toEqual(['v-ana']);
    // Ana speaks; the mix goes away: nobody is removed, since the mix was nobody
    source.update([{ ...person('name:Ana', 'Ana', 'v-ana'), speaking: true }]);
    expect(h.removed).toEqual([]);
    expect(h.reports.find((r) => r.subject.id === 'name:Ana')?.subject.label).toBe('Ana');
  });

  it('relays each video track on a token of its own, named by tile or numbered in order of arrival', async () => {
    const h = harness();
    const source = new ParticipantsSource([person('name:Ana', 'Ana', 'v-ana'), person('stream:pc1/x', null, 'v-x')], h.ctx);
    await source.start(SETTINGS);
    const starts = h.relays('relay/start');
    expect(starts.map((m) => m.track)).toEqual(['v-ana', 'v-x']);
    expect(starts.every((m) => m.kinds.join() === 'video' && m.sessionId === 's1' && m.tabId === 3)).toBe(true);
    expect(new Set(starts.map((m) => m.token)).size).toBe(2);
    const labels = new Map(h.reports.map((r) => [r.subject.id, r.subject.label]));
    expect(labels.get('name:Ana')).toBe('Ana');
    expect(labels.get('stream:pc1/x')).toBe('Participant 2');
    // a person without their own audio track has no voice of theirs
    expect(h.reports.some((r) => r.subject.id === 'name:Ana' && r.reading.modality === 'voice' && r.reading.state === 'off')).toBe(true);
  });

  it('removes who left and stops their relay; a newcomer keeps the next number, a renegotiated track is relayed anew', async () => {
    const h = harness();
    const source = new ParticipantsSource([person('stream:a', null, 'v1'), person('stream:b', null, 'v2')], h.ctx);
    await source.start(SETTINGS);
    const [first] = h.relays('relay/start');
    source.update([person('stream:b', null, 'v2b'), person('stream:c', null, 'v3')]);
    expect(h.removed).toEqual(['stream:a']);
    const stops = h.relays('relay/stop');
    expect(stops.map((m) => m.track).sort()).toEqual(['v1', 'v2']);
    expect(stops.find((m) => m.track === 'v1')!.token).toBe(first.token);
    expect(h.relays('relay/start').slice(2).map((m) => m.track).sort()).toEqual(['v2b', 'v3']);
    const labels = new Map(h.reports.map((r) => [r.subject.id, r.subject.label]));
    expect(labels.get('stream:c')).toBe('Participant 3');
    expect(labels.get('stream:b')).toBe('Participant 2');
  });

  it('stops every relay when face analysis is turned off, and when the session ends', async () => {
    const h = harness();
    const source = new ParticipantsSource([person('name:Ana', 'Ana', 'v-ana'), person('name:Ben', 'Ben', 'v-ben')], h.ctx);
    await source.start(SETTINGS);
    source.applySettings({ ...SETTINGS, face: false });
    expect(h.relays('relay/stop').map((m) => m.track).sort()).toEqual(['v-ana', 'v-ben']);
    expect(h.reports.filter((r) => r.reading.modality === 'face' && r.reading.state === 'off').length).toBeGreaterThanOrEqual(2);
    source.applySettings(SETTINGS);
    expect(h.relays('relay/start').length).toBe(4);
    abort.abort();
    expect(h.relays('relay/stop').length).toBe(4);
  });
  it("keeps the service worker's number for the whole call, across sessions", async () => {
    const h = harness();
    const source = new ParticipantsSource([{ ...person('stream:c', null, 'v-c'), number: 3 }, person('stream:d', null, 'v-d')], h.ctx);
    await source.start(SETTINGS);
    const labels = new Map(h.reports.map((r) => [r.subject.id, r.subject.label]));
    expect(labels.get('stream:c')).toBe('Participant 3');
    // someone without a number from the worker gets the next free one, not a taken one
    expect(labels.get('stream:d')).toBe('Participant 4');
  });
});
