/**
 * Records a video track with the badge's reading composited on each frame, plus the call's audio,
 * to WebM with MediaRecorder, straight to the meeting's file in OPFS (recording-store.ts). Only
 * started by the user; stops on stop(), when the track ends, or when storage runs short (the part
 * recorded is kept and playable).
 */
import type { FusedReading } from '../../core/types';
import { overlayLabels, paintOverlay, type OverlayLabels } from './overlay-painter';
import { getRecordingFile, openRecordingWriter, removeRecordingFile, type RecordingWriter } from './recording-store';
import { finalizeRecording } from './finalize-webm';
import { compositeTrack, type CompositedTrack } from './composited-track';

export interface RecorderOptions {
  meetingId: string;
  /** The analysed self-view or a participant's tile; its audio tracks are recorded too. */
  stream: MediaStream;
  /** The reading to draw now (the badge's). */
  reading: () => FusedReading | null;
  fps?: number;
  /** The overlay's words (default: from the i18n API, which the offscreen document lacks). */
  labels?: OverlayLabels;
  /** Free storage to keep; the recording refuses to start, or stops, below it (recording-store.ts). */
  minFreeBytes?: number;
  /** The recording stopped by itself: the track ended, or storage ran short (error set). */
  onStopped?: (why: StopReason, error?: Error) => void;
}

export type StopReason = 'stopped' | 'ended' | 'quota' | 'error';

export interface RecordingDone {
  name: string;
  startedAt: number;
  /** The file's size on disk. */
  bytes: number;
  seconds: number;
  why: StopReason;
  error?: Error;
  /** Copied into a seekable WebM with its duration (finalize-webm.ts); false keeps the file as recorded. */
  finalized: boolean;
}

export interface ActiveRecording {
  /** Stops (if it still runs) and resolves once the file is complete on disk. */
  stop(): Promise<RecordingDone>;
  /** Resolves when the recording ended, however it ended. */
  readonly done: Promise<RecordingDone>;
  readonly mimeType: string;
  readonly name: string;
  readonly startedAt: number;
  /** Bytes on disk so far. */
  readonly bytes: number;
}

const MIME_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

export async function startRecording(opts: RecorderOptions): Promise<ActiveRecording> {
  const mimeType = MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) throw new Error('This browser cannot record WebM.');
  const [track] = opts.stream.getVideoTracks();
  if (!track) throw new Error('Nothing to record: the stream has no video.');
  const startedAt = Date.now();
  const writer: RecordingWriter = await openRecordingWriter(opts.meetingId, opts.minFreeBytes, startedAt);
  const fps = opts.fps ?? 15;
  const labels = opts.labels ?? overlayLabels();
  let composite: CompositedTrack;
  try {
    composite = await compositeTrack(track, (ctx, w, h) => paintOverlay(ctx, w, h, opts.reading(), true, labels), fps);
  } catch (error) {
    await writer.close();
    await removeRecordingFile(writer.name);
    throw error;
  }
  const composed = new MediaStream([composite.track, ...opts.stream.getAudioTracks()]);
  const recorder = new MediaRecorder(composed, { mimeType, videoBitsPerSecond: 1_500_000 });
  const started = performance.now();
  let writing = Promise.resolve();
  let stopWhy: StopReason = 'stopped';
  let stopError: Error | undefined;
  let failed = false;
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    writing = writing.then(() =>
      // after a chunk that did not fit nothing more is written: the file ends cleanly where it stopped
      (failed ? Promise.resolve() : writer.write(e.data)).catch((error: Error) => {
        failed = true;
        stopWhy = error.name === 'QuotaError' ? 'quota' : 'error';
        stopError = error;
        if (recorder.state !== 'inactive') recorder.stop();
      }),
    );
  };
  const stopped = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });
  const finish = (async (): Promise<RecordingDone> => {
    await stopped;
    composite.stop();
    await writing;
    await writer.close();
    const seconds = (performance.now() - started) / 1000;
    // what was written is kept, whatever stopped it; the copy with a duration replaces it when it can
    const file = await getRecordingFile(writer.name);
    if (file?.size === 0) await removeRecordingFile(writer.name);
    const final = file?.size ? await finalizeRecording(writer.name, file) : { finalized: false as const, why: 'nothing recorded' };
    if (!final.finalized) console.warn('emotion-overlay: recording kept as recorded (not seekable):', final.why);
    opts.onStopped?.(stopWhy, stopError);
    // the size on disk now (the finalized copy differs a little from what MediaRecorder gave)
    const bytes = final.finalized ? ((await getRecordingFile(writer.name))?.size ?? writer.bytes) : writer.bytes;
    return { name: writer.name, startedAt, bytes, seconds, why: stopWhy, error: stopError, finalized: final.finalized };
  })();
  track.addEventListener('ended', () => {
    stopWhy = 'ended';
    if (recorder.state !== 'inactive') recorder.stop();
  }, { once: true });
  recorder.start(1000);
  return {
    mimeType,
    name: writer.name,
    startedAt,
    get bytes() {
      return writer.bytes;
    },
    done: finish,
    stop: async () => {
      if (recorder.state !== 'inactive') recorder.stop();
      return finish;
    },
  };
}
