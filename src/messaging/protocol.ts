/**
 * The one message protocol between the extension's contexts. Every message crossing a context
 * boundary is a `Message`; receivers call `parseMessage` and drop what does not validate, so a
 * malformed or foreign message can never reach a handler.
 */
import type { LiveReading, Subject } from '../core/types';
import type { Settings } from '../settings/schema';
import type { RelayKind } from '../relay/relay-protocol';

/** A capture device the page opened, identified by label: device ids differ between origins. */
export interface TrackInfo {
  kind: 'audio' | 'video';
  label: string;
}

export type Message =
  // content script -> background: the page's call state
  | { type: 'call/tracks'; tracks: TrackInfo[]; site: string; title: string; url: string; subject: Subject }
  | { type: 'call/ended'; reason: 'tracks-stopped' | 'page-closed' | 'disabled' }
  // background -> offscreen: run or stop the engine
  | {
      type: 'engine/start';
      tabId: number;
      meetingId: string;
      /** The call's own devices (self-analysis)... */
      tracks: TrackInfo[];
      /** ...or the tab's audio and video (other participants, opt-in), from tabCapture. */
      tabStreamId?: string;
      subject: Subject;
      settings: Settings;
    }
  | { type: 'engine/stop' }
  | { type: 'engine/set-paused'; paused: boolean }
  | { type: 'engine/settings'; settings: Settings }
  // offscreen -> background -> content script and popup
  | { type: 'engine/reading'; tabId: number; reading: LiveReading }
  | { type: 'engine/error'; tabId: number; stream: 'face' | 'voice' | 'engine'; message: string }
  // offscreen -> background -> content script: use (or stop) the fallback media relay
  | { type: 'relay/start'; tabId: number; kinds: RelayKind[]; token: string; fps: number }
  | { type: 'relay/stop'; tabId: number; kinds: RelayKind[] }
  // popup/commands -> background
  | { type: 'ui/toggle-pause' }
  | { type: 'ui/toggle-badge' }
  | { type: 'ui/get-live'; tabId: number }
  | { type: 'ui/analyse-participants'; tabId: number; enable: boolean }
  // background -> content script
  | { type: 'badge/set-visible'; visible: boolean }
  // any -> offscreen: liveness probe used by the background's offscreen guard
  | { type: 'ping' };

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

function isTrackInfo(v: unknown): v is TrackInfo {
  return isObject(v) && (v.kind === 'audio' || v.kind === 'video') && isString(v.label) && v.label.length < 512;
}
const isTrackList = (v: unknown): v is TrackInfo[] => Array.isArray(v) && v.length <= 16 && v.every(isTrackInfo);
const isSubject = (v: unknown): v is Subject => v === 'self' || v === 'remote';
const isKindList = (v: unknown): v is RelayKind[] =>
  Array.isArray(v) && v.length <= 2 && v.every((k) => k === 'audio' || k === 'video');

/** Shape checks per type; deep settings/reading checks are left to their own modules' parsers. */
const validators: { [T in MessageType]: (m: Record<string, unknown>) => boolean } = {
  'call/tracks': (m) =>
    isTrackList(m.tracks) && isString(m.site) && isString(m.title) && isString(m.url) && isSubject(m.subject),
  'call/ended': (m) => m.reason === 'tracks-stopped' || m.reason === 'page-closed' || m.reason === 'disabled',
  'engine/start': (m) =>
    isFiniteNumber(m.tabId) &&
    isString(m.meetingId) &&
    isTrackList(m.tracks) &&
    (m.tabStreamId === undefined || isString(m.tabStreamId)) &&
    isSubject(m.subject) &&
    isObject(m.settings),
  'engine/stop': () => true,
  'engine/set-paused': (m) => isBoolean(m.paused),
  'engine/settings': (m) => isObject(m.settings),
  'engine/reading': (m) => isFiniteNumber(m.tabId) && isObject(m.reading) && isString(m.reading.meetingId),
  'engine/error': (m) =>
    isFiniteNumber(m.tabId) && (m.stream === 'face' || m.stream === 'voice' || m.stream === 'engine') && isString(m.message),
  'relay/start': (m) => isFiniteNumber(m.tabId) && isKindList(m.kinds) && isString(m.token) && isFiniteNumber(m.fps),
  'relay/stop': (m) => isFiniteNumber(m.tabId) && isKindList(m.kinds),
  'ui/toggle-pause': () => true,
  'ui/toggle-badge': () => true,
  'ui/get-live': (m) => isFiniteNumber(m.tabId),
  'ui/analyse-participants': (m) => isFiniteNumber(m.tabId) && isBoolean(m.enable),
  'badge/set-visible': (m) => isBoolean(m.visible),
  ping: () => true,
};

/** Returns the message if it is one of ours and well formed, else null. */
export function parseMessage(value: unknown): Message | null {
  if (!isObject(value) || !isString(value.type)) return null;
  // own keys only: 'toString' or '__proto__' must not find a validator on the prototype
  if (!Object.hasOwn(validators, value.type)) return null;
  const validate = validators[value.type as MessageType];
  try {
    return validate(value) ? (value as unknown as Message) : null;
  } catch {
    return null;
  }
}
