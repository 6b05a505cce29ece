/**
 * What the popup and the badge know of a session recording: whether one runs (for the REC marks),
 * whom it shows, and how the last one ended (a full disk is said in words). The engine is its one
 * source; the schema guards it where it crosses contexts.
 */
import { z } from 'zod';
import { idString } from '../../core/schemas';

export const stopReasonSchema = z.enum(['stopped', 'ended', 'quota', 'error']);

export const recordingStatusSchema = z.object({
  /** `finishing`: stopped, the file being completed (its duration written). */
  state: z.enum(['idle', 'recording', 'finishing']),
  meetingId: idString.nullable(),
  subjectId: idString.nullable(),
  startedAt: z.number().nullable(),
  bytes: z.number().min(0),
  /** The last recording's end, until the next starts. */
  ended: z
    .object({
      why: stopReasonSchema,
      /** Set when it stopped by itself (storage full, the camera gone, an error). */
      message: z.string().max(2000).nullable(),
      bytes: z.number().min(0),
      seconds: z.number().min(0),
      meetingId: idString,
    })
    .nullable(),
});

export type RecordingStatus = z.infer<typeof recordingStatusSchema>;

export const IDLE_RECORDING: RecordingStatus = { state: 'idle', meetingId: null, subjectId: null, startedAt: null, bytes: 0, ended: null };
