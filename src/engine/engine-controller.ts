/**
 * The engine's message handler, the same in every host: at most one session at a time, and
 * messages naming another session (an older run, a forged id) are ignored.
 */
import type { MessageOf, ResponseMap } from '../messaging/protocol';
import type { EngineHost } from './engine-host';
import { Session } from './session';
import { testHooks } from './sources/open-device';
import { TEST_BUILD } from '../build-flags';

export type EngineMessage =
  | MessageOf<'engine/start'>
  | MessageOf<'engine/stop'>
  | MessageOf<'engine/set-paused'>
  | MessageOf<'engine/settings'>
  | MessageOf<'engine/caption'>
  | MessageOf<'engine/participants'>
  | MessageOf<'ping'>;

export class EngineController {
  private session: Session | null = null;

  constructor(private readonly host: EngineHost) {}

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
        return true;
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
