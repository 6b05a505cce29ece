/**
 * Analyses a media file faster than real time: a face reading every `faceIntervalMs` of media time
 * (every face a subject, tracked across frames), the voice model over the whole audio track, the
 * subtitles' lines through the text model; fused per subject on the file's own clock and handed
 * out a few seconds of media at a time (`onSamples`), so a cancelled or failed run keeps what it
 * had. Video frames are decoded with WebCodecs at the scheduled times only (mediabunny decodes each
 * packet at most once), audio is streamed sample by sample: memory stays flat however long the file.
 */
import { AudioSampleSink, VideoSampleSink, type AudioSample, type VideoSample } from 'mediabunny';
import type { Sample, SubjectRef } from '../core/types';
import { clamp01 } from '../core/numbers';
import { analyseFaceFrame, createRegionCanvas } from '../modalities/face/face-frame';
import { faceQuality } from '../modalities/face/face-quality';
import { FaceTracker } from '../modalities/face/face-tracker';
import type { Box } from '../modalities/face/crop-policy';
import { samplesForFrames, VOICE_FEATURE_CONFIG } from '../modalities/voice/features';
import { VoiceWindowProcessor } from '../modalities/voice/voice-pipeline';
import { readUtterance } from '../modalities/text/text-pipeline';
import { faceTimes } from './face-times';
import { faceSubject, FileReadings, type TextObservation } from './file-readings';
import { fileErrors, FileAnalysisError } from './file-errors';
import type { PackagedModels } from '../engine/packaged-models';
import type { OpenedMedia } from './open-media';
import { progressOf, type AnalysisProgress } from './progress';
import { StreamingResampler } from './resampler';
import type { SubtitleCue } from './subtitles';

/** Media seconds decoded and analysed between two hand-outs (and progress reports). */
export const SEGMENT_SECONDS = 4;

/** One analysed frame, for drawing the faces over the video as it plays back. */
export interface AnalysedFrame {
  tMedia: number;
  width: number;
  height: number;
  faces: { subjectId: string; box: Box; probs: number[] }[];
}

export interface FileAnalysisOptions {
  media: OpenedMedia;
  name: string;
  models: PackagedModels;
  meetingId: string;
  startedAt: number;
  faceIntervalMs: number;
  halfLifeSeconds: number;
  subtitles?: readonly SubtitleCue[];
  signal: AbortSignal;
  onProgress?: (p: AnalysisProgress) => void;
  /** Stores one batch; a throw ends the analysis (what was stored before stays). */
  onSamples: (samples: Sample[], subjects: SubjectRef[]) => Promise<void>;
  onFrame?: (frame: AnalysedFrame) => void;
}

export interface FileAnalysisResult {
  durationSeconds: number;
  /** Media seconds whose samples were handed out (the whole file unless cancelled). */
  analysedSeconds: number;
  cancelled: boolean;
  subjects: SubjectRef[];
  sampleCount: number;
  faceFrames: number;
  voiceWindows: number;
  wallMs: number;
  msPerMediaSecond: number;
  /** Where the time went, ms: demuxing + decoding each track, the face models, the voice features + model. */
  timing: { videoDecodeMs: number; faceMs: number; detectMs: number; classifyMs: number; audioDecodeMs: number; voiceMs: number };
}

/** Seconds from a voice window's end to its middle: the moment the reading stands for. */
const VOICE_HALF_WINDOW = (n: number) => samplesForFrames(n) / VOICE_FEATURE_CONFIG.sampleRate / 2;

function planes(sample: AudioSample): Float32Array[] {
  return Array.from({ length: sample.numberOfChannels }, (_, c) => {
    const out = new Float32Array(sample.numberOfFrames);
    sample.copyTo(out, { planeIndex: c, format: 'f32-planar' });
    return out;
  });
}

/**
 * The frame as the detector should see it: upright, in square pixels, as RGBA in a CPU-backed
 * canvas. Converting the decoded YUV frame once here is cheaper than letting the detector and the
 * crop read-back each convert it (scripts/analyse/measure.ts).
 */
function frameOf(sample: VideoSample, canvas: { c: OffscreenCanvas | null; ctx: OffscreenCanvasRenderingContext2D | null }): OffscreenCanvas {
  const w = sample.displayWidth;
  const h = sample.displayHeight;
  if (!canvas.c || !canvas.ctx) {
    canvas.c = new OffscreenCanvas(w, h);
    canvas.ctx = canvas.c.getContext('2d', { willReadFrequently: true })!;
  }
  if (canvas.c.width !== w || canvas.c.height !== h) Object.assign(canvas.c, { width: w, height: h });
  sample.draw(canvas.ctx, 0, 0, w, h);
  return canvas.c;
}

export async function analyseFile(opts: FileAnalysisOptions): Promise<FileAnalysisResult> {
  const { media, models, signal, name } = opts;
  const started = performance.now();
  const duration = media.durationSeconds;
  const text: TextObservation[] = [];
  if (opts.subtitles?.length && models.text) {
    for (const cue of opts.subtitles) {
      const r = readUtterance(models.text, cue.text, cue.start);
      text.push({ start: cue.start, end: cue.end, probs: r.probs, quality: r.quality });
    }
  }
  const readings = new FileReadings({ meetingId: opts.meetingId, startedAt: opts.startedAt, halfLifeSeconds: opts.halfLifeSeconds, text, endSeconds: duration });
  const timing = { videoDecodeMs: 0, faceMs: 0, detectMs: 0, classifyMs: 0, audioDecodeMs: 0, voiceMs: 0 };
  let sampleCount = 0;
  let faceFrames = 0;
  let voiceWindows = 0;

  // video: the scheduled times, decoded in order
  const times = media.video ? faceTimes(media.startSeconds, duration, opts.faceIntervalMs) : [];
  const videoIt = media.video ? new VideoSampleSink(media.video).samplesAtTimestamps(times) : null;
  let nextTime = 0;
  const tracker = new FaceTracker(Math.max(3000, 3 * opts.faceIntervalMs));
  const regionCtx = createRegionCanvas();
  const drawCanvas = { c: null as OffscreenCanvas | null, ctx: null as OffscreenCanvasRenderingContext2D | null };
  /** Media seconds the video is analysed to (every scheduled time before it is done). */
  let videoDone = media.video ? media.startSeconds : Infinity;

  // audio: streamed, downmixed and resampled to 16 kHz, windows read every 0.5 s
  const audioIt = media.audio ? new AudioSampleSink(media.audio).samples() : null;
  const voice = media.audio ? new VoiceWindowProcessor(models.voice, 0.5) : null;
  let resampler: StreamingResampler | null = null;
  let audioStart: number | null = null;
  let audioDone = media.audio ? media.startSeconds : Infinity;
  let audioEnded = !media.audio;
  const halfWindow = VOICE_HALF_WINDOW(models.voice.meta.windowFrames);

  const analyseFrame = (t: number, sample: VideoSample) => {
    const frame = frameOf(sample, drawCanvas);
    const result = analyseFaceFrame(frame, models.detector, models.expression, regionCtx, performance.now());
    timing.detectMs += result.timing.detectMs;
    timing.classifyMs += result.timing.classifyMs;
    const tracked = tracker.update(result.faces.map((f) => f.box), t * 1000);
    const faces = result.faces.map((f, i) => ({
      subject: faceSubject(tracked[i].id),
      probs: f.probs,
      quality: faceQuality(f.score, f.box.height / Math.max(1, result.height)),
      box: f.box,
    }));
    readings.addFrame(t, faces);
    faceFrames++;
    opts.onFrame?.({ tMedia: t, width: result.width, height: result.height, faces: faces.map((f) => ({ subjectId: f.subject.id, box: f.box, probs: Array.from(f.probs) })) });
  };

  const videoUntil = async (end: number) => {
    if (!videoIt) return;
    while (nextTime < times.length && times[nextTime] < end && !signal.aborted) {
      const t = times[nextTime];
      let next: IteratorResult<VideoSample | null>;
      const t0 = performance.now();
      try {
        next = await videoIt.next();
      } catch (e) {
        throw fileErrors.decode(name, 'video', t, e);
      }
      timing.videoDecodeMs += performance.now() - t0;
      if (next.done) {
        nextTime = times.length;
        break;
      }
      const sample = next.value;
      if (sample) {
        const t1 = performance.now();
        try {
          analyseFrame(t, sample);
        } finally {
          sample.close();
          timing.faceMs += performance.now() - t1;
        }
      }
      nextTime++;
      videoDone = nextTime < times.length ? times[nextTime] : Infinity;
    }
    if (nextTime >= times.length) videoDone = Infinity;
  };

  const audioUntil = async (end: number) => {
    if (!audioIt || !voice) return;
    while (!audioEnded && audioDone < end && !signal.aborted) {
      let next: IteratorResult<AudioSample>;
      const t0 = performance.now();
      try {
        next = await audioIt.next();
      } catch (e) {
        throw fileErrors.decode(name, 'audio', audioDone, e);
      }
      timing.audioDecodeMs += performance.now() - t0;
      if (next.done) {
        audioEnded = true;
        break;
      }
      const sample = next.value;
      const t1 = performance.now();
      try {
        audioStart ??= Math.max(0, sample.timestamp);
        resampler ??= new StreamingResampler(sample.sampleRate, VOICE_FEATURE_CONFIG.sampleRate);
        const mono = resampler.push(planes(sample));
        for (const w of voice.push(mono)) {
          voiceWindows++;
          readings.addVoice({ tMedia: audioStart + w.t - halfWindow, probs: w.probs, quality: clamp01(w.speech * w.quality), clipping: w.clipping });
        }
        audioDone = sample.timestamp + sample.duration;
      } finally {
        sample.close();
        timing.voiceMs += performance.now() - t1;
      }
    }
    if (audioEnded) audioDone = Infinity;
  };

  let storeFailed = false;
  const handOut = async (until: number) => {
    const { samples, subjects } = readings.flushUntil(until);
    if (samples.length === 0) return;
    try {
      await opts.onSamples(samples, subjects);
    } catch (e) {
      storeFailed = true;
      throw new FileAnalysisError(`The readings could not be stored: ${e instanceof Error ? e.message : String(e)}`);
    }
    sampleCount += samples.length;
  };

  /** Media seconds all of whose input is in: a voice window stands for its middle, so the audio runs ahead by half a window. */
  const safeUntil = () => Math.min(duration, videoDone, audioEnded ? Infinity : audioDone - halfWindow);
  let failure: unknown = null;
  try {
    for (let end = media.startSeconds + SEGMENT_SECONDS; !signal.aborted; end += SEGMENT_SECONDS) {
      const last = end >= duration;
      await videoUntil(last ? Infinity : end);
      await audioUntil(last ? Infinity : end + halfWindow);
      if (signal.aborted) break;
      await handOut(last ? Math.ceil(duration) : safeUntil());
      opts.onProgress?.(progressOf(Math.min(end, duration), duration, performance.now() - started));
      if (last) break;
    }
  } catch (e) {
    failure = e;
  } finally {
    // stop the decoders (a cancelled run leaves them mid-file)
    await Promise.allSettled([videoIt?.return(undefined), audioIt?.return(undefined)]);
  }
  // a cancelled or failed run keeps everything whose input was complete
  if ((signal.aborted || failure) && !storeFailed) {
    try {
      await handOut(Math.floor(safeUntil()));
    } catch (e) {
      failure ??= e;
    }
  }
  const analysedSeconds = signal.aborted || failure ? Math.min(duration, readings.flushedSeconds) : duration;
  if (failure) {
    if (failure instanceof FileAnalysisError) throw new FileAnalysisError(failure.message, analysedSeconds);
    throw new FileAnalysisError(`"${name}": the analysis stopped at ${Math.round(analysedSeconds)} s: ${failure instanceof Error ? failure.message : String(failure)}`, analysedSeconds);
  }
  const wallMs = performance.now() - started;
  return {
    durationSeconds: duration,
    analysedSeconds,
    cancelled: signal.aborted,
    subjects: readings.knownSubjects,
    sampleCount,
    faceFrames,
    voiceWindows,
    wallMs,
    msPerMediaSecond: analysedSeconds > 0 ? wallMs / analysedSeconds : 0,
    timing: Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)])) as FileAnalysisResult['timing'],
  };
}
