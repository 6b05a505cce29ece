/**
 * One caption line -> a text reading. The words themselves go no further than this call: the
 * reading carries probabilities and a quality, never the text.
 */
import type { ModalityReading } from '../../core/types';
import type { TextModel } from './text-model';

/** Words from which an utterance says enough to be trusted fully (a short "ok" says little). */
export const FULL_QUALITY_WORDS = 6;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w)).length;
}

export function readUtterance(model: TextModel, text: string, tMedia: number): ModalityReading {
  const words = wordCount(text);
  if (words === 0) return { modality: 'text', state: 'silence', probs: null, quality: 0, tMedia };
  const [probs] = model.predict([text]);
  return { modality: 'text', state: 'ok', probs: Array.from(probs), quality: Math.min(1, words / FULL_QUALITY_WORDS), tMedia };
}

/**
 * Is the caption's speaker the user? Sites label the user's own captions with "You" in the UI
 * language. A line with no name is nobody's: it is not attributed to the user.
 */
const SELF_NAMES = new Set(['you', 'tú', 'tu', 'usted', 'vous', 'toi', 'du', 'sie', 'voi', 'você', 'jij', 'ty', 'вы', 'ты', 'あなた', '你', '您']);

export function isSelfSpeaker(speaker: string | null): boolean {
  if (speaker === null || speaker.trim() === '') return false;
  const name = speaker.trim().toLowerCase().replace(/\s*\(.*\)$/, '');
  return SELF_NAMES.has(name);
}
