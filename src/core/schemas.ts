/**
 * Runtime schemas (zod) of the shared nouns: whatever crosses a context boundary is parsed with
 * these, deeply, before anything uses it. The TypeScript types stay in types.ts; `satisfies`
 * checks below keep the two in step.
 */
import { z } from 'zod';
import { EMOTIONS, NUM_EMOTIONS } from './emotions';
import { MODALITIES, type ModalityReading, type SessionReading, type SubjectReading, type SubjectRef } from './types';

const finite = z.number().finite();
const unit = finite.min(0).max(1);
/** Ids and labels are short: a message is never a vehicle for bulk data. */
export const idString = z.string().min(1).max(128);
export const labelString = z.string().max(200);

export const probabilitiesSchema = z.array(unit).length(NUM_EMOTIONS);

export const modalityStateSchema = z.enum([
  'off', 'starting', 'ok', 'no-face', 'several-faces', 'silence', 'clipping', 'blocked', 'device-lost', 'paused', 'error',
]);

export const subjectRefSchema = z.object({
  id: idString,
  kind: z.enum(['self', 'participant', 'file']),
  label: labelString.optional(),
}) satisfies z.ZodType<SubjectRef>;

export const modalityReadingSchema = z.object({
  modality: z.enum(MODALITIES),
  state: modalityStateSchema,
  probs: probabilitiesSchema.nullable(),
  quality: unit,
  tMedia: finite.min(0),
  faces: z.number().int().min(0).max(64).optional(),
}) satisfies z.ZodType<ModalityReading>;

const weightsSchema = z.object({ face: unit, voice: unit, text: unit });

export const fusedReadingSchema = z.object({
  probs: probabilitiesSchema,
  dominant: z.enum(EMOTIONS),
  confidence: unit,
  valence: finite.min(-1).max(1),
  arousal: unit,
  weights: weightsSchema,
});

export const subjectReadingSchema = z.object({
  subject: subjectRefSchema,
  readings: z.object({ face: modalityReadingSchema, voice: modalityReadingSchema, text: modalityReadingSchema }).partial(),
  fused: fusedReadingSchema.nullable(),
}) satisfies z.ZodType<SubjectReading>;

export const sessionReadingSchema = z.object({
  sessionId: idString,
  meetingId: idString,
  t: finite,
  paused: z.boolean(),
  subjects: z.array(subjectReadingSchema).max(64),
  unsaved: z.number().int().min(0),
}) satisfies z.ZodType<SessionReading>;

/** A capture device the page opened, identified by label: device ids differ between origins. */
export const trackInfoSchema = z.object({ kind: z.enum(['audio', 'video']), label: z.string().max(512) });
export type TrackInfo = z.infer<typeof trackInfoSchema>;
export const trackListSchema = z.array(trackInfoSchema).max(16);

/** A track the page receives from another participant (RTCPeerConnection), as the tap saw it. */
export const remoteTrackSchema = z.object({
  id: idString,
  kind: z.enum(['audio', 'video']),
  /** Which of the page's connections (one per person in a mesh call, one for all with an SFU). */
  peer: z.string().max(64),
  /** The remote MediaStream id: a person's audio and video share it. */
  stream: z.string().max(128),
});
export type RemoteTrack = z.infer<typeof remoteTrackSchema>;
export const remoteTrackListSchema = z.array(remoteTrackSchema).max(64);

/**
 * One other person in the call as the content script found them: their tracks, and their name
 * from the site's tile when the adapter can read it.
 */
export const participantSchema = z.object({
  key: z.string().min(1).max(200),
  name: z.string().max(100).nullable(),
  video: idString.nullable(),
  audio: idString.nullable(),
  /** "Participant N" for someone without a name: given by the service worker, kept for the whole call. */
  number: z.number().int().min(1).max(100_000).optional(),
  /** The site marks this person as the one speaking now (its active-speaker indicator). */
  speaking: z.boolean().optional(),
  /**
   * Not a person: an audio stream the site mixes from whoever speaks (Meet sends the loudest
   * speakers in a few such streams). Its voice readings go to the person marked `speaking`.
   */
  mixed: z.boolean().optional(),
});
export type Participant = z.infer<typeof participantSchema>;
export const participantListSchema = z.array(participantSchema).max(32);
