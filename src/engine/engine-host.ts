/**
 * Where the engine runs. In Chrome it is the offscreen document (the only MV3 page that may hold
 * the camera, the microphone and WASM together); a Firefox event page or an extension tab can
 * host the same engine by implementing this.
 */
import type { ExpressionModel } from '../modalities/face/expression-model';
import type { FaceDetectorModel } from '../modalities/face/face-detector';
import type { VoiceModel } from '../modalities/voice/voice-model';
import type { TextModel } from '../modalities/text/text-model';
import type { Message } from '../messaging/protocol';
import type { Sample, SubjectRef } from '../core/types';

export interface EngineModels {
  detector: FaceDetectorModel;
  expression: ExpressionModel;
  /** The cheaper face model for galleries (packaged-models.ts), or null: galleries then use `expression`. */
  galleryExpression: ExpressionModel | null;
  voice: VoiceModel;
  /** Null when it could not load: the text modality is then absent, face and voice go on. */
  text: TextModel | null;
  workletUrl: string;
}

/** A caption's words, kept only when the user chose to store transcripts. */
export interface StoredUtterance {
  meetingId: string;
  subjectId: string;
  t: number;
  text: string;
}

export interface EngineHost {
  /** The models, loaded once per host; a failed load is retried on the next call. */
  models(): Promise<EngineModels>;
  /** To the service worker (readings, errors, relay requests); dropped while it restarts. */
  send(message: Message): void;
  /** Stores one moment's samples; throws when they could not be written. */
  storeSamples(samples: Sample[], subjects: SubjectRef[]): Promise<void>;
  /** Stores a caption's words (only called when the user chose to keep transcripts). */
  storeUtterance(utterance: StoredUtterance): Promise<void>;
  /** The face work now comes in single faces (b1) or galleries of up to 9 (b9): the host may change backend. */
  useWorkload?(workload: 'b1' | 'b9'): Promise<void>;
}
