/**
 * Meetings, their subjects and their samples. Every write that touches several stores runs in
 * one transaction, so a meeting's and a subject's counters (sample count, last sample time, time
 * per expression) always match their samples, even if the browser dies mid-meeting.
 */
import { deleteAllRecordings, deleteRecording } from '../files/recording/recording-store';
import { EMOTIONS, NUM_EMOTIONS } from '../core/emotions';
import type { Meeting, MeetingSubject, Sample, SubjectRef } from '../core/types';
import { deleteDatabaseFiles, meetingMarkerRange, meetingSampleRange, meetingSubjectRange, openDatabase, subjectSampleRange } from './db';
import { cleanNote, cleanTitle, type MeetingMarker } from './marker';
import type { StoredUtterance } from '../engine/engine-host';
import { subjectSampleSeconds } from './sample-duration';

const DAY_MS = 86_400_000;

const zeroSeconds = () => new Array<number>(NUM_EMOTIONS).fill(0);

function withValidCounters(m: Meeting): Meeting {
  const dominantSeconds =
    Array.isArray(m.dominantSeconds) && m.dominantSeconds.length === NUM_EMOTIONS
      ? m.dominantSeconds.map((s) => (Number.isFinite(s) && s > 0 ? s : 0))
      : zeroSeconds();
  return {
    ...m,
    lastSampleAt: Number.isFinite(m.lastSampleAt) ? Math.max(m.lastSampleAt, m.startedAt) : m.startedAt,
    sampleCount: Number.isInteger(m.sampleCount) && m.sampleCount > 0 ? m.sampleCount : 0,
    dominantSeconds,
    othersAnalysed: m.othersAnalysed === true,
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

/** Records that other people are being analysed in this meeting (kept once set). */
export async function markOthersAnalysed(meetingId: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction('meetings', 'readwrite');
  const meeting = await tx.store.get(meetingId);
  if (meeting && !meeting.othersAnalysed) await tx.store.put({ ...meeting, othersAnalysed: true });
  await tx.done;
}

function checkSample(s: Sample) {
  if (typeof s.meetingId !== 'string' || typeof s.subjectId !== 'string' || s.subjectId === '' || !Number.isFinite(s.t)) {
    throw new TypeError('appendSamples: a sample needs a meetingId, a subjectId and a finite time');
  }
}

/**
 * Stores one moment's samples (one per subject) and updates their meeting and subjects in the
 * same transaction; a subject seen for the first time is created from `subjects`. Re-sending a
 * sample with the same key replaces it without counting it twice. Throws if the meeting does not
 * exist (nothing is written then).
 */
export async function appendSamples(samples: readonly Sample[], subjects: readonly SubjectRef[] = []): Promise<void> {
  if (samples.length === 0) return;
  samples.forEach(checkSample);
  const meetingId = samples[0].meetingId;
  if (samples.some((s) => s.meetingId !== meetingId)) throw new TypeError('appendSamples: one meeting per call');
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'subjects', 'samples'], 'readwrite');
  const meetings = tx.objectStore('meetings');
  const subjectStore = tx.objectStore('subjects');
  const sampleStore = tx.objectStore('samples');
  const meeting = await meetings.get(meetingId);
  if (!meeting) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(`appendSamples: no meeting ${meetingId}`);
  }
  const updated: Meeting = { ...meeting, dominantSeconds: [...meeting.dominantSeconds] };
  for (const s of samples) {
    const [previous, known] = await Promise.all([sampleStore.get([meetingId, s.subjectId, s.t]), subjectStore.get([meetingId, s.subjectId])]);
    const ref = subjects.find((r) => r.id === s.subjectId);
    const subject: MeetingSubject = known
      ? { ...known, dominantSeconds: [...known.dominantSeconds], ...(ref?.label ? { label: ref.label } : {}) }
      : {
          id: s.subjectId,
          kind: ref?.kind ?? (s.subjectId === 'self' ? 'self' : 'participant'),
          ...(ref?.label ? { label: ref.label } : {}),
          meetingId,
          firstSeenAt: s.t,
          lastSampleAt: s.t,
          sampleCount: 0,
          dominantSeconds: zeroSeconds(),
        };
    if (!previous) {
      const index = s.fused ? EMOTIONS.indexOf(s.fused.dominant) : -1;
      const seconds = subjectSampleSeconds(subject.sampleCount > 0 ? subject.lastSampleAt : null, s.t);
      if (index >= 0) {
        subject.dominantSeconds[index] += seconds;
        updated.dominantSeconds[index] += seconds;
      }
      subject.sampleCount += 1;
      updated.sampleCount += 1;
    }
    subject.lastSampleAt = Math.max(subject.lastSampleAt, s.t);
    updated.lastSampleAt = Math.max(updated.lastSampleAt, s.t);
    await Promise.all([sampleStore.put(s), subjectStore.put(subject)]);
  }
  await meetings.put(updated);
  await tx.done;
}

/** Keeps one caption's words (called only when the user chose to store transcripts). */
export async function appendUtterance(u: StoredUtterance): Promise<void> {
  if (!u.text || !Number.isFinite(u.t)) return;
  const db = await openDatabase();
  await db.put('utterances', { meetingId: u.meetingId, subjectId: u.subjectId, t: u.t, text: u.text.slice(0, 500) });
}

/** A meeting's stored caption words, in time order (empty unless the user chose to keep them). */
export async function getUtterances(meetingId: string): Promise<StoredUtterance[]> {
  const db = await openDatabase();
  return (await db.getAll('utterances', meetingSampleRange(meetingId))).sort((a, b) => a.t - b.t);
}

/**
 * Puts a marker on a meeting at wall-clock `t` (ms) and media time `tMedia` (s), with an optional
 * note. Two markers in the same millisecond are one (the later note wins). Throws for an unknown
 * meeting (nothing is written then).
 */
export async function addMarker(meetingId: string, t: number, tMedia: number, note = ''): Promise<MeetingMarker> {
  if (!Number.isFinite(t)) throw new TypeError('addMarker: a marker needs a finite time');
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'markers'], 'readwrite');
  const meeting = await tx.objectStore('meetings').get(meetingId);
  if (!meeting) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(`addMarker: no meeting ${meetingId}`);
  }
  const marker: MeetingMarker = {
    meetingId,
    t: Math.round(t),
    tMedia: Number.isFinite(tMedia) && tMedia >= 0 ? tMedia : Math.max(0, (t - meeting.startedAt) / 1000),
    note: cleanNote(note),
  };
  await tx.objectStore('markers').put(marker);
  await tx.done;
  return marker;
}

/** A meeting's markers, in time order. */
export async function getMarkers(meetingId: string): Promise<MeetingMarker[]> {
  const db = await openDatabase();
  return db.getAll('markers', meetingMarkerRange(meetingId));
}

/** Changes a marker's note (an unknown marker is left alone). */
export async function updateMarkerNote(meetingId: string, t: number, note: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction('markers', 'readwrite');
  const marker = await tx.store.get([meetingId, t]);
  if (marker) await tx.store.put({ ...marker, note: cleanNote(note) });
  await tx.done;
}

export async function deleteMarker(meetingId: string, t: number): Promise<void> {
  const db = await openDatabase();
  await db.delete('markers', [meetingId, t]);
}

/**
 * Renames a meeting: the name shows in the history, the detail, the report and exports. An empty
 * name gives the meeting back its site's label. Returns the meeting, or null if unknown.
 */
export async function renameMeeting(id: string, title: string): Promise<Meeting | null> {
  const db = await openDatabase();
  const tx = db.transaction('meetings', 'readwrite');
  const meeting = await tx.store.get(id);
  const renamed = meeting ? { ...meeting, title: cleanTitle(title) } : null;
  if (renamed) await tx.store.put(renamed);
  await tx.done;
  return renamed;
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

/** A meeting's subjects: self first, then in the order they were first seen. */
export async function getSubjects(meetingId: string): Promise<MeetingSubject[]> {
  const db = await openDatabase();
  const subjects = await db.getAll('subjects', meetingSubjectRange(meetingId));
  return subjects.sort((a, b) => Number(b.kind === 'self') - Number(a.kind === 'self') || a.firstSeenAt - b.firstSeenAt);
}

/** One meeting's samples (of one subject, or of all), in time order. */
export async function getSamples(meetingId: string, subjectId?: string): Promise<Sample[]> {
  const db = await openDatabase();
  const samples = await db.getAll('samples', subjectId === undefined ? meetingSampleRange(meetingId) : subjectSampleRange(meetingId, subjectId));
  return subjectId === undefined ? samples.sort((a, b) => a.t - b.t) : samples;
}

/**
 * Deletes a meeting, its subjects and its samples. The records are gone for the extension, but
 * the browser may keep fragments in its database files until it compacts them: `deleteAllMeetings`
 * deletes the files themselves.
 */
export async function deleteMeeting(id: string): Promise<void> {
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'subjects', 'samples', 'utterances', 'markers'], 'readwrite');
  await Promise.all([
    tx.objectStore('meetings').delete(id),
    tx.objectStore('subjects').delete(meetingSubjectRange(id)),
    tx.objectStore('samples').delete(meetingSampleRange(id)),
    tx.objectStore('utterances').delete(meetingSampleRange(id)),
    tx.objectStore('markers').delete(meetingMarkerRange(id)),
  ]);
  await tx.done;
  await deleteRecording(id);
}

/** Deletes the whole database, files included, and every recording; the next use creates an empty one. */
export async function deleteAllMeetings(): Promise<void> {
  await deleteDatabaseFiles();
  await deleteAllRecordings();
}

/** When a meeting stopped: its end, or for one still open (or crashed) its last sample. */
export function meetingEnd(m: Meeting): number {
  return m.endedAt ?? Math.max(m.lastSampleAt, m.startedAt);
}

/**
 * Deletes meetings that ended more than `days` days before `nowMs`, with their subjects and
 * samples. `days` of 0 (or less, or not a number) keeps everything. Returns how many were deleted.
 */
export async function applyRetention(days: number, nowMs: number): Promise<number> {
  if (!(Number.isFinite(days) && days > 0) || !Number.isFinite(nowMs)) return 0;
  const cutoff = nowMs - days * DAY_MS;
  const db = await openDatabase();
  const tx = db.transaction(['meetings', 'subjects', 'samples', 'utterances', 'markers'], 'readwrite');
  const gone: string[] = [];
  // A meeting cannot have ended before it started, so only those started before the cutoff qualify.
  let cursor = await tx.objectStore('meetings').index('startedAt').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    if (meetingEnd(cursor.value) < cutoff) {
      const id = cursor.value.id;
      await Promise.all([
        cursor.delete(),
        tx.objectStore('subjects').delete(meetingSubjectRange(id)),
        tx.objectStore('samples').delete(meetingSampleRange(id)),
        tx.objectStore('utterances').delete(meetingSampleRange(id)),
        tx.objectStore('markers').delete(meetingMarkerRange(id)),
      ]);
      gone.push(id);
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  for (const id of gone) await deleteRecording(id);
  return gone.length;
}

/**
 * Meetings left open by a crash or a killed browser are closed at their last sample, the last
 * moment known to be part of the call. Closes those with no sample for `staleMs`, except
 * `keepOpen` (the meeting a live engine still writes). Returns how many were closed.
 */
export async function closeDanglingMeetings(nowMs: number, staleMs: number, keepOpen: string | null = null): Promise<number> {
  const db = await openDatabase();
  const tx = db.transaction('meetings', 'readwrite');
  let closed = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    const m = cursor.value;
    if (m.endedAt === null && m.id !== keepOpen && nowMs - m.lastSampleAt >= staleMs) {
      await cursor.update({ ...m, endedAt: Math.max(m.lastSampleAt, m.startedAt) });
      closed++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return closed;
}
