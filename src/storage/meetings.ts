/**
 * Meetings and their samples. Every write that touches both stores runs in one transaction, so
 * the meeting record (sample count, last sample time, time per expression) always matches its
 * samples, even if the browser dies mid-meeting.
 */
import { EMOTIONS, NUM_EMOTIONS } from '../core/emotions';
import type { Meeting, Sample } from '../core/types';
import { meetingSampleRange, openDatabase } from './db';
import { sampleSeconds } from './sample-duration';

const DAY_MS = 86_400_000;

function withValidCounters(m: Meeting): Meeting {
  const dominantSeconds =
    Array.isArray(m.dominantSeconds) && m.dominantSeconds.length === NUM_EMOTIONS
      ? m.dominantSeconds.map((s) => (Number.isFinite(s) && s > 0 ? s : 0))
      : new Array<number>(NUM_EMOTIONS).fill(0);
  return {
    ...m,
    lastSampleAt: Number.isFinite(m.lastSampleAt) ? Math.max(m.lastSampleAt, m.startedAt) : m.startedAt,
    sampleCount: Number.isInteger(m.sampleCount) && m.sampleCount > 0 ? m.sampleCount : 0,
    dominantSeconds,
  };
}

/**
 * Stores a new meeting and returns it. Creating an id that already exists leaves the stored
 * meeting untouched and returns it, so a restarted background can safely call this again.
 */
export async function createMeeting(m: Meeting): Promise<Meeting> {
  if (typeof m.id !== 'string' || m.id === '' || !Number.isFinite(m.startedAt)) {
    throw new TypeError('createMeeting: a meeting needs an id and a finite startedAt');
  }
  const db = await openDatabase();
  const tx = db.transaction('meetings', 'readwrite');
  const existing = await tx.store.get(m.id);
  const stored = existing ?? withValidCounters(m);
  if (!existing) await tx.store.add(stored);
  await tx.done;
  return stored;
}

/**
 * Stores a sample and updates its meeting in the same transaction. Re-sending a sample with the
 * same time replaces it without counting it twice. Throws if the meeting does not exist.
 */
export async function appendSample(s: Sample): Promise<void> {
  if (typeof s.meetingId !== 'string' || !Number.isFinite(s.t)) {
    throw new TypeError('appendSample: a sample needs a meetingId and a finite time');
  }
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'samples'], 'readwrite');
  const meetings = tx.objectStore('meetings');
  const samples = tx.objectStore('samples');
  const [meeting, previous] = await Promise.all([meetings.get(s.meetingId), samples.get([s.meetingId, s.t])]);
  if (!meeting) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(`appendSample: no meeting ${s.meetingId}`);
  }
  const updated = { ...meeting, dominantSeconds: [...meeting.dominantSeconds] };
  if (!previous) {
    const since = meeting.sampleCount > 0 ? meeting.lastSampleAt : meeting.startedAt;
    const index = s.dominant === null ? -1 : EMOTIONS.indexOf(s.dominant);
    if (index >= 0) updated.dominantSeconds[index] += sampleSeconds(since, s.t);
    updated.sampleCount += 1;
  }
  updated.lastSampleAt = Math.max(meeting.lastSampleAt, s.t);
  await Promise.all([samples.put(s), meetings.put(updated)]);
  await tx.done;
}

/** Marks a meeting ended at `tMs` (the first end time wins). Returns the meeting, or null if unknown. */
export async function endMeeting(id: string, tMs: number): Promise<Meeting | null> {
  const db = await openDatabase();
  const tx = db.transaction('meetings', 'readwrite');
  const meeting = await tx.store.get(id);
  if (meeting && meeting.endedAt === null) {
    meeting.endedAt = Number.isFinite(tMs) ? Math.max(tMs, meeting.startedAt) : meeting.lastSampleAt;
    await tx.store.put(meeting);
  }
  await tx.done;
  return meeting ?? null;
}

/** All meetings, newest first. */
export async function listMeetings(): Promise<Meeting[]> {
  const db = await openDatabase();
  return (await db.getAllFromIndex('meetings', 'startedAt')).reverse();
}

export async function getMeeting(id: string): Promise<Meeting | null> {
  const db = await openDatabase();
  return (await db.get('meetings', id)) ?? null;
}

/** One meeting's samples in time order. */
export async function getSamples(meetingId: string): Promise<Sample[]> {
  const db = await openDatabase();
  return db.getAll('samples', meetingSampleRange(meetingId));
}

/** Deletes a meeting and its samples. */
export async function deleteMeeting(id: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'samples'], 'readwrite');
  await Promise.all([tx.objectStore('meetings').delete(id), tx.objectStore('samples').delete(meetingSampleRange(id))]);
  await tx.done;
}

export async function deleteAllMeetings(): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'samples'], 'readwrite');
  await Promise.all([tx.objectStore('meetings').clear(), tx.objectStore('samples').clear()]);
  await tx.done;
}

/** When a meeting stopped: its end, or for one still open (or crashed) its last sample. */
export function meetingEnd(m: Meeting): number {
  return m.endedAt ?? Math.max(m.lastSampleAt, m.startedAt);
}

/**
 * Deletes meetings that ended more than `days` days before `nowMs`, with their samples.
 * `days` of 0 (or less, or not a number) keeps everything. Returns how many were deleted.
 */
export async function applyRetention(days: number, nowMs: number): Promise<number> {
  if (!(Number.isFinite(days) && days > 0) || !Number.isFinite(nowMs)) return 0;
  const cutoff = nowMs - days * DAY_MS;
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'samples'], 'readwrite');
  const samples = tx.objectStore('samples');
  let deleted = 0;
  // A meeting cannot have ended before it started, so only those started before the cutoff qualify.
  let cursor = await tx.objectStore('meetings').index('startedAt').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    if (meetingEnd(cursor.value) < cutoff) {
      await Promise.all([cursor.delete(), samples.delete(meetingSampleRange(cursor.value.id))]);
      deleted++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}

/**
 * After a crash, meetings are left open. Those with no sample for `staleMs` are closed at their
 * last sample, the last moment known to be part of the call. Returns how many were closed.
 */
export async function closeDanglingMeetings(nowMs: number, staleMs: number): Promise<number> {
  const db = await openDatabase();
  const tx = db.transaction('meetings', 'readwrite');
  let closed = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    const m = cursor.value;
    if (m.endedAt === null && nowMs - m.lastSampleAt > staleMs) {
      await cursor.update({ ...m, endedAt: Math.max(m.lastSampleAt, m.startedAt) });
      closed++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return closed;
}
