/**
 * Label maps between the project's seven classes (EMOTIONS order: angry, disgust, fear, happy,
 * sad, surprise, neutral) and the datasets / peer models the face model is compared with.
 */
import { EMOTIONS } from '../../core/emotions';

/** FER+ vote columns (microsoft/FERPlus fer2013new.csv), after Usage and Image name. */
export const FERPLUS_COLUMNS = ['neutral', 'happiness', 'surprise', 'sadness', 'anger', 'disgust', 'fear', 'contempt', 'unknown', 'NF'] as const;
/** For each of our classes, its FER+ column index. */
export const FERPLUS_TO_OURS = [4, 5, 6, 1, 3, 2, 0] as const;

/**
 * FER+ majority label in our class order, or -1 when the plurality of the ten votes is contempt,
 * unknown or not-a-face, or is tied (same rule as models/face/facenet.py ferplus_majority).
 */
export function ferplusMajority(votes: ArrayLike<number>): number {
  if (votes.length !== FERPLUS_COLUMNS.length) throw new Error(`expected ${FERPLUS_COLUMNS.length} vote columns, got ${votes.length}`);
  let top = -1; let arg = -1; let ties = 0;
  for (let j = 0; j < votes.length; j++) {
    if (votes[j] > top) { top = votes[j]; arg = j; ties = 1; } else if (votes[j] === top) ties++;
  }
  if (top <= 0 || ties > 1) return -1;
  return (FERPLUS_TO_OURS as readonly number[]).indexOf(arg);
}

/** @vladmandic/face-api FaceExpressionNet output order. */
export const FACEAPI_LABELS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;
const FACEAPI_FOR_OURS = ['angry', 'disgusted', 'fearful', 'happy', 'sad', 'surprised', 'neutral'] as const;

/** Reorders face-api probabilities into EMOTIONS order. */
export function faceapiToOurs(p: ArrayLike<number>): Float32Array {
  if (p.length !== 7) throw new Error(`expected 7 values, got ${p.length}`);
  return Float32Array.from(FACEAPI_FOR_OURS.map((k) => p[(FACEAPI_LABELS as readonly string[]).indexOf(k)]));
}

/** Class index for a label name (ours or common synonyms) or digit 0..6; -1 if unknown. */
export function labelIndex(label: string): number {
  const l = label.trim().toLowerCase();
  const alias: Record<string, string> = { anger: 'angry', disgusted: 'disgust', fearful: 'fear', happiness: 'happy', sadness: 'sad', surprised: 'surprise' };
  const idx = (EMOTIONS as readonly string[]).indexOf(alias[l] ?? l);
  if (idx >= 0) return idx;
  if (/^\d$/.test(l) && Number(l) < 7) return Number(l);
  return -1;
}
