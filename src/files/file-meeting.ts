/**
 * A file's analysis as a meeting of kind `file` in the same history as calls: created when the
 * analysis starts, filled as samples come, ended at the media time analysed (so its duration is
 * the file's, or the part analysed before a cancel).
 */
import { NUM_EMOTIONS } from '../core/emotions';
import type { Meeting } from '../core/types';
import { createMeeting, endMeeting } from '../storage/meetings';

export function fileMeeting(id: string, fileName: string, startedAt: number): Meeting {
  return {
    id,
    kind: 'file',
    site: 'file',
    title: fileName.slice(0, 200),
    url: '',
    startedAt,
    lastSampleAt: startedAt,
    endedAt: null,
    sampleCount: 0,
    dominantSeconds: new Array<number>(NUM_EMOTIONS).fill(0),
    othersAnalysed: false,
  };
}

export async function startFileMeeting(fileName: string, startedAt = Date.now()): Promise<Meeting> {
  return createMeeting(fileMeeting(`file-${startedAt}-${Math.random().toString(36).slice(2, 8)}`, fileName, startedAt));
}

/** Ends the meeting `analysedSeconds` of media after its start. */
export async function endFileMeeting(meeting: Meeting, analysedSeconds: number): Promise<Meeting | null> {
  return endMeeting(meeting.id, meeting.startedAt + Math.max(0, analysedSeconds) * 1000);
}
