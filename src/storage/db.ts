/**
 * The extension's IndexedDB database: meetings, the subjects read in each, ~1 Hz samples per
 * subject, and the markers (with short notes) the user added during a meeting. Samples are keyed by [meetingId, subjectId, t], so one subject's samples are a
 * contiguous key range in time order, and so are one meeting's (deleted in one call).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Meeting, MeetingSubject, Sample } from '../core/types';
import type { MeetingMarker } from './marker';
import type { StoredUtterance } from '../engine/engine-host';
import { migrateV1Meeting, migrateV1Sample, v1Subject, type V1Meeting, type V1Sample } from './migrate-v1';

export const DB_NAME = 'emotion-overlay';
export const DB_VERSION = 3;

export interface Schema extends DBSchema {
  meetings: { key: string; value: Meeting; indexes: { startedAt: number } };
  subjects: { key: [string, string]; value: MeetingSubject; indexes: { meetingId: string } };
  samples: { key: [string, string, number]; value: Sample; indexes: { meetingId: string } };
  /** Captions' words, only for meetings whose user chose to keep transcripts. */
  utterances: { key: [string, string, number]; value: StoredUtterance };
  /** The user's markers, keyed [meetingId, t]: one meeting's are a key range in time order. */
  markers: { key: [string, number]; value: MeetingMarker };
}

type UpgradeTx = IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>;
type UpgradeStep = (db: IDBPDatabase<Schema>, tx: UpgradeTx) => Promise<void> | void;

/** `upgrades[n]` brings a version-n database to version n+1; a new version only appends a step. */
const upgrades: UpgradeStep[] = [
  // 0 -> 1: initial stores (one subject per meeting, samples keyed [meetingId, t]).
  (db) => {
    const meetings = db.createObjectStore('meetings', { keyPath: 'id' });
    meetings.createIndex('startedAt', 'startedAt');
    const samples = db.createObjectStore('samples', { keyPath: ['meetingId', 't'] } as never);
    samples.createIndex('meetingId', 'meetingId');
  },
  // 1 -> 2: subjects; samples keyed [meetingId, subjectId, t] with per-modality readings. Every v1
  // meeting becomes one meeting with one subject, every v1 sample one v2 sample: nothing is lost.
  async (db, tx) => {
    db.createObjectStore('utterances', { keyPath: ['meetingId', 'subjectId', 't'] });
    const subjects = db.createObjectStore('subjects', { keyPath: ['meetingId', 'id'] });
    subjects.createIndex('meetingId', 'meetingId');
    const next = db.createObjectStore('samples-v2' as 'samples', { keyPath: ['meetingId', 'subjectId', 't'] });
    next.createIndex('meetingId', 'meetingId');
    const meetingStore = tx.objectStore('meetings');
    const oldMeetings = (await meetingStore.getAll()) as unknown as V1Meeting[];
    const byId = new Map(oldMeetings.map((m) => [m.id, m]));
    for (const old of oldMeetings) {
      await meetingStore.put(migrateV1Meeting(old));
      await tx.objectStore('subjects').put(v1Subject(old));
    }
    const oldSamples = tx.objectStore('samples');
    let cursor = await oldSamples.openCursor();
    while (cursor) {
      const meeting = byId.get((cursor.value as unknown as V1Sample).meetingId);
      if (meeting) await tx.objectStore('samples-v2' as 'samples').put(migrateV1Sample(cursor.value as unknown as V1Sample, meeting));
      cursor = await cursor.continue();
    }
    db.deleteObjectStore('samples');
    tx.objectStore('samples-v2' as 'samples').name = 'samples';
  },
  // 2 -> 3: the user's markers; a new, empty store (nothing else changes).
  (db) => {
    db.createObjectStore('markers', { keyPath: ['meetingId', 't'] });
  },
];

let opening: Promise<IDBPDatabase<Schema>> | null = null;

/** The open database, shared within this context; reopened if the browser closed it. */
export function openDatabase(): Promise<IDBPDatabase<Schema>> {
  if (!opening) {
    const forget = () => {
      opening = null;
    };
    opening = openDB<Schema>(DB_NAME, DB_VERSION, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        for (let v = oldVersion; v < DB_VERSION; v++) await upgrades[v](db, tx);
      },
      // Another context wants a newer version, or to delete the database: close, so it is not blocked.
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        forget();
      },
      terminated: forget,
    });
    opening.catch(forget);
  }
  return opening;
}

/** Closes this context's connection (tests, and before deleting the database). */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = null;
  if (current) (await current.catch(() => null))?.close();
}

/**
 * Deletes the whole database, files included, so nothing of it stays readable on disk (clearing
 * stores leaves old records in the browser's log files until it compacts them). Other contexts'
 * connections close themselves (`blocking`); the next open creates it anew.
 */
export async function deleteDatabaseFiles(): Promise<void> {
  await closeDatabase();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // blocked: another context still holds a connection; success follows once it closes
  });
}

/** All samples of one meeting, as a primary-key range. */
export function meetingSampleRange(meetingId: string): IDBKeyRange {
  return IDBKeyRange.bound([meetingId, '', -Infinity], [meetingId, '\uffff', Infinity]);
}

/** All samples of one subject of a meeting. */
export function subjectSampleRange(meetingId: string, subjectId: string): IDBKeyRange {
  return IDBKeyRange.bound([meetingId, subjectId, -Infinity], [meetingId, subjectId, Infinity]);
}

/** All markers of one meeting. */
export function meetingMarkerRange(meetingId: string): IDBKeyRange {
  return IDBKeyRange.bound([meetingId, -Infinity], [meetingId, Infinity]);
}

/** All subjects of one meeting. */
export function meetingSubjectRange(meetingId: string): IDBKeyRange {
  return IDBKeyRange.bound([meetingId, ''], [meetingId, '\uffff']);
}
