/**
 * Other participants (opt-in): the call tab's own video and audio, captured with tabCapture. Each
 * face in the captured picture is a subject of its own ("Participant N", kept across frames by a
 * face tracker); the tab's sound, a mix of everyone, is one more. The capture is opened and held by
 * the relay frame in the call's tab (a cross-origin isolated engine cannot open one), which relays
 * it under the token the service worker gave both; a restarted session listens on the same token.
 * The tab's sound is played back here because capturing it mutes the tab.
 */
import type { SubjectRef } from '../../core/types';
import type { EngineSettings } from '../../settings/schema';
import { idleReading } from '../idle-reading';
import { openRelayStream } from './relay-stream';
import { CAPTURE_FPS } from '../../relay/relay-protocol';
import { runModality } from './run-modality';
import type { Source, SourceContext } from './source';
import { ModalityLoops } from './modality-loops';
import { FaceTracker } from '../../modalities/face/face-tracker';
import { windowedDetector } from '../../modalities/face/windowed-detector';

export const TAB_SUBJECT: SubjectRef = Object.freeze({ id: 'participants', kind: 'participant', label: 'Other participants (sound)' });

const faceSubject = (id: number): SubjectRef => ({ id: `tab-face-${id}`, kind: 'participant', label: `Participant ${id}` });

/** No chunk from the capture by then: it did not start (the relay frame logs why). */
export const CAPTURE_FIRST_CHUNK_MS = 10_000;

export class TabCaptureSource implements Source {
  private readonly loops: ModalityLoops;
  private playback: HTMLAudioElement | null = null;
  private stream: MediaStream | null = null;

  constructor(
    private readonly token: string,
    private readonly ctx: SourceContext,
  ) {
    this.loops = new ModalityLoops(ctx.signal);
  }

  /** The captured tab as the engine sees it (for a recording the user asked for, with consent). */
  get picture(): MediaStream | null {
    return this.stream;
  }

  async start(settings: EngineSettings): Promise<void> {
    const relay = openRelayStream(['audio', 'video'], this.token, CAPTURE_FPS, this.ctx.signal);
    const stream = relay.stream;
    this.stream = stream;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void Promise.race([relay.firstChunk.then(() => true), new Promise<boolean>((res) => (timer = setTimeout(() => res(false), CAPTURE_FIRST_CHUNK_MS)))]).then((arrived) => {
      clearTimeout(timer);
      if (arrived || this.ctx.signal.aborted) return;
      this.ctx.sendError('engine', 'The call tab could not be captured: nothing arrived from it. Try turning the analysis of the others off and on.');
    });
    this.playback = new Audio();
    this.playback.srcObject = new MediaStream(stream.getAudioTracks());
    void this.playback.play().catch(() => undefined);
    this.ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.applySettings(settings);
  }

  applySettings(settings: EngineSettings): void {
    const stream = this.stream;
    if (!stream) return;
    this.loops.apply(
      settings,
      ['face', 'voice'],
      (modality, signal) => {
        const media = new MediaStream(modality === 'face' ? stream.getVideoTracks() : stream.getAudioTracks());
        const everyFace = modality === 'face' ? { tracker: new FaceTracker(), subjectFor: faceSubject } : undefined;
        // a gallery's faces are small in the whole tab: its windows are searched too
        void runModality(modality, media, this.ctx, signal, TAB_SUBJECT, { everyFace, detector: (d) => windowedDetector(d) }).then((why) => {
          if (why !== 'aborted') this.ctx.report(TAB_SUBJECT, idleReading(modality, 'device-lost'));
        });
      },
      (modality) => this.ctx.report(TAB_SUBJECT, idleReading(modality, 'off')),
    );
  }

  stop(): void {
    this.loops.stopAll();
    if (this.playback) this.playback.srcObject = null;
    // the capture itself belongs to the relay frame: the service worker stops it when the user does
    this.stream?.getTracks().forEach((t) => t.stop());
  }
}
