/**
 * "Export all": every stored meeting as JSON and CSV, with the user's export choices, in one
 * ZIP. Files are named as single exports are; two meetings that would share a name get a suffix.
 */
import type { Meeting, MeetingSubject, Sample } from '../core/types';
import type { StoredUtterance } from '../engine/engine-host';
import type { MeetingMarker } from '../storage/marker';
import { meetingToCsv } from './csv';
import { exportFilename } from './filename';
import type { ExportInclude } from './include';
import { meetingToJson } from './json';
import { pseudonymise } from './pseudonyms';
import { makeZip, type ZipEntry } from './zip';

export interface MeetingRecords {
  meeting: Meeting;
  subjects: MeetingSubject[];
  samples: Sample[];
  utterances: StoredUtterance[];
  markers: MeetingMarker[];
}

export interface ExportAllChoices {
  include: ExportInclude;
  pseudonyms: boolean;
}

/** The ZIP's entries: `<name>.json` and `<name>.csv` per meeting, oldest first. */
export function exportAllEntries(meetings: readonly MeetingRecords[], { include, pseudonyms }: ExportAllChoices): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const used = new Set<string>();
  for (const records of [...meetings].sort((a, b) => a.meeting.startedAt - b.meeting.startedAt)) {
    const { meeting, markers } = records;
    const named = pseudonyms ? pseudonymise(records) : records;
    let base = exportFilename(meeting, 'x').replace(/\.x$/, '');
    for (let n = 2; used.has(base); n++) base = `${exportFilename(meeting, 'x').replace(/\.x$/, '')}-${n}`;
    used.add(base);
    const modifiedAt = meeting.endedAt ?? meeting.lastSampleAt;
    entries.push(
      { name: `${base}.json`, data: meetingToJson(meeting, named.subjects, named.samples, include, named.utterances, markers), modifiedAt },
      { name: `${base}.csv`, data: meetingToCsv(meeting, named.subjects, named.samples, include, markers), modifiedAt },
    );
  }
  return entries;
}

export function exportAllZip(meetings: readonly MeetingRecords[], choices: ExportAllChoices): Uint8Array {
  return makeZip(exportAllEntries(meetings, choices));
}
