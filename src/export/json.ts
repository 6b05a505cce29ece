/** A meeting as one self-describing JSON document. */
import type { Meeting, Sample } from '../core/types';
import { filterMeeting, filterSample, filterSummary, type ExportInclude } from './include';
import { summarizeMeeting } from './summary';

export const JSON_EXPORT_FORMAT = 'emotion-overlay/meeting';
export const JSON_EXPORT_VERSION = 1;

export function meetingToJson(meeting: Meeting, samples: readonly Sample[], include: ExportInclude): string {
  const ordered = [...samples].sort((a, b) => a.t - b.t);
  return JSON.stringify(
    {
      format: JSON_EXPORT_FORMAT,
      version: JSON_EXPORT_VERSION,
      include: { ...include },
      meeting: filterMeeting(meeting, include),
      summary: filterSummary(summarizeMeeting(meeting, ordered), include),
      samples: ordered.map((s) => filterSample(s, include)),
    },
    null,
    2,
  );
}
