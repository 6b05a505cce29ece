/**
 * A source of media for a session (the user's devices, the page's relayed tracks, a captured tab,
 * a file): it runs the modality pipelines on its media and reports readings per subject.
 */
import type { Message } from '../../messaging/protocol';
import type { EngineSettings } from '../../settings/schema';
import type { ModalityReading, SubjectRef } from '../../core/types';
import type { EngineHost } from '../engine-host';

export interface SourceContext {
  signal: AbortSignal;
  host: EngineHost;
  tabId: number;
  sessionId: string;
  settings(): EngineSettings;
  paused(): boolean;
  /** `observedAt`: epoch ms when the frame or window behind the reading was taken (default: now). */
  report(subject: SubjectRef, reading: ModalityReading, observedAt?: number): void;
  /** A subject left (a participant's tile closed). */
  remove(subjectId: string): void;
  sendError(stream: 'face' | 'voice' | 'text' | 'engine', message: string): void;
  send(message: Message): void;
}

export interface Source {
  start(settings: EngineSettings): Promise<void>;
  /** Face or voice turned on or off mid-call. */
  applySettings(settings: EngineSettings): void;
  stop(): void;
}
