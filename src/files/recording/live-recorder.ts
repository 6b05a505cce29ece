/**
 * The engine's side of "Record a session" (runs in the engine's host, the offscreen document):
 * at most one recording at a time, of the picture the engine analyses, with the badge's reading for
 * that person composited (the reading the engine last published) and the call's audio.
 *
 * - The user (`self`): the call's own camera and microphone, opened again by the engine as for the
 *   analysis (matched by label). It survives a new engine session on the same meeting.
 * - Another participant: the picture the engine has of them (`othersPicture`: the captured call
 *   tab's stream, with its sound, or the person's own relayed tile and voice). Only asked for by the worker after its consent checks.
 *
 * It only starts on an `engine/record-start` from the worker (the user pressed Record), and stops on
 * `engine/record-stop`, when the meeting's engine stops, when its picture ends, or on a full disk.
 */
import type { TrackInfo } from '../../core/schemas';
import { SELF, type SessionReading } from '../../core/types';
import type { Message } from '../../messaging/protocol';
import { openMatchingDevice } from '../../engine/sources/open-device';
import type { Session } from '../../engine/session';
import { IDLE_RECORDING, type RecordingStatus } from './recording-status';
import type { OverlayLabels } from './overlay-painter';
import { startRecording, type ActiveRecording, type RecordingDone } from './session-recorder';

interface Running {
  recording: ActiveRecording;
  meetingId: string;
  subjectId: string;
  tabId: number;
  /** The streams this recorder opened itself (stopped with it); a session's own are left alone. */
  owned: MediaStream[];
  /** Gives a participant's picture back to the session (their relay returns to the analysis rate). */
  release?: () => void;
  finishing: boolean;
}

export type RecordStartResult = { ok: true } | { ok: false; error: string };

/** Words for how a recording ended by itself (null when the user stopped it). */
export function endMessage(done: Pick<RecordingDone, 'why' | 'error'>): string | null {
  if (done.why === 'stopped') return null;
  if (done.why === 'quota') return `Recording stopped: the disk is full. ${done.error?.message ?? ''} What was recorded until then is kept.`.trim();
  if (done.why === 'ended') return 'Recording stopped: the picture it recorded ended (the camera or the call stopped). What was recorded is kept.';
  return `Recording stopped by an error: ${done.error?.message ?? 'unknown'}. What was recorded until then is kept.`;
}

async function openOwn(track: TrackInfo | undefined, signal: AbortSignal): Promise<MediaStream | null> {
  if (!track) return null;
  const opened = await openMatchingDevice(track, signal);
  return opened.stream;
}

export class LiveRecorder {
  private running: Running | null = null;
  private ended: RecordingStatus['ended'] = null;
  private latest: SessionReading | null = null;

  /**
   * `othersPicture`: the picture (and sound) the engine has of another participant in a session,
   * e.g. the captured call tab's relayed stream; without it only the user can be recorded.
   */
  constructor(
    private readonly send: (message: Message) => void,
    private readonly othersPicture?: (session: Session, subjectId: string) => { stream: MediaStream; release?: () => void } | null,
  ) {}

  /** Every reading the engine publishes (what the badge shows), for the overlay. */
  noteReading(reading: SessionReading): void {
    this.latest = reading;
  }

  status(): RecordingStatus {
    const r = this.running;
    if (!r) return { ...IDLE_RECORDING, ended: this.ended };
    return { state: r.finishing ? 'finishing' : 'recording', meetingId: r.meetingId, subjectId: r.subjectId, startedAt: r.recording.startedAt, bytes: r.recording.bytes, ended: this.ended };
  }

  async start(session: Session, subjectId: string, opts: { labels: OverlayLabels; minFreeBytes?: number }): Promise<RecordStartResult> {
    if (this.running) return { ok: false, error: 'A recording is already running.' };
    const abort = new AbortController();
    const owned: MediaStream[] = [];
    let stream: MediaStream;
    let release: (() => void) | undefined;
    try {
      if (subjectId === SELF.id) {
        const video = await openOwn(session.spec.tracks.find((t) => t.kind === 'video'), abort.signal);
        if (!video) return { ok: false, error: 'Your camera is not available to the extension in this call: there is nothing of you to record.' };
        owned.push(video);
        const audio = await openOwn(session.spec.tracks.find((t) => t.kind === 'audio'), abort.signal).catch(() => null);
        if (audio) owned.push(audio);
        stream = new MediaStream([...video.getVideoTracks(), ...(audio?.getAudioTracks() ?? [])]);
      } else {
        const picture = this.othersPicture?.(session, subjectId) ?? null;
        release = picture?.release;
        if (!picture?.stream.getVideoTracks().some((t) => t.readyState === 'live')) {
          release?.();
          return { ok: false, error: "Recording another participant needs the picture the engine sees of them, which this call does not give the recorder." };
        }
        stream = new MediaStream(picture.stream.getTracks().filter((t) => t.readyState === 'live'));
      }
    } catch (error) {
      owned.forEach((s) => s.getTracks().forEach((t) => t.stop()));
      release?.();
      return { ok: false, error: `The recording could not open its picture: ${String((error as Error)?.message ?? error)}` };
    }
    const meetingId = session.meetingId;
    const reading = () => {
      const latest = this.latest;
      if (!latest || latest.meetingId !== meetingId || latest.paused) return null;
      return latest.subjects.find((s) => s.subject.id === subjectId)?.fused ?? null;
    };
    let recording: ActiveRecording;
    try {
      recording = await startRecording({ meetingId, stream, reading, labels: opts.labels, minFreeBytes: opts.minFreeBytes });
    } catch (error) {
      owned.forEach((s) => s.getTracks().forEach((t) => t.stop()));
      release?.();
      return { ok: false, error: String((error as Error)?.message ?? error) };
    }
    const running: Running = { recording, meetingId, subjectId, tabId: session.spec.tabId, owned, release, finishing: false };
    this.running = running;
    this.ended = null;
    this.announce(running.tabId);
    void recording.done.then((done) => this.finished(running, done));
    return { ok: true };
  }

  /** Stops the running recording (of `meetingId`, when given) and waits until its file is complete. */
  async stop(meetingId?: string): Promise<RecordingStatus> {
    const r = this.running;
    if (!r || (meetingId !== undefined && r.meetingId !== meetingId)) return this.status();
    r.finishing = true;
    this.announce(r.tabId);
    const done = await r.recording.stop();
    this.finished(r, done);
    return this.status();
  }

  /** The engine now runs a session of `meetingId` (or none): a recording of another meeting, or of someone else than the user, stops. */
  async sessionChanged(meetingId: string | null): Promise<void> {
    const r = this.running;
    if (!r) return;
    if (meetingId === r.meetingId && r.subjectId === SELF.id) return;
    await this.stop();
  }

  private finished(r: Running, done: RecordingDone) {
    if (this.running !== r) return;
    this.running = null;
    r.owned.forEach((s) => s.getTracks().forEach((t) => t.stop()));
    r.release?.();
    this.ended = { why: done.why, message: endMessage(done), bytes: done.bytes, seconds: done.seconds, meetingId: r.meetingId };
    this.announce(r.tabId);
  }

  private announce(tabId: number) {
    this.send({ type: 'engine/recording', tabId, status: this.status() });
  }
}
