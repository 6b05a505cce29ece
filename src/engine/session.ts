/**
 * One analysed call (or file): its sources report modality readings per subject; the session keeps
 * one fusion engine per subject, publishes a SessionReading to the badge and popup, and writes one
 * sample per subject about once a second. Everything it starts stops when `stop()` aborts it.
 */
import { FusionEngine } from '../fusion';
import type { Message } from '../messaging/protocol';
import type { EngineSettings } from '../settings/schema';
import type { Participant, TrackInfo } from '../core/schemas';
import { MODALITIES, type Modality, type ModalityReading, type ModalityReadings, type Sample, type SessionReading, type SubjectReading, type SubjectRef } from '../core/types';
import type { EngineHost } from './engine-host';
import { idleReading } from './idle-reading';
import { SampleWriter, type WriterStatus } from './sample-writer';
import type { Source, SourceContext } from './sources/source';
import { DeviceSource } from './sources/device-source';
import { TAB_SUBJECT, TabCaptureSource } from './sources/tab-capture-source';
import { ParticipantsSource } from './sources/participants-source';
import { isSelfSpeaker, readUtterance } from '../modalities/text/text-pipeline';
import { SELF } from '../core/types';

export interface SessionSpec {
  sessionId: string;
  tabId: number;
  meetingId: string;
  /** Self-analysis: the devices the call page opened. */
  tracks: TrackInfo[];
  /** Other participants: the call tab's captured video and audio (opt-in), already opened. */
  /** The relay token of the tab capture (other participants, opt-in). */
  tabCaptureToken?: string;
  /** ...or their own tracks as the page receives them (opt-in), relayed per track. */
  participants?: Participant[];
  /** Others may be analysed in this session (the user opted in): their captions are read too. */
  othersAllowed?: boolean;
  settings: EngineSettings;
}

export const SAMPLE_INTERVAL_MS = 1000;
/** Readings to the badge at most this often; the face loop may run faster. */
export const READING_INTERVAL_MS = 150;
/** A usable reading older than this is stale (its loop stalled): shown as starting, not fused. */
export const STALE_READING_MS = 3000;
/** A caption's reading stands this long (people speak in turns); then the text modality is silent. */
export const TEXT_HOLD_MS = 10_000;

interface SubjectState {
  ref: SubjectRef;
  readings: ModalityReadings;
  /** performance.now() of each modality's last report. */
  at: Partial<Record<Modality, number>>;
  fusion: FusionEngine;
  lastFused: SubjectReading['fused'];
  /** Media time per modality, kept increasing across a reopened device (whose clock restarts at 0). */
  media: Partial<Record<Modality, { last: number; offset: number }>>;
}

export class Session {
  private readonly abort = new AbortController();
  private readonly subjects = new Map<string, SubjectState>();
  private readonly sources: Source[] = [];
  private participantsSource: ParticipantsSource | null = null;
  private readonly writer: SampleWriter;
  private settings: EngineSettings;
  private paused = false;
  private lastPublished = 0;
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private storageError: string | null = null;
  private readonly startedAt = Date.now();

  constructor(
    readonly spec: SessionSpec,
    private readonly host: EngineHost,
  ) {
    this.settings = spec.settings;
    this.writer = new SampleWriter(host.storeSamples, (status) => this.onWriterStatus(status));
  }

  get id(): string {
    return this.spec.sessionId;
  }

  get meetingId(): string {
    return this.spec.meetingId;
  }

  /**
   * Starts the sources the spec names, plus any `extra` (a file, a participant's track, a test's
   * scripted source), each built on this session's context.
   */
  async start(extra: ((ctx: SourceContext) => Source)[] = []): Promise<void> {
    const context = this.sourceContext();
    if (this.spec.tabCaptureToken) this.sources.push(new TabCaptureSource(this.spec.tabCaptureToken, context));
    if (this.spec.participants) {
      this.participantsSource = new ParticipantsSource(this.spec.participants, context);
      this.sources.push(this.participantsSource);
    }
    if (this.spec.tracks.length) this.sources.push(new DeviceSource(this.spec.tracks, context));
    for (const make of extra) this.sources.push(make(context));
    this.sampleTimer = setInterval(() => void this.writeSamples(), SAMPLE_INTERVAL_MS);
    await Promise.all(this.sources.map((s) => s.start(this.settings)));
    this.publish(true);
  }

  stop(): void {
    this.abort.abort();
    clearInterval(this.sampleTimer);
    this.sources.forEach((s) => s.stop());
  }

  /** People joined or left the call (only when the user opted in to analysing them). */
  updateParticipants(participants: Participant[]): void {
    this.participantsSource?.update(participants);
  }

  /**
   * The picture the engine has of another participant, for a recording: the captured tab (it shows
   * every tile) for its subjects, or a person's own relayed tile and voice (`release` when done).
   */
  pictureOf(subjectId: string): { stream: MediaStream; release?: () => void } | null {
    if (subjectId === TAB_SUBJECT.id || subjectId.startsWith('tab-face-')) {
      const tab = this.sources.find((s): s is TabCaptureSource => s instanceof TabCaptureSource);
      return tab?.picture ? { stream: tab.picture } : null;
    }
    return this.participantsSource?.pictureOf(subjectId) ?? null;
  }

  /** For the benchmark and tests: the participants' face rounds. */
  get participantRounds(): { tiles: number; ms: number }[] {
    return this.participantsSource?.rounds ?? [];
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) for (const s of this.subjects.values()) s.fusion.reset();
    this.publish(true);
  }

  /** Applies at once: a modality turned off stops, one turned on starts, smoothing restarts. */
  updateSettings(settings: EngineSettings): void {
    const smoothingChanged = settings.smoothingHalfLifeSeconds !== this.settings.smoothingHalfLifeSeconds;
    this.settings = settings;
    if (smoothingChanged) for (const s of this.subjects.values()) s.fusion = this.newFusion();
    for (const source of this.sources) source.applySettings(settings);
    this.publish(true);
  }

  private newFusion(): FusionEngine {
    return new FusionEngine({ halfLifeSeconds: this.settings.smoothingHalfLifeSeconds });
  }

  private sourceContext(): SourceContext {
    return {
      signal: this.abort.signal,
      host: this.host,
      settings: () => this.settings,
      paused: () => this.paused,
      report: (subject, reading, observedAt) => this.report(subject, reading, observedAt),
      remove: (subjectId) => {
        this.subjects.delete(subjectId);
        this.publish(true);
      },
      sendError: (stream, message) => this.send({ type: 'engine/error', sessionId: this.id, tabId: this.spec.tabId, stream, message }),
      send: (message) => this.send(message),
      tabId: this.spec.tabId,
      sessionId: this.spec.sessionId,
    };
  }

  private subject(ref: SubjectRef): SubjectState {
    let state = this.subjects.get(ref.id);
    if (!state) {
      state = { ref, readings: {}, at: {}, fusion: this.newFusion(), lastFused: null, media: {} };
      this.subjects.set(ref.id, state);
    } else if (ref.label && ref.label !== state.ref.label) state.ref = { ...state.ref, label: ref.label };
    return state;
  }

  /** A source's reading for one subject. States without a reading (off, blocked...) publish at once. */
  private report(ref: SubjectRef, reading: ModalityReading, observedAt = Date.now()): void {
    if (this.abort.signal.aborted) return;
    if (this.paused && reading.state === 'ok') return;
    const state = this.subject(ref);
    reading = { ...reading, tMedia: monotonicMediaTime(state, reading) };
    state.readings[reading.modality] = reading;
    state.at[reading.modality] = performance.now();
    this.publish(reading.probs === null, observedAt);
  }

  private send(message: Message) {
    if (!this.abort.signal.aborted) this.host.send(message);
  }

  /** Each subject's readings now: paused, stale or current. */
  private currentReadings(state: SubjectState, now: number): ModalityReadings {
    const out: ModalityReadings = {};
    for (const m of MODALITIES) {
      const r = state.readings[m];
      if (!r) continue;
      if (this.paused) out[m] = idleReading(m, 'paused', r.tMedia);
      else if (r.probs && now - (state.at[m] ?? 0) > (m === 'text' ? TEXT_HOLD_MS : STALE_READING_MS))
        out[m] = idleReading(m, m === 'text' ? 'silence' : 'starting', r.tMedia);
      else out[m] = r;
    }
    return out;
  }

  /** The current session reading; fuses each subject's latest readings. */
  reading(tWall = Date.now()): SessionReading {
    const now = performance.now();
    const subjects: SubjectReading[] = [];
    for (const state of this.subjects.values()) {
      const readings = this.currentReadings(state, now);
      const fused = this.paused ? null : state.fusion.update(readings, tWall);
      state.lastFused = fused;
      subjects.push({ subject: state.ref, readings, fused });
    }
    // self first, then in the order subjects appeared
    subjects.sort((a, b) => Number(b.subject.kind === 'self') - Number(a.subject.kind === 'self'));
    return { sessionId: this.id, meetingId: this.meetingId, t: tWall, paused: this.paused, subjects, unsaved: this.writer.status.pending };
  }

  /** `t` of the reading: when its newest input was observed, so the badge can measure frame-to-badge latency. */
  private publish(force: boolean, observedAt = Date.now()) {
    if (this.abort.signal.aborted) return;
    const now = performance.now();
    if (!force && now - this.lastPublished < READING_INTERVAL_MS) return;
    this.send(this.readingMessage(this.reading(observedAt)));
  }

  private readingMessage(reading: SessionReading): Message {
    this.lastPublished = performance.now();
    return { type: 'engine/reading', tabId: this.spec.tabId, reading };
  }

  /** The badge says so while samples wait to be written, and stops once they are. */
  private onWriterStatus(status: WriterStatus) {
    if (status.lastError && status.lastError !== this.storageError) console.warn('emotion-overlay: samples kept for retry:', status.lastError);
    this.storageError = status.lastError;
    this.publish(true);
  }

  /** Also while paused (as paused samples): the meeting stays alive and the pause shows in its timeline. */
  private async writeSamples() {
    if (this.abort.signal.aborted) return;
    const t = Date.now();
    const reading = this.reading(t);
    const samples: Sample[] = reading.subjects.map((s) => toSample(this.meetingId, s, t));
    // the same reading goes to the badge: at least one a second, so it can tell a quiet engine from a dead one
    this.send(this.readingMessage(reading));
    await this.writer.write(samples, reading.subjects.map((s) => s.subject));
  }

  /**
   * One finished caption line: read by the text model as a modality of its speaker (the user, or,
   * only when the user opted in to analysing others, the named participant). The words are stored
   * only if the user chose to keep transcripts.
   */
  async caption(speaker: string | null, text: string, t: number): Promise<void> {
    if (this.abort.signal.aborted || this.paused || !this.settings.text) return;
    const self = isSelfSpeaker(speaker);
    if (!self && !(this.spec.othersAllowed ?? (this.spec.tabCaptureToken || this.spec.participants))) return;
    const models = await this.host.models().catch(() => null);
    if (!models?.text) return;
    // a named speaker is the participant of that tile name (participants-source keys people by name)
    const subject: SubjectRef = self ? SELF : { id: `name:${speaker ?? '?'}`.slice(0, 128), kind: 'participant', label: speaker ?? 'Unnamed speaker' };
    const tMedia = Math.max(0, (t - this.startedAt) / 1000);
    this.report(subject, readUtterance(models.text, text, tMedia), t);
    if (this.settings.storeTranscripts) {
      await this.host.storeUtterance({ meetingId: this.meetingId, subjectId: subject.id, t, text }).catch((e) => console.warn('emotion-overlay: transcript not stored', e));
    }
  }

  /** For tests and the benchmark: samples not yet written. */
  get pendingSamples(): number {
    return this.writer.status.pending;
  }
}

/** A state-only report (no frame behind it) keeps the last media time; a restarted clock is offset. */
function monotonicMediaTime(state: SubjectState, reading: ModalityReading): number {
  const clock = (state.media[reading.modality] ??= { last: 0, offset: 0 });
  let t = reading.tMedia + clock.offset;
  if (reading.probs === null && reading.tMedia === 0) t = clock.last;
  else if (t < clock.last) {
    // a new clock (a reopened device) starts where the old one stopped
    clock.offset = clock.last;
    t = clock.last + reading.tMedia;
  }
  clock.last = t;
  return t;
}

function toSample(meetingId: string, s: SubjectReading, t: number): Sample {
  const readings: Sample['readings'] = {};
  let tMedia = 0;
  for (const m of MODALITIES) {
    const r = s.readings[m];
    if (!r) continue;
    readings[m] = { state: r.state, probs: r.probs, quality: r.quality };
    tMedia = Math.max(tMedia, r.tMedia);
  }
  const f = s.fused;
  return {
    meetingId,
    subjectId: s.subject.id,
    t,
    tMedia,
    readings,
    fused: f ? { probs: f.probs, dominant: f.dominant, confidence: f.confidence, valence: f.valence, arousal: f.arousal } : null,
  };
}
