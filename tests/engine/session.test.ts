/**
 * The session without a browser: a scripted source reports readings for two people; the session
 * fuses each on their own, publishes plural readings, writes one sample per subject, keeps samples
 * through storage failures, and applies settings mid-call.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../src/messaging/protocol';
import type { EngineSettings } from '../../src/settings/schema';
import type { ModalityReading, Sample, SessionReading, SubjectRef } from '../../src/core/types';
import type { EngineHost, EngineModels, StoredUtterance } from '../../src/engine/engine-host';
import { Session, STALE_READING_MS } from '../../src/engine/session';
import type { Source, SourceContext } from '../../src/engine/sources/source';
import { faceReading, oneHot, voiceReading } from '../support/readings';

const SETTINGS: EngineSettings = { face: true, voice: true, text: true, storeTranscripts: false, analysisFps: 5, smoothingHalfLifeSeconds: 0 };
const ANA: SubjectRef = { id: 'p1', kind: 'participant', label: 'Ana' };
const SELF: SubjectRef = { id: 'self', kind: 'self' };

class ScriptedSource implements Source {
  applied: EngineSettings[] = [];
  constructor(readonly ctx: SourceContext) {}
  async start() {}
  applySettings(s: EngineSettings) {
    this.applied.push(s);
  }
  stop() {}
  say(subject: SubjectRef, reading: ModalityReading) {
    this.ctx.report(subject, reading);
  }
}

/** Reads every text as sad: the session's handling of captions is under test here, not the model. */
const sadText = { meta: {}, predict: (texts: readonly string[]) => texts.map(() => Float32Array.from(oneHot('sad'))), predictLayers: () => [], dispose() {} };

function harness(store: (samples: Sample[]) => Promise<void> = async () => undefined, opts: { settings?: EngineSettings; othersAllowed?: boolean } = {}) {
  const sent: Message[] = [];
  const stored: Sample[][] = [];
  const utterances: StoredUtterance[] = [];
  const host: EngineHost = {
    models: async () => ({ text: sadText }) as unknown as EngineModels,
    storeUtterance: async (u) => void utterances.push(u),
    send: (m) => void sent.push(m),
    storeSamples: async (samples) => {
      await store(samples);
      stored.push(samples);
    },
  };
  const session = new Session({ sessionId: 's1', tabId: 7, meetingId: 'm1', tracks: [], settings: opts.settings ?? SETTINGS, othersAllowed: opts.othersAllowed }, host);
  let source!: ScriptedSource;
  const readings = () => sent.filter((m): m is Extract<Message, { type: 'engine/reading' }> => m.type === 'engine/reading').map((m) => m.reading);
  const last = (): SessionReading => readings()[readings().length - 1];
  return { session, sent, stored, utterances, readings, last, start: () => session.start([(ctx) => (source = new ScriptedSource(ctx))]), source: () => source };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Session', () => {
  it('fuses each subject on their own and publishes them together, self first', async () => {
    const h = harness();
    await h.start();
    h.source().say(ANA, faceReading(oneHot('sad')));
    h.source().say(SELF, faceReading(oneHot('happy')));
    h.source().say(SELF, voiceReading(oneHot('happy')));
    vi.advanceTimersByTime(200);
    h.source().say(ANA, faceReading(oneHot('sad')));
    const r = h.last();
    expect(r.sessionId).toBe('s1');
    expect(r.meetingId).toBe('m1');
    expect(r.subjects.map((s) => s.subject.id)).toEqual(['self', 'p1']);
    expect(r.subjects[0].fused?.dominant).toBe('happy');
    expect(r.subjects[1].fused?.dominant).toBe('sad');
    expect(r.subjects[1].subject.label).toBe('Ana');
    expect(Object.keys(r.subjects[0].readings).sort()).toEqual(['face', 'voice']);
    h.session.stop();
  });

  it('writes one sample per subject about once a second, with the modality readings and media time', async () => {
    const h = harness();
    await h.start();
    h.source().say(SELF, { ...faceReading(oneHot('happy')), tMedia: 3.5 });
    h.source().say(ANA, { ...voiceReading(oneHot('angry')), tMedia: 1.25 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.stored).toHaveLength(1);
    const [self, ana] = h.stored[0];
    expect(self).toMatchObject({ meetingId: 'm1', subjectId: 'self', tMedia: 3.5 });
    expect(self.readings.face?.probs).toEqual(oneHot('happy'));
    expect(ana.subjectId).toBe('p1');
    expect(ana.fused?.dominant).toBe('angry');
    h.session.stop();
  });

  it('keeps media time increasing when a reopened device restarts its clock', async () => {
    const h = harness();
    await h.start();
    h.source().say(SELF, { ...faceReading(oneHot('happy')), tMedia: 10 });
    h.source().say(SELF, { modality: 'face', state: 'device-lost', probs: null, quality: 0, tMedia: 0 });
    h.source().say(SELF, { ...faceReading(oneHot('happy')), tMedia: 0.2 });
    const face = h.session.reading().subjects[0].readings.face!;
    expect(face.tMedia).toBeGreaterThanOrEqual(10);
    h.session.stop();
  });

  it('shows a reading whose loop went quiet as starting, not as a frozen value', async () => {
    const h = harness();
    await h.start();
    h.source().say(SELF, faceReading(oneHot('happy')));
    expect(h.session.reading().subjects[0].readings.face?.state).toBe('ok');
    vi.advanceTimersByTime(STALE_READING_MS + 100);
    expect(h.session.reading().subjects[0].readings.face?.state).toBe('starting');
    h.session.stop();
  });

  it('pauses: paused readings and samples, no fusion', async () => {
    const h = harness();
    await h.start();
    h.source().say(SELF, faceReading(oneHot('happy')));
    h.session.setPaused(true);
    h.source().say(SELF, faceReading(oneHot('sad')));
    const r = h.last();
    expect(r.paused).toBe(true);
    expect(r.subjects[0].readings.face?.state).toBe('paused');
    expect(r.subjects[0].fused).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.stored[0][0].fused).toBeNull();
    h.session.stop();
  });

  it('keeps samples that could not be stored, says so, and writes them in order once storage works', async () => {
    let failing = true;
    const h = harness(async () => {
      if (failing) throw new Error('QuotaExceededError');
    });
    await h.start();
    h.source().say(SELF, faceReading(oneHot('happy')));
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.stored).toHaveLength(0);
    expect(h.session.pendingSamples).toBe(3);
    expect(h.last().unsaved).toBe(3);
    failing = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.stored).toHaveLength(4);
    const times = h.stored.map((batch) => batch[0].t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(h.session.pendingSamples).toBe(0);
    expect(h.last().unsaved).toBe(0);
    h.session.stop();
  });

  it('applies settings mid-call: sources get them at once, smoothing restarts', async () => {
    const h = harness();
    await h.start();
    h.session.updateSettings({ ...SETTINGS, face: false, smoothingHalfLifeSeconds: 5 });
    expect(h.source().applied.at(-1)).toMatchObject({ face: false, smoothingHalfLifeSeconds: 5 });
    h.session.stop();
  });

  it('reads the user\'s caption as their text modality, and stores no words unless asked', async () => {
    const h = harness();
    await h.start();
    await h.session.caption('You', 'I am quite sad about how this turned out', Date.now());
    const self = h.session.reading().subjects.find((s) => s.subject.id === 'self')!;
    expect(self.readings.text).toMatchObject({ modality: 'text', state: 'ok', quality: 1 });
    expect(self.fused?.dominant).toBe('sad');
    expect(h.utterances).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(JSON.stringify(h.stored)).not.toMatch(/turned out/);
    h.session.stop();
  });

  it('reads another speaker\'s captions only when the user opted in to analysing others', async () => {
    const off = harness();
    await off.start();
    await off.session.caption('Ana', 'this is terrible', Date.now());
    await off.session.caption(null, 'nobody said this', Date.now());
    expect(off.session.reading().subjects).toEqual([]);
    off.session.stop();
    const on = harness(undefined, { othersAllowed: true, settings: { ...SETTINGS, storeTranscripts: true } });
    await on.start();
    await on.session.caption('Ana', 'this is terrible', Date.now());
    expect(on.session.reading().subjects.map((s) => s.subject.label)).toEqual(['Ana']);
    expect(on.utterances.map((u) => u.text)).toEqual(['this is terrible']);
    on.session.stop();
  });

  it('sends nothing after it stopped', async () => {
    const h = harness();
    await h.start();
    h.session.stop();
    const before = h.sent.length;
    h.source().say(SELF, faceReading(oneHot('happy')));
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.sent.length).toBe(before);
    expect(h.stored).toHaveLength(0);
  });
});
