/**
 * The one message protocol between the extension's contexts: a map from message type to its
 * schema, the response it gets, and who may send it. Receivers call `parseMessage` and drop
 * what does not validate, so a malformed or foreign message never reaches a handler; and each
 * receiver checks the sender's role (senders.ts) before acting.
 */
import { z } from 'zod';
import { idString, participantListSchema, sessionReadingSchema, trackListSchema } from '../core/schemas';
import type { SessionReading } from '../core/types';
import { calibrationSchema, type BackendChoice } from '../ml/backend-choice';
import { recordingStatusSchema, type RecordingStatus } from '../files/recording/recording-status';

const tabId = z.number().int().min(0);
const kinds = z.array(z.enum(['audio', 'video'])).min(1).max(2);
const engineSettingsSchema = z.object({
  face: z.boolean(),
  voice: z.boolean(),
  text: z.boolean(),
  storeTranscripts: z.boolean(),
  analysisFps: z.number().min(1).max(15),
  smoothingHalfLifeSeconds: z.number().min(0).max(30),
});
const stream = z.enum(['face', 'voice', 'text', 'engine']);

export const messageSchemas = {
  // content script -> background: the page's call state, confirmed by the content script
  'call/tracks': z.object({ tracks: trackListSchema, site: z.string().max(64), title: z.string().max(1000), url: z.string().max(4096) }),
  'call/ended': z.object({ reason: z.enum(['tracks-stopped', 'page-closed', 'disabled']) }),
  /** One finished line of the site's live captions (the text modality). */
  'call/caption': z.object({ speaker: z.string().max(200).nullable(), text: z.string().min(1).max(500), t: z.number().finite() }),
  /** The other people in the call: their received tracks and tile names (analysed only on opt-in). */
  'call/participants': z.object({ participants: participantListSchema }),
  /** The badge saw no reading for a while: is the engine still running this call? */
  'call/stale': z.object({}),
  // background -> offscreen: run or stop the engine; every engine message names its session
  'engine/start': z.object({
    sessionId: idString,
    tabId,
    meetingId: idString,
    /** The call's own devices (self-analysis)... */
    tracks: trackListSchema,
    /** ...and, opt-in, the tab's audio and video (other participants): a tab capture the relay frame relays under this token. */
    tabCaptureToken: idString.optional(),
    /** ...or, opt-in, the other participants' own tracks as the page receives them (relayed per track). */
    participants: participantListSchema.optional(),
    settings: engineSettingsSchema,
    /** Test builds only (ignored otherwise): simulate busy devices. */
    testHooks: z.object({ busy: z.object({ audio: z.number().int().min(0).max(10_000), video: z.number().int().min(0).max(10_000) }).partial() }).optional(),
  }),
  'engine/stop': z.object({ sessionId: idString }),
  /** People joined or left, or their tiles got names: the participants source follows. */
  'engine/participants': z.object({ sessionId: idString, participants: participantListSchema }),
  'engine/caption': z.object({ sessionId: idString, speaker: z.string().max(200).nullable(), text: z.string().min(1).max(500), t: z.number().finite() }),
  'engine/set-paused': z.object({ sessionId: idString, paused: z.boolean() }),
  'engine/settings': z.object({ sessionId: idString, settings: engineSettingsSchema }),
  // offscreen -> background -> content script and popup
  'engine/reading': z.object({ tabId, reading: sessionReadingSchema }),
  'engine/error': z.object({ sessionId: idString.optional(), tabId, stream, message: z.string().max(2000) }),
  // offscreen -> background -> content script: use (or stop) the fallback media relay
  'relay/start': z.object({ sessionId: idString, tabId, kinds, token: idString, fps: z.number().min(1).max(30), track: idString.optional() }),
  'relay/stop': z.object({ sessionId: idString, tabId, kinds, token: idString.optional(), track: idString.optional() }),
  // background -> content script: the relay frame opens this tab capture and relays it under the token (or stops)
  'relay/capture': z.object({ tabId, token: idString, streamId: z.string().min(1).max(512).optional(), fps: z.number().min(1).max(30), stop: z.boolean().optional() }),
  // offscreen -> background: the engine's backend choice lives in storage, which offscreen documents lack
  'engine/backend-choice': z.object({}),
  'engine/backend-calibrated': z.object({ calibration: calibrationSchema }),
  // popup/commands -> background
  'ui/toggle-pause': z.object({}),
  'ui/toggle-badge': z.object({}),
  'ui/get-live': z.object({ tabId }),
  'ui/analyse-participants': z.object({ tabId, enable: z.boolean() }),
  // popup, or the badge on the user's click -> background: record the analysed picture (see src/files/recording)
  /** `tabId`: the call's tab (the popup names it; the badge's is its own). `subjectId`: whom (default the user). */
  'ui/record-start': z.object({ tabId: tabId.optional(), subjectId: idString.optional(), othersConfirmed: z.boolean().optional() }),
  'ui/record-stop': z.object({ tabId: tabId.optional() }),
  'ui/record-state': z.object({ tabId: tabId.optional() }),
  // background -> offscreen
  'engine/record-start': z.object({
    sessionId: idString,
    subjectId: idString,
    /** The overlay's words in the user's language (the engine's document has no i18n API). */
    labels: z.object({ emotions: z.array(z.string().max(60)).length(7), noReading: z.string().max(100) }),
    /** Test builds only (ignored otherwise): stop once the free space drops this many bytes (a full disk). */
    testFreeBytesToUse: z.number().int().min(0).optional(),
  }),
  'engine/record-stop': z.object({ meetingId: idString.optional() }),
  'engine/record-state': z.object({}),
  // offscreen -> background -> content script: the recording started or ended (the badge's REC)
  'engine/recording': z.object({ tabId, status: recordingStatusSchema }),
  /** A marker (optional short note) on the live meeting: from the popup (its tab) or the badge (the sender's tab). */
  'ui/add-marker': z.object({ tabId: tabId.optional(), note: z.string().max(1000) }),
  /** The badge's messages in the language the user chose (content scripts cannot read the extension's files). */
  'ui/locale-messages': z.object({ locale: z.enum(['en', 'es']) }),
  // background -> content script
  'badge/set-visible': z.object({ visible: z.boolean() }),
  // background -> offscreen: liveness probe; the answer names the running session
  ping: z.object({}),
} as const;

export type MessageType = keyof typeof messageSchemas;
export type MessageOf<T extends MessageType> = { type: T } & z.infer<(typeof messageSchemas)[T]>;
export type Message = { [T in MessageType]: MessageOf<T> }[MessageType];

/** What each message is answered with (undefined where there is no answer). */
export interface ResponseMap {
  'call/tracks': undefined;
  'call/ended': undefined;
  'call/stale': undefined;
  'call/caption': undefined;
  'call/participants': undefined;
  'engine/backend-choice': BackendChoice;
  'engine/backend-calibrated': undefined;
  'engine/participants': boolean;
  'engine/caption': boolean;
  'engine/start': boolean;
  'engine/stop': boolean;
  'engine/set-paused': boolean;
  'engine/settings': boolean;
  'engine/reading': undefined;
  'engine/error': undefined;
  'relay/start': undefined;
  'relay/stop': undefined;
  'relay/capture': undefined;
  'ui/toggle-pause': undefined;
  'ui/toggle-badge': undefined;
  'ui/get-live': SessionReading | null;
  /** `needsTabCapture`: the page receives no track the tap sees; the popup asks for tabCapture and tries again. */
  'ui/analyse-participants': { ok: boolean; error?: string; needsTabCapture?: boolean };
  /** `needsConfirm`: the recording would show other people; the user must confirm they were told first. */
  'ui/record-start': { ok: boolean; error?: string; needsConfirm?: boolean };
  'ui/record-stop': RecordingStatus | null;
  'ui/record-state': RecordingStatus | null;
  'engine/record-start': { ok: boolean; error?: string };
  'engine/record-stop': RecordingStatus;
  'engine/record-state': RecordingStatus;
  'engine/recording': undefined;
  'ui/add-marker': { ok: true; t: number; tMedia: number } | { ok: false; error: string };
  'ui/locale-messages': Record<string, { message: string }> | null;
  'badge/set-visible': undefined;
  ping: { pong: true; sessionId: string | null };
}

/** Returns the message if it is one of ours and well formed (deeply), else null. */
export function parseMessage(value: unknown): Message | null {
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  // own keys only: 'toString' or '__proto__' must not find a schema on the prototype
  if (typeof type !== 'string' || !Object.hasOwn(messageSchemas, type)) return null;
  const parsed = messageSchemas[type as MessageType].safeParse(value);
  return parsed.success ? ({ ...parsed.data, type } as Message) : null;
}
