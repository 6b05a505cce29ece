import type { MeetingRecords } from '../export/export-all';
import { getMarkers, getMeeting, getSamples, getSubjects, getUtterances, listMeetings } from './meetings';

/** Everything stored of one meeting, or null if it is gone. */
export async function meetingRecords(id: string): Promise<MeetingRecords | null> {
  const [meeting, subjects, samples, utterances, markers] = await Promise.all([getMeeting(id), getSubjects(id), getSamples(id), getUtterances(id), getMarkers(id)]);
  return meeting ? { meeting, subjects, samples, utterances, markers } : null;
}

/** Every stored meeting's records, newest first. */
export async function allMeetingRecords(): Promise<MeetingRecords[]> {
  const all: MeetingRecords[] = [];
  for (const m of await listMeetings()) {
    const records = await meetingRecords(m.id);
    if (records) all.push(records);
  }
  return all;
}
