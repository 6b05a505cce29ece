import type { Emotion, Probabilities } from './emotions';

/** Whose face and voice are analysed. Self is the default; remote needs an explicit opt-in. */
export type Subject = 'self' | 'remote';

/** Why a stream has no reading right now; shown on the badge's state line. */
export type StreamState =
  | 'off' // disabled in settings
  | 'starting'
  | 'ok'
  | 'no-face'
  | 'several-faces'
  | 'silence'
  | 'blocked' // permission denied
  | 'device-lost' // unplugged or ended mid-call
  | 'paused'
  | 'error';

export interface FaceReading {
  state: StreamState;
  probs: Probabilities | null;
  /** Detector score of the analysed face, 0..1. */
  detectionScore: number;
  /** Face box height over frame height, 0..1: small faces classify worse. */
  faceSize: number;
  faces: number;
}

export interface VoiceReading {
  state: StreamState;
  probs: Probabilities | null;
  /** Speech presence of the last window, 0..1. */
  speech: number;
}

export interface FusedReading {
  probs: Probabilities;
  dominant: Emotion;
  /** 0..1: top probability scaled by how much the streams could be trusted. */
  confidence: number;
  /** -1 (negative) .. 1 (positive). */
  valence: number;
  /** 0 (calm) .. 1 (excited). */
  arousal: number;
  /** Weight each stream received, summing to 1 when any stream is present. */
  weights: { face: number; voice: number };
}

/** What the engine reports several times a second, and what the badge and popup show. */
export interface LiveReading {
  meetingId: string;
  /** Whose face and voice this is: the badge shows a visible indicator for 'remote'. */
  subject: Subject;
  t: number;
  paused: boolean;
  face: FaceReading;
  voice: VoiceReading;
  fused: FusedReading | null;
}

/** About one a second, stored in IndexedDB as it comes. */
export interface Sample {
  meetingId: string;
  /** Epoch milliseconds. */
  t: number;
  face: Probabilities | null;
  voice: Probabilities | null;
  fused: Probabilities | null;
  dominant: Emotion | null;
  confidence: number;
  valence: number | null;
  arousal: number | null;
  faceState: StreamState;
  voiceState: StreamState;
  speech: number;
  faceScore: number;
}

export interface Meeting {
  id: string;
  /** Site adapter id: meet, zoom, teams, jitsi, whereby, generic, demo. */
  site: string;
  title: string;
  url: string;
  subject: Subject;
  startedAt: number;
  /** Updated with each sample, so a crash leaves a usable end time. */
  lastSampleAt: number;
  endedAt: number | null;
  sampleCount: number;
  /** Seconds with each dominant expression, in EMOTIONS order. */
  dominantSeconds: number[];
}
