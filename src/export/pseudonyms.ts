/**
 * Exports without names: every subject but the user becomes "Participant N" (in the order they
 * appeared), with an id that says nothing about them; samples and words follow the new ids.
 */
import type { MeetingSubject, Sample } from '../core/types';
import type { StoredUtterance } from '../engine/engine-host';

export interface ExportRecords {
  subjects: readonly MeetingSubject[];
  samples: readonly Sample[];
  utterances: readonly StoredUtterance[];
}

export function pseudonymise({ subjects, samples, utterances }: ExportRecords): ExportRecords {
  const ids = new Map<string, string>();
  let n = 0;
  const renamed = subjects.map((s) => {
    if (s.kind === 'self') return s;
    n += 1;
    ids.set(s.id, `participant-${n}`);
    return { ...s, id: `participant-${n}`, label: `Participant ${n}` };
  });
  const idOf = (id: string) => ids.get(id) ?? id;
  return {
    subjects: renamed,
    samples: samples.map((s) => (ids.has(s.subjectId) ? { ...s, subjectId: idOf(s.subjectId) } : s)),
    utterances: utterances.map((u) => (ids.has(u.subjectId) ? { ...u, subjectId: idOf(u.subjectId) } : u)),
  };
}
