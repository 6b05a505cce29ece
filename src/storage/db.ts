/**
 * The extension's IndexedDB database: meetings and their ~1 Hz samples.
 * Samples are keyed by [meetingId, t], so one meeting's samples are a contiguous key range,
 * read back in time order and deleted in one call.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Meeting, Sample } from '../core/types';

export const DB_NAME = 'emotion-overlay';
export const DB_VERSION = 1;

export interface Schema extends DBSchema {
  meetings: { key: string; value: Meeting; indexes: { startedAt: number } };
  samples: { key: [string, number]; value: Sample; indexes: { meetingId: string } };
}

type UpgradeStep = (db: IDBPDatabase<Schema>) => void;

/** `upgrades[n]` brings a version-n database to version n+1; a new version only appends a step. */
const upgrades: UpgradeStep[] = [
  // 0 -> 1: initial stores.
  (db) => {
    const meetings = db.createObjectStore('meetings', { keyPath: 'id' });
    meetings.createIndex('startedAt', 'startedAt');
    const samples = db.createObjectStore('samples', { keyPath: ['meetingId', 't'] });
    samples.createIndex('meetingId', 'meetingId');
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
      upgrade(db, oldVersion) {
        for (let v = oldVersion; v < DB_VERSION; v++) upgrades[v](db);
      },
      // Another context wants a newer version: close, so its upgrade is not blocked.
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

/** All samples of one meeting, as a primary-key range. */
export function meetingSampleRange(meetingId: string): IDBKeyRange {
  return IDBKeyRange.bound([meetingId, -Infinity], [meetingId, Infinity]);
}
