/**
 * Other participants (opt-in) from their own tracks, as the call page receives them: each
 * person's video and audio are relayed from the page per track, so every face is read at the
 * track's own resolution and the user's self-view is never among them. Faces: a round-robin
 * scheduler reads the latest frame of up to MAX_TILES_PER_ROUND people per round, all their faces
 * classified in one batched call. Voice: one pipeline per person with an audio track of their own
 * (a mesh call, Jitsi); a site that mixes everyone's sound gives an audio-only "person" instead.
 */
import type { Participant } from '../../core/schemas';
import type { ModalityReading, SubjectRef } from '../../core/types';
import type { EngineSettings } from '../../settings/schema';
import { faceQuality } from '../../modalities/face/face-quality';
import { analyseTiles, type TileFrame } from '../../modalities/face/tile-frames';
import { TileDetections } from '../../modalities/face/tile-detections';
import { RateLimit, RELAY_FPS_SLACK } from '../../relay/relay-protocol';
import { idleReading } from '../idle-reading';
import { RelayHub } from './relay-hub';
import { openRelayStream } from './relay-stream';
import { runModality } from './run-modality';
import type { Source, SourceContext } from './source';
import { SpeakerRouter } from './speaker-router';
import { createTrackGenerator, hasTrackGenerator } from '../../relay/track-generator';
import { faceBudget, GALLERY_MIN_TILES, MAX_TILES_PER_ROUND, RECORD_FPS, ROUNDS_PER_SECOND } from './participants-budget';

export { MAX_TILES_PER_ROUND, ROUNDS_PER_SECOND };

/** A stream of one person for a recording; `release` ends it and returns their relay to the analysis rate. */
export interface PersonPicture {
  stream: MediaStream;
  release: () => void;
}

/** A person whose video sent nothing for this long has lost it (camera off, left the call). */
export const VIDEO_QUIET_MS = 3000;

interface VideoRelay {
  track: string;
  token: string;
  latest: ImageBitmap | null;
  /** performance.now() of the latest frame, and whether a round has read it. */
  at: number;
  read: boolean;
  stop: () => void;
  /** While the person is recorded: every relayed frame, before the analysis rate drops any. */
  record?: (bitmap: ImageBitmap, t: number) => void;
}

interface Person {
  participant: Participant;
  ref: SubjectRef;
  video: VideoRelay | null;
  audio: { track: string; abort: AbortController; stream: MediaStream } | null;
  /** The running recording's picture of this person, if any. */
  picture?: PersonPicture;
}

export class ParticipantsSource implements Source {
  private readonly hub = new RelayHub();
  private readonly people = new Map<string, Person>();
  /** The site's mixed audio streams (not people), each heard as whoever the site marks speaking. */
  private readonly mixes = new Map<string, { participant: Participant; audio: { track: string; abort: AbortController; stream: MediaStream } | null }>();
  private readonly speakers = new SpeakerRouter(() => [...this.people.values()].find((p) => p.participant.speaking)?.ref ?? null);
  /** "Participant N" numbers: the service worker's (whole call), else in order of arrival in this session. */
  private readonly numbers = new Map<string, number>();
  private settings: EngineSettings | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private cursor = 0;
  private atlas: CanvasRenderingContext2D | null = null;
  /** The workload the host was last told of (galleries may run on another backend). */
  private workload: 'b1' | 'b9' = 'b1';
  /** Each person's last detection, kept while their picture holds still. */
  private readonly detections = new TileDetections<Person>();
  private readonly startedAt = Date.now();
  /** For the benchmark and tests: each round's people and milliseconds (detect + classify). */
  readonly rounds: { tiles: number; ms: number }[] = [];

  constructor(
    private participants: Participant[],
    private readonly ctx: SourceContext,
  ) {}

  async start(settings: EngineSettings): Promise<void> {
    this.ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.settings = settings;
    this.update(this.participants);
  }

  /** The page's list changed: people who left are removed, newcomers relayed, changed tracks re-relayed. */
  update(participants: Participant[]): void {
    if (this.ctx.signal.aborted) return;
    this.participants = participants;
    const mixed = participants.filter((p) => p.mixed);
    participants = participants.filter((p) => !p.mixed);
    const mixKeys = new Set(mixed.map((p) => p.key.slice(0, 128)));
    for (const [id, mix] of this.mixes) {
      if (mixKeys.has(id)) continue;
      mix.audio?.abort.abort();
      this.speakers.forget(id);
      this.mixes.delete(id);
    }
    for (const p of mixed) {
      const id = p.key.slice(0, 128);
      const mix = this.mixes.get(id) ?? { participant: p, audio: null };
      mix.participant = p;
      this.mixes.set(id, mix);
    }
    const keys = new Set(participants.map((p) => p.key.slice(0, 128)));
    for (const [id, person] of this.people) {
      if (keys.has(id)) continue;
      this.drop(person);
      this.people.delete(id);
      this.ctx.remove(id);
    }
    for (const p of participants) {
      const id = p.key.slice(0, 128);
      // the service worker's number holds for the whole call (a restarted session keeps it)
      if (p.number) this.numbers.set(id, p.number);
      else if (!this.numbers.has(id)) this.numbers.set(id, Math.max(0, ...this.numbers.values()) + 1);
      const ref: SubjectRef = { id, kind: 'participant', label: p.name ?? `Participant ${this.numbers.get(id)}` };
      const person = this.people.get(id) ?? { participant: p, ref, video: null, audio: null };
      person.participant = p;
      person.ref = ref;
      this.people.set(id, person);
    }
    if (this.settings) this.applySettings(this.settings);
  }

  applySettings(settings: EngineSettings): void {
    this.settings = settings;
    for (const person of this.people.values()) {
      const { video, audio } = person.participant;
      const wantVideo = settings.face && video ? video : null;
      if (person.video && person.video.track !== wantVideo) {
        person.video.stop();
        person.video = null;
      }
      if (wantVideo && !person.video) {
        person.video = this.relayVideo(wantVideo);
        this.ctx.report(person.ref, idleReading('face', 'starting'));
      }
      if (!video || !settings.face) this.ctx.report(person.ref, idleReading('face', 'off'));
      const wantAudio = settings.voice && audio ? audio : null;
      if (person.audio && person.audio.track !== wantAudio) {
        person.audio.abort.abort();
        person.audio = null;
      }
      if (wantAudio && !person.audio) person.audio = this.runVoice(person, wantAudio);
      // without a track of their own, a person's voice may still come from the site's mixed sound
      if ((!audio && this.mixes.size === 0) || !settings.voice) this.ctx.report(person.ref, idleReading('voice', 'off'));
    }
    for (const [id, mix] of this.mixes) {
      const want = settings.voice ? mix.participant.audio : null;
      if (mix.audio && mix.audio.track !== want) {
        mix.audio.abort.abort();
        mix.audio = null;
      }
      if (want && !mix.audio) mix.audio = this.runMixedVoice(id, want);
    }
    const anyVideo = [...this.people.values()].some((p) => p.video);
    if (anyVideo && !this.timer) this.timer = setInterval(() => this.round(), 1000 / ROUNDS_PER_SECOND);
    if (!anyVideo && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.useWorkload('b1');
    for (const person of this.people.values()) this.drop(person);
    this.people.clear();
    for (const mix of this.mixes.values()) mix.audio?.abort.abort();
    this.mixes.clear();
    this.hub.close();
  }

  /** Engine CPU share of the face rounds over the last 10 rounds (busy ms / wall ms). */
  cpuShare(): number {
    const last = this.rounds.slice(-10);
    return last.length ? last.reduce((s, r) => s + r.ms, 0) / (last.length * (1000 / ROUNDS_PER_SECOND)) : 0;
  }

  private useWorkload(workload: 'b1' | 'b9') {
    if (workload === this.workload) return;
    this.workload = workload;
    void this.ctx.host.useWorkload?.(workload);
  }

  private drop(person: Person) {
    this.detections.forget(person);
    person.picture?.release();
    person.video?.stop();
    person.video = null;
    person.audio?.abort.abort();
    person.audio = null;
  }

  private relayVideo(track: string, fps = ROUNDS_PER_SECOND): VideoRelay {
    const token = crypto.randomUUID();
    const rate = new RateLimit(ROUNDS_PER_SECOND + RELAY_FPS_SLACK);
    const relay: VideoRelay = { track, token, latest: null, at: 0, read: true, stop: () => undefined };
    const unlisten = this.hub.listen(token, (chunk) => {
      if (chunk.kind !== 'video') return;
      relay.record?.(chunk.bitmap, chunk.t);
      if (!rate.admit(performance.now())) return chunk.bitmap.close();
      relay.latest?.close();
      relay.latest = chunk.bitmap;
      relay.at = performance.now();
      relay.read = false;
    });
    const base = { sessionId: this.ctx.sessionId, tabId: this.ctx.tabId, kinds: ['video' as const], token, track };
    this.ctx.send({ type: 'relay/start', ...base, fps });
    relay.stop = () => {
      unlisten();
      relay.latest?.close();
      relay.latest = null;
      this.ctx.send({ type: 'relay/stop', ...base });
    };
    return relay;
  }

  /** A mixed audio stream's voice pipeline, its readings routed to the speaking person (speaker-router.ts). */
  private runMixedVoice(id: string, track: string): { track: string; abort: AbortController; stream: MediaStream } {
    const mixRef: SubjectRef = { id: `mix:${id}`, kind: 'participant', label: 'mixed audio' };
    const routed: SourceContext = {
      ...this.ctx,
      report: (_subject, reading, observedAt) => {
        const who = this.speakers.route(id, reading);
        if (who) this.ctx.report(who, reading, observedAt);
      },
    };
    return this.openVoice(track, routed, mixRef);
  }

  private runVoice(person: Person, track: string): { track: string; abort: AbortController; stream: MediaStream } {
    this.ctx.report(person.ref, idleReading('voice', 'starting'));
    return this.openVoice(track, this.ctx, person.ref);
  }

  /** Relays one remote audio track and runs the voice pipeline on it, reporting through `ctx`. */
  private openVoice(track: string, ctx: SourceContext, ref: SubjectRef): { track: string; abort: AbortController; stream: MediaStream } {
    const abort = new AbortController();
    this.ctx.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const token = crypto.randomUUID();
    const relay = openRelayStream(['audio'], token, 1, abort.signal, this.hub);
    const base = { sessionId: this.ctx.sessionId, tabId: this.ctx.tabId, kinds: ['audio' as const], token, track };
    this.ctx.send({ type: 'relay/start', ...base, fps: 1 });
    abort.signal.addEventListener('abort', () => this.ctx.send({ type: 'relay/stop', ...base }), { once: true });
    void runModality('voice', relay.stream, ctx, abort.signal, ref).then((why) => {
      if (why !== 'aborted') ctx.report(ref, idleReading('voice', 'device-lost'));
    });
    return { track, abort, stream: relay.stream };
  }

  /**
   * A person's tile and voice as a stream, for a recording: their video relay restarts at
   * RECORD_FPS and feeds a track generator beside the analysis (which still takes its own rate);
   * the voice is the relayed audio the voice pipeline hears. Null without a video relay
   * or where the browser cannot make tracks from frames (Firefox: no MediaStreamTrackGenerator).
   */
  pictureOf(subjectId: string): PersonPicture | null {
    const person = [...this.people.values()].find((p) => p.ref.id === subjectId);
    if (!person?.video || !hasTrackGenerator() || this.ctx.signal.aborted) return null;
    person.picture?.release();
    const track = person.video.track;
    const generator = createTrackGenerator('video')!;
    const writer = generator.writable.getWriter();
    person.video.stop();
    person.video = this.relayVideo(track, RECORD_FPS);
    person.video.record = (bitmap, t) => {
      const frame = new VideoFrame(bitmap, { timestamp: t * 1000 });
      writer.write(frame).catch(() => frame.close());
    };
    // the voice through Web Audio: a generator's audio keeps the relay's epoch timestamps, which
    // MediaRecorder writes as they are (a file "57 years" long); Web Audio's track has the capture clock
    const relayed = person.audio?.stream.getAudioTracks().find((t) => t.readyState === 'live');
    const audio = relayed ? new AudioContext() : null;
    const voice = audio?.createMediaStreamDestination();
    if (audio && voice && relayed) audio.createMediaStreamSource(new MediaStream([relayed])).connect(voice);
    const picture: PersonPicture = {
      stream: new MediaStream([generator, ...(voice?.stream.getAudioTracks() ?? [])]),
      release: () => {
        if (person.picture !== picture) return;
        person.picture = undefined;
        generator.stop();
        void audio?.close();
        // back to the analysis rate, unless the person is gone or their video changed meanwhile
        if (person.video?.record && this.people.get(person.ref.id) === person && !this.ctx.signal.aborted) {
          person.video.stop();
          person.video = this.relayVideo(track);
        }
      },
    };
    person.picture = picture;
    return picture;
  }

  /** One round: the next people in turn with a new frame, their faces detected and classified together. */
  private round() {
    if (this.ctx.paused() || this.ctx.signal.aborted) return;
    const now = performance.now();
    const withVideo = [...this.people.values()].filter((p) => p.video);
    for (const p of withVideo) {
      if (p.video!.at > 0 && now - p.video!.at > VIDEO_QUIET_MS) this.ctx.report(p.ref, idleReading('face', 'device-lost'));
    }
    const ready = withVideo.filter((p) => p.video!.latest && !p.video!.read);
    if (ready.length === 0) return;
    const start = this.cursor % ready.length;
    const turn = [...ready.slice(start), ...ready.slice(0, start)].slice(0, MAX_TILES_PER_ROUND);
    this.cursor = start + turn.length;
    this.useWorkload(turn.length > GALLERY_MIN_TILES ? 'b9' : 'b1');
    void this.ctx.host.models().then((models) => {
      if (this.ctx.signal.aborted) return;
      const tiles: TileFrame<Person>[] = [];
      for (const p of turn) {
        if (!p.video?.latest) continue;
        p.video.read = true;
        tiles.push({ key: p, frame: p.video.latest });
      }
      this.atlas ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
      const tMedia = (Date.now() - this.startedAt) / 1000;
      try {
        // a gallery's nine faces must fit the round: the cheaper model, where it is packaged
        const { expression, flipTTA } = faceBudget(tiles.length, models.expression, models.galleryExpression);
        const { results, timing } = analyseTiles(tiles, models.detector, expression, this.atlas, { flipTTA, detections: this.detections });
        this.rounds.push({ tiles: tiles.length, ms: timing.detectMs + timing.classifyMs });
        if (this.rounds.length > 100) this.rounds.shift();
        const observedAt = Date.now() - timing.detectMs - timing.classifyMs;
        for (const r of results) {
          const reading: ModalityReading = r.face
            ? { modality: 'face', state: r.faces > 1 ? 'several-faces' : 'ok', probs: Array.from(r.face.probs), quality: faceQuality(r.face.score, r.face.box.height / Math.max(1, r.height)), tMedia, faces: r.faces }
            : { modality: 'face', state: 'no-face', probs: null, quality: 0, tMedia, faces: 0 };
          this.ctx.report(r.key.ref, reading, observedAt);
        }
      } catch (error) {
        console.warn('emotion-overlay: participants round failed', error);
        for (const t of tiles) this.ctx.report(t.key.ref, idleReading('face', 'error', tMedia));
      }
    });
  }
}
