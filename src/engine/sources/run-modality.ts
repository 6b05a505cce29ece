/**
 * Runs one modality's pipeline on one stream, for one subject, until the stream ends, stalls or
 * the signal aborts. Shared by every source: the same face and voice code reads a device, a
 * relayed track or a captured tab.
 */
import { SELF, type ModalityReading, type SubjectRef } from '../../core/types';
import { clamp01 } from '../../core/numbers';
import { faceQuality } from '../../modalities/face/face-quality';
import { startFacePipeline } from '../../modalities/face/face-pipeline';
import type { FaceTracker } from '../../modalities/face/face-tracker';
import type { ClassifiedFace } from '../../modalities/face/face-frame';
import type { FaceDetectorModel } from '../../modalities/face/face-detector';
import { startVoiceAnalysis } from '../../modalities/voice/voice-pipeline';
import type { SourceContext } from './source';
import { faceBudget } from './participants-budget';

export type StreamModality = 'face' | 'voice';

export interface RunOptions {
  /** Every face a subject of its own (a captured gallery), kept across frames by the tracker. */
  everyFace?: { tracker: FaceTracker; subjectFor: (id: number) => SubjectRef };
  /** Another detector built on the engine's (e.g. one that also searches windows of a gallery). */
  detector?: (engine: FaceDetectorModel) => FaceDetectorModel;
}

/**
 * Resolves when the stream is done (a track ended or stalled, or `signal` aborted). `subject`: who
 * the stream shows; the largest face is that subject's face, unless `everyFace` says otherwise.
 */
export async function runModality(
  modality: StreamModality,
  stream: MediaStream,
  ctx: SourceContext,
  signal: AbortSignal,
  subject: SubjectRef = SELF,
  opts: RunOptions = {},
): Promise<'ended' | 'stalled' | 'aborted'> {
  const models = await ctx.host.models();
  if (signal.aborted) return 'aborted';
  const report = (reading: ModalityReading, observedAt?: number) => ctx.report(subject, reading, observedAt);
  return new Promise((resolve) => {
    const done = (why: 'ended' | 'stalled' | 'aborted') => {
      inner.abort();
      resolve(why);
    };
    const inner = new AbortController();
    signal.addEventListener('abort', () => done('aborted'), { once: true });
    for (const t of stream.getTracks()) t.addEventListener('ended', () => done('ended'), { once: true });

    if (modality === 'face') {
      void startFacePipeline({
        stream,
        detector: opts.detector ? opts.detector(models.detector) : models.detector,
        expression: models.expression,
        // every face of a captured gallery: the budget of a participants' round of as many people
        chooseModel: opts.everyFace ? (faces) => faceBudget(faces, models.expression, models.galleryExpression) : undefined,
        fps: () => (ctx.paused() ? 1 : ctx.settings().analysisFps),
        signal: inner.signal,
        onFrame: (result, tMedia) => {
          const observedAt = Date.now() - result.timing.detectMs - result.timing.classifyMs;
          const faces = result.faces.length;
          const read = (f: ClassifiedFace, state: 'ok' | 'several-faces'): ModalityReading => ({
            modality: 'face',
            state,
            probs: Array.from(f.probs),
            quality: faceQuality(f.score, f.box.height / Math.max(1, result.height)),
            tMedia,
            faces,
          });
          if (opts.everyFace) {
            const { tracker, subjectFor } = opts.everyFace;
            const tracked = tracker.update(result.faces.map((f) => f.box), performance.now());
            result.faces.forEach((f, i) => ctx.report(subjectFor(tracked[i].id), read(f, 'ok'), observedAt));
            return;
          }
          const face = result.faces[0];
          if (!face) return report({ modality: 'face', state: 'no-face', probs: null, quality: 0, tMedia, faces: 0 }, observedAt);
          report(read(face, faces > 1 ? 'several-faces' : 'ok'), observedAt);
        },
        onError: (error) => {
          console.warn('emotion-overlay: face frame failed', error);
          report({ modality: 'face', state: 'error', probs: null, quality: 0, tMedia: 0 });
        },
        onLost: (why) => done(why),
      }).catch((error) => {
        ctx.sendError('face', `Face analysis failed: ${String(error)}`);
        done('ended');
      });
    } else {
      const recentClips: boolean[] = [];
      void startVoiceAnalysis({
        stream,
        model: models.voice,
        workletUrl: models.workletUrl,
        signal: inner.signal,
        onWindow: (w) => {
          // clipped input reads as confidently wrong: say so instead (2 of the last 4 windows
          // clipped, so one loud laugh does not flicker the badge); low SNR lowers the weight
          recentClips.push(w.clipping);
          if (recentClips.length > 4) recentClips.shift();
          const clipping = recentClips.filter(Boolean).length >= 2;
          report({
            modality: 'voice',
            state: clipping ? 'clipping' : w.probs ? 'ok' : 'silence',
            probs: clipping ? null : w.probs,
            quality: clamp01(w.speech * w.quality),
            tMedia: w.t,
          });
        },
      }).catch((error) => {
        ctx.sendError('voice', `Voice analysis failed: ${String(error)}`);
        done('ended');
      });
    }
  });
}
