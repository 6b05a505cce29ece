/**
 * The nouns every part of the extension shares. A session analyses one or more subjects (the
 * user, other participants, the people in a file); each subject has readings from one or more
 * modalities, fused into one reading per subject. Times: `tMedia` is the source's own media
 * clock (seconds since the source started), `t` is wall-clock epoch milliseconds.
 */
import type { Emotion, Probabilities } from './emotions';

export const MODALITIES = ['face', 'voice', 'text'] as const;
export type Modality = (typeof MODALITIES)[number];

/** Who is read: the user (the default), another participant (opt-in), or a person in a file. */
export type SubjectKind = 'self' | 'participant' | 'file';

export interface SubjectRef {
  /** Stable for the meeting: 'self', or an id the session assigns. */
  id: string;
  kind: SubjectKind;
  /** A display name (a tile's name, "Participant 2"); absent for self. */
  label?: string;
}

export const SELF: SubjectRef = Object.freeze({ id: 'self', kind: 'self' });

/** Why a modality has no reading right now; shown on the badge's state line. */
export type ModalityState =
  | 'off' // disabled in settings, or the source has no such media
  | 'starting'
  | 'ok'
  | 'no-face'
  | 'several-faces'
  | 'silence'
  | 'clipping' // the audio is clipped: a reading would be confidently wrong
  | 'blocked' // permission denied
  | 'device-lost' // unplugged, ended or stalled mid-call
  | 'paused'
  | 'error';

export interface ModalityReading {
  modality: Modality;
  state: ModalityState;
  /** Seven probabilities in EMOTIONS order while `state` is 'ok' (or 'several-faces'), else null. */
  probs: Probabilities | null;
  /** Input quality 0..1: can the model see or hear what it needs (face score × size; speech presence). */
  quality: number;
  /** Media time of the analysed frame or window, seconds on the source's clock. */
  tMedia: number;
  /** Faces in the frame (face only). */
  faces?: number;
}

export interface FusedReading {
  probs: Probabilities;
  dominant: Emotion;
  /** 0..1: top probability scaled by how much the modalities could be trusted. */
  confidence: number;
  /** -1 (negative) .. 1 (positive). */
  valence: number;
  /** 0 (calm) .. 1 (excited). */
  arousal: number;
  /** Weight each modality received, summing to 1 when any is present; a missing one weighs 0. */
  weights: Record<Modality, number>;
}

export type ModalityReadings = Partial<Record<Modality, ModalityReading>>;

export interface SubjectReading {
  subject: SubjectRef;
  readings: ModalityReadings;
  fused: FusedReading | null;
}

/** What the engine reports several times a second, and what the badge and popup show. */
export interface SessionReading {
  /** The engine run that made it: readings of an older run are ignored. */
  sessionId: string;
  meetingId: string;
  /** Wall-clock epoch ms when the reading was made. */
  t: number;
  paused: boolean;
  subjects: SubjectReading[];
  /** Samples not written to storage yet (kept and retried); 0 when all are saved. */
  unsaved: number;
}

/** A modality's part of a stored sample: the words of a caption are never stored here. */
export interface SampleReading {
  state: ModalityState;
  probs: Probabilities | null;
  quality: number;
}

/** About one a second per subject, stored in IndexedDB as it comes. */
export interface Sample {
  meetingId: string;
  subjectId: string;
  /** Epoch milliseconds. */
  t: number;
  /** Media time, seconds on the source's clock. */
  tMedia: number;
  readings: Partial<Record<Modality, SampleReading>>;
  fused: {
    probs: Probabilities;
    dominant: Emotion;
    confidence: number;
    valence: number;
    arousal: number;
  } | null;
}

export type MeetingKind = 'call' | 'file';

export interface Meeting {
  id: string;
  kind: MeetingKind;
  /** Site adapter id: meet, zoom, teams, jitsi, whereby, generic, demo; 'file' for files. */
  site: string;
  title: string;
  url: string;
  startedAt: number;
  /** Updated with each sample, so a crash leaves a usable end time. */
  lastSampleAt: number;
  endedAt: number | null;
  /** Samples of all subjects. */
  sampleCount: number;
  /** Seconds with each dominant expression, in EMOTIONS order, over all subjects. */
  dominantSeconds: number[];
  /** Whether other people were analysed at any time in this meeting (shown in history and exports). */
  othersAnalysed: boolean;
}

/** One subject of a meeting, with its own counters. */
export interface MeetingSubject extends SubjectRef {
  meetingId: string;
  firstSeenAt: number;
  lastSampleAt: number;
  sampleCount: number;
  dominantSeconds: number[];
}
