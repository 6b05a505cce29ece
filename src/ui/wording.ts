/**
 * Words that fit what is measured, in one place: the model sees an *apparent* expression, not a
 * feeling, and its confidence is said in words as well as a number. Every surface (badge, popup,
 * report) takes its phrasing from here, so "confidence" means one thing everywhere.
 */
import type { Emotion } from '../core/emotions';
import { formatPercent } from './format';
import { t } from './i18n';

/**
 * Confidence, the one definition: the fused reading's top probability times how far its inputs
 * could be trusted (face seen clearly, speech heard; src/fusion/fusion-engine.ts). 0..1.
 * Seven classes share the probability, so an even spread is ~0.14 and anything under LOW_BELOW
 * is close to a guess.
 */
export const CONFIDENCE_THRESHOLDS = {
  /** Below this: low. */
  moderate: 0.4,
  /** From this: clear. */
  clear: 0.65,
} as const;

export type ConfidenceLevel = 'low' | 'moderate' | 'clear';
export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = ['low', 'moderate', 'clear'];

export function confidenceLevel(confidence: number): ConfidenceLevel {
  if (!Number.isFinite(confidence) || confidence < CONFIDENCE_THRESHOLDS.moderate) return 'low';
  return confidence < CONFIDENCE_THRESHOLDS.clear ? 'moderate' : 'clear';
}

/** "moderate confidence (52%)". */
export function confidenceWords(confidence: number): string {
  return t('confidence.words', { level: confidenceLevelWord(confidenceLevel(confidence)), percent: formatPercent(confidence) });
}

export function confidenceLevelWord(level: ConfidenceLevel): string {
  return t(`confidence.level.${level}`);
}

/** The one-line definition of confidence, with its thresholds, for a tooltip or "what is this?". */
export function confidenceExplanation(): string {
  return t('confidence.explain', {
    moderate: formatPercent(CONFIDENCE_THRESHOLDS.moderate),
    clear: formatPercent(CONFIDENCE_THRESHOLDS.clear),
  });
}

/** The class's name, e.g. "Happy" (a bar label, a legend). */
export function emotionLabel(emotion: Emotion): string {
  return t(`emotion.${emotion}.label`);
}

/** One letter, e.g. "H": under the badge's bars, where a name does not fit. */
export function emotionInitial(emotion: Emotion): string {
  return t(`emotion.${emotion}.initial`);
}

/** The headline phrase, e.g. "looks happy": what is seen, not what is felt. */
export function looksPhrase(emotion: Emotion): string {
  return t(`emotion.${emotion}.looks`);
}

/** Figures a user meets in the summaries, each with its name and one-line explanation. */
export type Figure = 'valence' | 'arousal' | 'readings' | 'mostly' | 'duration' | 'timeShare';

export function figureName(figure: Figure | 'agreement'): string {
  return t(`figure.${figure}.name`);
}

export function figureExplanation(figure: Figure): string {
  return t(`figure.${figure}.explain`);
}

/** Face ↔ voice agreement's explanation names how many seconds were compared. */
export function agreementExplanation(comparedSeconds: number): string {
  return t('figure.agreement.explain', { count: String(comparedSeconds) });
}
