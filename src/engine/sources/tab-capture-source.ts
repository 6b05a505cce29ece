/**
 * Other participants (opt-in): the call tab's own video and audio, captured with tabCapture. Each
 * face in the captured picture is a subject of its own ("Participant N", kept across frames by a
 * face tracker); the tab's sound, a mix of everyone, is one more. A capture works once, so there is
 * no reopening. The tab's sound is played back because capturing it mutes the tab.
 */
import type { SubjectRef } from '../../core/types';
import type { EngineSettings } from '../../settings/schema';
import { idleReading } from '../idle-reading';
import type { OpenResult } from './open-device';
import { runModality } from './run-modality';
import type { Source, SourceContext } from './source';
import { ModalityLoops } from './modality-loops';
import { FaceTracker } from '../../modalities/face/face-tracker';

export const TAB_SUBJECT: SubjectRef = Object.freeze({ id: 'participants', kind: 'participant', label: 'Other participants (sound)' });

const faceSubject = (id: number): SubjectRef => ({ id: `tab-face-${id}`, kind: 'participant', label: `Participant ${id}` });

export class TabCaptureSource implements Source {
  private readonly loops: ModalityLoops;
  private playback: HTMLAudioElement | null = null;

  constructor(
    private readonly opened: OpenResult,
    private readonly ctx: SourceContext,
  ) {
    this.loops = new ModalityLoops(ctx.signal);
  }

  async start(settings: EngineSettings): Promise<void> {
    const opened = this.opened;
    if (!opened.stream) {
      for (const m of ['face', 'voice'] as const) this.ctx.report(TAB_SUBJECT, idleReading(m, opened.state));
      this.ctx.sendError('engine', opened.message);
      return;
    }
    const stream = opened.stream;
    this.playback = new Audio();
    this.playback.srcObject = new MediaStream(stream.getAudioTracks());
    void this.playback.play().catch(() => undefined);
    this.ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.applySettings(settings);
  }

  applySettings(settings: EngineSettings): void {
    const stream = this.opened.stream;
    if (!stream) return;
    this.loops.apply(
      settings,
      ['face', 'voice'],
      (modality, signal) => {
        const media = new MediaStream(modality === 'face' ? stream.getVideoTracks() : stream.getAudioTracks());
        const everyFace = modality === 'face' ? { tracker: new FaceTracker(), subjectFor: faceSubject } : undefined;
        void runModality(modality, media, this.ctx, signal, TAB_SUBJECT, { everyFace }).then((why) => {
          if (why !== 'aborted') this.ctx.report(TAB_SUBJECT, idleReading(modality, 'device-lost'));
        });
      },
      (modality) => this.ctx.report(TAB_SUBJECT, idleReading(modality, 'off')),
    );
  }

  stop(): void {
    this.loops.stopAll();
    if (this.playback) this.playback.srcObject = null;
    this.opened.stream?.getTracks().forEach((t) => t.stop());
  }
}
