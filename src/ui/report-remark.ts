/**
 * The report's remark in plain language for one person: what was mostly on top, when the most
 * marked non-neutral expression peaked, and how often face and voice agreed. Pure, from the
 * summary the exports use (src/export/summary.ts).
 */
import { EMOTIONS, type Emotion } from '../core/emotions';
import type { MeetingSummary } from '../export/summary';
import { formatClock, formatPercent } from './format';
import { t } from './i18n';
import { emotionLabel } from './wording';

/** A peak worth naming: a non-neutral class whose probability reached at least this. */
export const PEAK_MIN = 0.5;

export interface RemarkParts {
  mostly: Emotion | null;
  peak: { emotion: Emotion; secondsIn: number } | null;
  agreement: number | null;
}

export function remarkParts(summary: MeetingSummary, startedAt: number): RemarkParts {
  let peak: RemarkParts['peak'] = null;
  let best = PEAK_MIN;
  for (const e of EMOTIONS) {
    const p = summary.peaks[e];
    if (e === 'neutral' || !p || p.value < best || e === summary.dominant) continue;
    best = p.value;
    peak = { emotion: e, secondsIn: Math.max(0, (p.t - startedAt) / 1000) };
  }
  return { mostly: summary.dominant, peak, agreement: summary.agreement.topClassAgreement };
}

/** "Mostly neutral. Happy peaks at 0:12. Face and voice agreed 78% of the time." */
export function remarkText(summary: MeetingSummary, startedAt: number): string {
  const parts = remarkParts(summary, startedAt);
  if (!parts.mostly) return t('report.remarkNone');
  const sentences = [t('report.remarkMostly', { emotion: emotionLabel(parts.mostly).toLowerCase() })];
  if (parts.peak) sentences.push(t('report.remarkPeak', { emotion: emotionLabel(parts.peak.emotion), time: formatClock(parts.peak.secondsIn) }));
  if (parts.agreement !== null) sentences.push(t('report.remarkAgree', { percent: formatPercent(parts.agreement) }));
  return sentences.join(' ');
}
