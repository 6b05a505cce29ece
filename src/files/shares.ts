/**
 * The summary of a file's analysis (the `npm run analyse` JSON and the page's result line): per
 * subject the share of analysed time each expression was the fused dominant one, and the same over
 * all subjects together. Built on the export summary, so the numbers match the meeting's exports.
 */
import { EMOTIONS, type Emotion } from '../core/emotions';
import type { Meeting, MeetingSubject, Sample } from '../core/types';
import { summarizeSubject } from '../export/summary';

export interface SubjectShares {
  id: string;
  label: string;
  samples: number;
  dominant: Emotion | null;
  shares: Record<Emotion, number>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function fileShares(meeting: Meeting, subjects: readonly Pick<MeetingSubject, 'id' | 'label'>[], samples: readonly Sample[]) {
  const perSubject: SubjectShares[] = subjects.map((s) => {
    const own = samples.filter((x) => x.subjectId === s.id).sort((a, b) => a.t - b.t);
    // a person who appears late is counted from their first second, not from the file's start
    const from = own.length ? Math.max(meeting.startedAt, own[0].t - 1000) : meeting.startedAt;
    const summary = summarizeSubject({ ...meeting, startedAt: from }, own);
    return {
      id: s.id,
      label: s.label ?? s.id,
      samples: own.length,
      dominant: summary.dominant,
      shares: Object.fromEntries(EMOTIONS.map((e) => [e, round(summary.timeShare[e])])) as Record<Emotion, number>,
    };
  });
  // all subjects together, each weighted by its samples (a second of one person counts as much as a second of another)
  const total = perSubject.reduce((n, s) => n + (s.dominant ? s.samples : 0), 0);
  const shares = Object.fromEntries(
    EMOTIONS.map((e) => [e, total ? round(perSubject.reduce((a, s) => a + (s.dominant ? s.shares[e] * s.samples : 0), 0) / total) : 0]),
  ) as Record<Emotion, number>;
  return { subjects: perSubject, shares };
}
