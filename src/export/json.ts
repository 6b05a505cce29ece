/** A meeting as one self-describing JSON document: the meeting, then one block per subject. */
import type { Meeting, MeetingSubject, Sample } from '../core/types';
import type { StoredUtterance } from '../engine/engine-host';
import type { MeetingMarker } from '../storage/marker';
import { filterMeeting, filterSample, filterSummary, type ExportInclude } from './include';
import { summarizeSubject } from './summary';

export const JSON_EXPORT_FORMAT = 'emotion-overlay/meeting';
export const JSON_EXPORT_VERSION = 2;

/**
 * `samples`: all subjects' samples of the meeting; `subjects` gives their order and names.
 * `utterances`: the captions' words, which exist only if the user chose to keep them; exported
 * with the text stream. `markers`: the user's markers and notes, exported when `include.markers`.
 */
export function meetingToJson(
  meeting: Meeting,
  subjects: readonly MeetingSubject[],
  samples: readonly Sample[],
  include: ExportInclude,
  utterances: readonly StoredUtterance[] = [],
  markers: readonly MeetingMarker[] = [],
): string {
  const ordered = [...samples].sort((a, b) => a.t - b.t);
  return JSON.stringify(
    {
      format: JSON_EXPORT_FORMAT,
      version: JSON_EXPORT_VERSION,
      include: { ...include },
      meeting: filterMeeting(meeting, include),
      subjects: subjects.map((subject) => {
        const own = ordered.filter((s) => s.subjectId === subject.id);
        const words = include.text ? utterances.filter((u) => u.subjectId === subject.id).map(({ t, text }) => ({ t, text })) : [];
        return {
          subject: { id: subject.id, kind: subject.kind, ...(subject.label ? { label: subject.label } : {}) },
          summary: filterSummary(summarizeSubject(meeting, own), include),
          samples: own.map((s) => filterSample(s, include)),
          ...(words.length ? { utterances: words } : {}),
        };
      }),
      ...(include.markers ? { markers: [...markers].sort((a, b) => a.t - b.t).map(({ t, tMedia, note }) => ({ t, tMedia, note })) } : {}),
    },
    null,
    2,
  );
}
