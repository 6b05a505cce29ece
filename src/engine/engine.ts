import { browser } from 'wxt/browser';
import { FusionEngine } from '../fusion';
import type { ExpressionModel } from '../modalities/face/expression-model';
import type { FaceDetectorModel } from '../modalities/face/face-detector';
import type { Message, TrackInfo } from '../messaging/protocol';
import type { Settings } from '../settings/schema';
import { appendSample } from '../storage/meetings';
import { argmax, EMOTIONS } from '../core/emotions';
import type { FaceReading, LiveReading, Sample, StreamState, Subject, VoiceReading } from '../core/types';
import { startVoiceAnalysis } from '../modalities/voice/voice-pipeline';
import type { VoiceModel } from '../modalities/voice/voice-model';
import { startFaceAnalysis, type FaceTiming } from '../modalities/face/face-pipeline';
import { openMatchingDevice, type OpenResult } from './open-device';
import { openRelayStream } from './relay-stream';

export interface EngineModels {
  detector: FaceDetectorModel;
  expression: ExpressionModel;
  voice: VoiceModel;
  workletUrl: string;
}

export interface CallSpec {
  tabId: number;
  meetingId: string;
  /** Self-analysis: the devices the call page opened. */
  tracks: TrackInfo[];
  /** Other participants: the call tab's captured video and audio (opt-in), already opened. */
  tabCapture?: OpenResult;
  subject: Subject;
  settings: Settings;
}

const SAMPLE_INTERVAL_MS = 1000;
/** Readings to the badge at most this often; the face loop may run faster. */
const READING_INTERVAL_MS = 150;
/** A lost device is retried this often (unplugged and plugged back in mid-call). */
const REOPEN_INTERVAL_MS = 2000;
/** The relay must deliver its first chunk this soon, or the device counts as unavailable. */
const RELAY_FIRST_CHUNK_MS = 4000;
/** A face reading older than this is stale (the loop stalled or the stream stopped). */
const STALE_READING_MS = 3000;

const idleFace = (state: StreamState): FaceReading => ({ state, probs: null, detectionScore: 0, faceSize: 0, faces: 0 });
const idleVoice = (state: StreamState): VoiceReading => ({ state, probs: null, speech: 0 });

/**
 * One analysed call: opens the devices the page uses, runs face and voice analysis, fuses them,
 * sends live readings to the badge and writes a sample about once a second. Everything it starts
 * stops when `stop()` aborts its signal.
 */
export class CallEngine {
  private readonly abort = new AbortController();
  private readonly fusion: FusionEngine;
  private face: FaceReading;
  private voice: VoiceReading;
  private faceAt = 0;
  private paused = false;
  private settings: Settings;
  private lastReadingSent = 0;
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private lastFused: LiveReading['fused'] = null;
  readonly timings: FaceTiming[] = [];

  constructor(
    private readonly spec: CallSpec,
    private readonly models: EngineModels,
    private readonly send: (message: Message) => void,
  ) {
    this.settings = spec.settings;
    this.fusion = new FusionEngine({ halfLifeSeconds: spec.settings.smoothingHalfLifeSeconds });
    const wantsVideo = !!spec.tabCapture || spec.tracks.some((t) => t.kind === 'video');
    const wantsAudio = !!spec.tabCapture || spec.tracks.some((t) => t.kind === 'audio');
    this.face = idleFace(spec.settings.face && wantsVideo ? 'starting' : 'off');
    this.voice = idleVoice(spec.settings.voice && wantsAudio ? 'starting' : 'off');
  }

  get meetingId(): string {
    return this.spec.meetingId;
  }

  async start(): Promise<void> {
    this.sampleTimer = setInterval(() => void this.writeSample(), SAMPLE_INTERVAL_MS);
    if (this.spec.tabCapture) return this.runTab(this.spec.tabCapture);
    const video = this.spec.tracks.find((t) => t.kind === 'video');
    const audio = this.spec.tracks.find((t) => t.kind === 'audio');
    if (video && this.settings.face) void this.runStream(video, (stream, signal) => this.runFace(stream, signal));
    if (audio && this.settings.voice) void this.runStream(audio, (stream, signal) => this.runVoice(stream, signal));
    this.publish(true);
  }

  /**
   * Other participants: the call tab's own video and audio. A capture works once, so there is no
   * reopening; the tab's sound is played back because capturing it mutes the tab.
   */
  private async runTab(opened: OpenResult) {
    if (!opened.stream) {
      this.face = idleFace(opened.state);
      this.voice = idleVoice(opened.state);
      this.send({ type: 'engine/error', tabId: this.spec.tabId, stream: 'engine', message: opened.message });
      return this.publish(true);
    }
    const stream = opened.stream;
    const playback = new Audio();
    playback.srcObject = new MediaStream(stream.getAudioTracks());
    void playback.play().catch(() => undefined);
    this.abort.signal.addEventListener('abort', () => {
      playback.srcObject = null;
      stream.getTracks().forEach((t) => t.stop());
    });
    for (const t of stream.getTracks()) {
      t.addEventListener('ended', () => {
        if (t.kind === 'video') this.face = idleFace('device-lost');
        else this.voice = idleVoice('device-lost');
        this.publish(true);
      });
    }
    try {
      if (this.settings.face) await this.runFace(stream, this.abort.signal);
      if (this.settings.voice) await this.runVoice(stream, this.abort.signal);
    } catch (error) {
      this.send({ type: 'engine/error', tabId: this.spec.tabId, stream: 'engine', message: `Analysis of the call tab failed: ${String(error)}` });
    }
    this.publish(true);
  }

  stop(): void {
    this.abort.abort();
    clearInterval(this.sampleTimer);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.fusion.reset();
    this.publish(true);
  }

  updateSettings(settings: Settings): void {
    this.settings = settings;
  }

  /** Opens the device, runs `analyse` until the device ends, and reopens it until the call stops. */
  private async runStream(track: TrackInfo, analyse: (stream: MediaStream, signal: AbortSignal) => Promise<void>) {
    const setState = (state: StreamState, message?: string) => {
      if (track.kind === 'video') this.face = idleFace(state);
      else this.voice = idleVoice(state);
      if (message) this.send({ type: 'engine/error', tabId: this.spec.tabId, stream: track.kind === 'video' ? 'face' : 'voice', message });
      this.publish(true);
    };
    while (!this.abort.signal.aborted) {
      const opened = await openMatchingDevice(track, this.abort.signal);
      if (opened.stream) {
        await this.analyseUntilEnded(opened.stream, analyse, () => opened.stream.getTracks().forEach((t) => t.stop()));
        if (this.abort.signal.aborted) return;
        setState('device-lost', `The ${track.kind === 'video' ? 'camera' : 'microphone'} stopped: reconnecting…`);
      } else if (opened.state !== 'off') {
        // The extension cannot open the device: fall back to the call's own media, relayed by the page.
        const relayed = await this.runRelay(track.kind, analyse);
        if (this.abort.signal.aborted) return;
        if (!relayed) setState(opened.state, opened.message);
      } else return;
      await new Promise((resolve) => setTimeout(resolve, REOPEN_INTERVAL_MS));
    }
  }

  /** Runs `analyse` on `stream` until one of its tracks ends or the call stops; then `release`. */
  private async analyseUntilEnded(stream: MediaStream, analyse: (stream: MediaStream, signal: AbortSignal) => Promise<void>, release: () => void) {
    const streamAbort = new AbortController();
    const onStop = () => streamAbort.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    const ended = new Promise<void>((resolve) => {
      for (const t of stream.getTracks()) t.addEventListener('ended', () => resolve(), { once: true });
      streamAbort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    try {
      await analyse(stream, streamAbort.signal);
      await ended;
    } catch (error) {
      const kind = stream.getVideoTracks().length ? 'face' : 'voice';
      this.send({ type: 'engine/error', tabId: this.spec.tabId, stream: kind, message: `Analysis failed: ${String(error)}` });
    } finally {
      streamAbort.abort();
      this.abort.signal.removeEventListener('abort', onStop);
      release();
    }
  }

  /**
   * The fallback: asks the call page to relay its own track of this kind, and analyses the rebuilt
   * stream until it ends. False when nothing arrived (no relay on this page, or the track is gone).
   */
  private async runRelay(kind: 'audio' | 'video', analyse: (stream: MediaStream, signal: AbortSignal) => Promise<void>): Promise<boolean> {
    const token = crypto.randomUUID();
    const relayAbort = new AbortController();
    const onStop = () => relayAbort.abort();
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    try {
      const relay = openRelayStream([kind], token, relayAbort.signal);
      this.send({ type: 'relay/start', tabId: this.spec.tabId, kinds: [kind], token, fps: Math.max(1, this.settings.analysisFps) });
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), RELAY_FIRST_CHUNK_MS));
      if ((await Promise.race([relay.firstChunk, timeout])) === 'timeout') return false;
      await this.analyseUntilEnded(relay.stream, analyse, () => relayAbort.abort());
      return true;
    } catch {
      return false;
    } finally {
      relayAbort.abort();
      this.abort.signal.removeEventListener('abort', onStop);
      this.send({ type: 'relay/stop', tabId: this.spec.tabId, kinds: [kind] });
    }
  }

  private runFace(stream: MediaStream, signal: AbortSignal): Promise<void> {
    return startFaceAnalysis({
      stream,
      detector: this.models.detector,
      expression: this.models.expression,
      fps: () => (this.paused ? 1 : this.settings.analysisFps),
      signal,
      onReading: (reading, frameTime, timing) => {
        if (this.paused) return;
        this.face = reading;
        this.faceAt = frameTime;
        if (timing) {
          this.timings.push(timing);
          if (this.timings.length > 600) this.timings.splice(0, this.timings.length - 600);
        }
        this.publish(false, frameTime);
      },
    });
  }

  private runVoice(stream: MediaStream, signal: AbortSignal): Promise<void> {
    return startVoiceAnalysis({
      stream,
      model: this.models.voice,
      modelBaseUrl: '',
      workletUrl: this.models.workletUrl,
      signal,
      onWindow: (window) => {
        if (this.paused) return;
        this.voice = { state: window.probs ? 'ok' : 'silence', probs: window.probs, speech: window.speech };
        this.publish(false);
      },
    });
  }

  /** The current live reading; fuses the latest per-stream readings. */
  private reading(t: number): LiveReading {
    const face = this.paused ? idleFace('paused') : Date.now() - this.faceAt > STALE_READING_MS && this.face.state === 'ok' ? idleFace('starting') : this.face;
    const voice = this.paused ? idleVoice('paused') : this.voice;
    const fused = this.paused ? null : this.fusion.update(face, voice, t);
    this.lastFused = fused;
    return { meetingId: this.spec.meetingId, subject: this.spec.subject, t, paused: this.paused, face, voice, fused };
  }

  private publish(force: boolean, frameTime = Date.now()) {
    if (this.abort.signal.aborted) return;
    if (!force && frameTime - this.lastReadingSent < READING_INTERVAL_MS) return;
    this.lastReadingSent = frameTime;
    this.send({ type: 'engine/reading', tabId: this.spec.tabId, reading: this.reading(frameTime) });
  }

  /** Also while paused (as a paused sample): the meeting stays alive and the pause shows in its timeline. */
  private async writeSample() {
    if (this.abort.signal.aborted) return;
    const fused = this.paused ? null : this.lastFused;
    const face = this.paused ? idleFace('paused') : this.face;
    const voice = this.paused ? idleVoice('paused') : this.voice;
    const sample: Sample = {
      meetingId: this.spec.meetingId,
      t: Date.now(),
      face: face.probs,
      voice: voice.probs,
      fused: fused?.probs ?? null,
      dominant: fused ? EMOTIONS[argmax(fused.probs)] : null,
      confidence: fused?.confidence ?? 0,
      valence: fused?.valence ?? null,
      arousal: fused?.arousal ?? null,
      faceState: face.state,
      voiceState: voice.state,
      speech: voice.speech,
      faceScore: face.detectionScore,
    };
    try {
      await appendSample(sample);
    } catch (error) {
      this.send({ type: 'engine/error', tabId: this.spec.tabId, stream: 'engine', message: `Could not save a sample: ${String(error)}` });
    }
  }
}

export const sendToExtension = (message: Message) => {
  browser.runtime.sendMessage(message).catch(() => {
    // the service worker is restarting; the next reading goes through
  });
};
