/**
 * Records a video track with the badge's reading composited on each frame, plus the call's audio,
 * to WebM with MediaRecorder, straight to the meeting's file in OPFS (recording-store.ts). Only
 * started by the user; stops on stop(), when the track ends, or when storage runs short (the part
 * recorded is kept and playable).
 */
import type { FusedReading } from '../../core/types';
import { paintOverlay } from './overlay-painter';
import { openRecordingWriter, type RecordingWriter } from './recording-store';

export interface RecorderOptions {
  meetingId: string;
  /** The analysed self-view or a participant's tile; its audio tracks are recorded too. */
  stream: MediaStream;
  /** The reading to draw now (the badge's). */
  reading: () => FusedReading | null;
  fps?: number;
  /** Free storage to keep; the recording refuses to start, or stops, below it (recording-store.ts). */
  minFreeBytes?: number;
  /** The recording stopped by itself: the track ended, or storage ran short (error set). */
  onStopped?: (why: 'stopped' | 'ended' | 'quota' | 'error', error?: Error) => void;
}

export interface ActiveRecording {
  stop(): Promise<{ bytes: number; seconds: number }>;
  readonly mimeType: string;
}

const MIME_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

export async function startRecording(opts: RecorderOptions): Promise<ActiveRecording> {
  const mimeType = MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t));
  if (!mimeType) throw new Error('This browser cannot record WebM.');
  const [track] = opts.stream.getVideoTracks();
  if (!track) throw new Error('Nothing to record: the stream has no video.');
  const writer: RecordingWriter = await openRecordingWriter(opts.meetingId, opts.minFreeBytes);
  const fps = opts.fps ?? 15;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  const settings = track.getSettings();
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth || settings.width || 640;
  canvas.height = video.videoHeight || settings.height || 480;
  const ctx = canvas.getContext('2d')!;
  const draw = () => {
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    paintOverlay(ctx, canvas.width, canvas.height, opts.reading(), true);
  };
  draw();
  const timer = setInterval(draw, 1000 / fps);
  const composed = new MediaStream([...canvas.captureStream(fps).getVideoTracks(), ...opts.stream.getAudioTracks()]);
  const recorder = new MediaRecorder(composed, { mimeType, videoBitsPerSecond: 1_500_000 });
  const started = performance.now();
  let writing = Promise.resolve();
  let stopWhy: 'stopped' | 'ended' | 'quota' | 'error' = 'stopped';
  let stopError: Error | undefined;
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    writing = writing.then(() =>
      writer.write(e.data).catch((error: Error) => {
        stopWhy = error.name === 'QuotaError' ? 'quota' : 'error';
        stopError = error;
        if (recorder.state !== 'inactive') recorder.stop();
      }),
    );
  };
  const stopped = new Promise<void>((resolve) => {
    recorder.onstop = () => resolve();
  });
  const finish = (async () => {
    await stopped;
    clearInterval(timer);
    composed.getVideoTracks().forEach((t) => t.stop());
    video.srcObject = null;
    await writing;
    await writer.close();
    opts.onStopped?.(stopWhy, stopError);
    return { bytes: writer.bytes, seconds: (performance.now() - started) / 1000 };
  })();
  track.addEventListener('ended', () => {
    stopWhy = 'ended';
    if (recorder.state !== 'inactive') recorder.stop();
  }, { once: true });
  recorder.start(1000);
  return {
    mimeType,
    stop: async () => {
      if (recorder.state !== 'inactive') recorder.stop();
      return finish;
    },
  };
}
