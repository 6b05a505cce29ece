/**
 * The engine's message handler, the same in every host: at most one session at a time, and
 * messages naming another session (an older run, a forged id) are ignored.
 */
import type { MessageOf, ResponseMap } from '../messaging/protocol';
import type { EngineHost } from './engine-host';
import { Session } from './session';
import { testHooks } from './sources/open-device';
import { TEST_BUILD } from '../build-flags';
import type { LiveRecorder } from '../files/recording/live-recorder';
import { IDLE_RECORDING } from '../files/recording/recording-status';
import { freeBytes } from '../files/recording/recording-store';

export type EngineMessage =
  | MessageOf<'engine/start'>
  | MessageOf<'engine/stop'>
  | MessageOf<'engine/set-paused'>
  | MessageOf<'engine/settings'>
  | MessageOf<'engine/caption'>
  | MessageOf<'engine/participants'>
  | MessageOf<'engine/record-start'>
  | MessageOf<'engine/record-stop'>
  | MessageOf<'engine/record-state'>
  | MessageOf<'ping'>;

/** The engine message types (what the engine's host listens for). */
export const ENGINE_MESSAGE_TYPES: ReadonlySet<string> = new Set<EngineMessage['type']>([
  'ping',
  'engine/start',
  'engine/stop',
  'engine/set-paused',
  'engine/settings',
  'engine/caption',
  'engine/participants',
  'engine/record-start',
  'engine/record-stop',
  'engine/record-state',
]);

export class EngineController {
  private session: Session | null = null;

  constructor(
    private readonly host: EngineHost,
    /** Session recordings (src/files/recording); none where the host cannot record. */
    private readonly recorder: LiveRecorder | null = null,
  ) {}

  get current(): Session | null {
    return this.session;
  }

  async handle(message: EngineMessage): Promise<ResponseMap[EngineMessage['type']]> {
    switch (message.type) {
      case 'ping':
        return { pong: true, sessionId: this.session?.id ?? null };
      case 'engine/start': {
        if (TEST_BUILD && message.testHooks) testHooks.busy = { ...message.testHooks.busy };
        this.session?.stop();
        this.session = null;
        // a recording of the user goes on in the same meeting; any other stops (and is completed) first
        await this.recorder?.sessionChanged(message.meetingId);
        try {
          await this.host.models();
        } catch (error) {
          this.host.send({ type: 'engine/error', sessionId: message.sessionId, tabId: message.tabId, stream: 'engine', message: `The models could not start: ${String(error)}` });
          return false;
        }
        const session = new Session(
          { sessionId: message.sessionId, tabId: message.tabId, meetingId: message.meetingId, tracks: message.tracks, tabCaptureToken: message.tabCaptureToken, participants: message.participants, settings: message.settings },
          this.host,
        );
        this.session = session;
        await session.start();
        return true;
      }
      case 'engine/stop':
        if (this.session?.id !== message.sessionId) return false;
        this.session.stop();
        this.session = null;
        // answered once the recording's file is complete: the worker closes this document next
        await this.recorder?.sessionChanged(null);
        return true;
      case 'engine/record-start': {
        if (this.session?.id !== message.sessionId) return { ok: false, error: 'The analysis of this call has changed or stopped: try again.' };
        if (!this.recorder) return { ok: false, error: 'This browser cannot record here.' };
        const minFreeBytes = TEST_BUILD && message.testFreeBytesToUse !== undefined ? (await freeBytes()) - message.testFreeBytesToUse : undefined;
        return this.recorder.start(this.session, message.subjectId, { labels: message.labels, minFreeBytes });
      }
      case 'engine/record-stop':
        return this.recorder ? this.recorder.stop(message.meetingId) : IDLE_RECORDING;
      case 'engine/record-state':
        return this.recorder?.status() ?? IDLE_RECORDING;
      case 'engine/set-paused':
        if (this.session?.id !== message.sessionId) return false;
        this.session.setPaused(message.paused);
        return true;
      case 'engine/caption':
        if (this.session?.id !== message.sessionId) return false;
        await this.session.caption(message.speaker, message.text, message.t);
        return true;
      case 'engine/participants':
        if (this.session?.id !== message.sessionId) return false;
        this.session.updateParticipants(message.participants);
        return true;
      case 'engine/settings':
        if (this.session?.id !== message.sessionId) return false;
        this.session.updateSettings(message.settings);
        return true;
    }
  }
}
