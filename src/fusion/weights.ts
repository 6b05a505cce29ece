/**
 * How much each stream is trusted for one reading. A stream's weight is its base weight times
 * its input quality (can the model see/hear what it needs?) times its own certainty (how peaked
 * its probabilities are). A stream that is off, failing or garbage gets exactly 0.
 */
import type { FaceReading, VoiceReading } from '../core/types';
import type { Probabilities } from '../core/emotions';
import { clamp01, normalizedEntropy, toProbabilities } from './probabilities';

export interface StreamPair<T> {
  face: T;
  voice: T;
}

/** The seeds' weighted sum: the face model is the more accurate of the two on its own. */
export const DEFAULT_BASE_WEIGHTS: Readonly<StreamPair<number>> = Object.freeze({ face: 0.6, voice: 0.4 });

/** Face height / frame height from which the face model sees enough detail (~48 px of a 320 px frame). */
export const FULL_QUALITY_FACE_SIZE = 0.15;

/**
 * Floor of the certainty factor: a flat but valid distribution still carries information
 * (e.g. "not happy"), so uncertainty lowers a stream's weight without silencing it.
 */
const MIN_CERTAINTY_FACTOR = 0.1;

export function faceQuality(face: FaceReading): number {
  const sizeFactor = clamp01(face.faceSize / FULL_QUALITY_FACE_SIZE);
  return clamp01(face.detectionScore) * sizeFactor;
}

export function voiceQuality(voice: VoiceReading): number {
  return clamp01(voice.speech);
}

/** 1 − normalised entropy, floored: 1 for a one-hot vector, MIN_CERTAINTY_FACTOR for a uniform one. */
export function certaintyFactor(probs: Probabilities): number {
  return MIN_CERTAINTY_FACTOR + (1 - MIN_CERTAINTY_FACTOR) * (1 - normalizedEntropy(probs));
}

export interface StreamWeights {
  /** Normalised weights summing to 1, or both 0 when no stream is usable. */
  weights: StreamPair<number>;
  /** The streams' probabilities, normalised; null where the stream is not usable. */
  probs: StreamPair<Probabilities | null>;
  /** Input quality per stream, 0..1 (0 where unusable). */
  quality: StreamPair<number>;
  /** How far the fused reading can be trusted: the weight-averaged quality of the streams, 0..1. */
  trust: number;
}

function usableProbs(reading: FaceReading | VoiceReading | null | undefined): Probabilities | null {
  if (!reading || reading.state !== 'ok') return null;
  return toProbabilities(reading.probs);
}

function validBase(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function streamWeights(
  face: FaceReading | null | undefined,
  voice: VoiceReading | null | undefined,
  baseWeights: Partial<StreamPair<number>> = DEFAULT_BASE_WEIGHTS,
): StreamWeights {
  const base = {
    face: validBase(baseWeights.face, DEFAULT_BASE_WEIGHTS.face),
    voice: validBase(baseWeights.voice, DEFAULT_BASE_WEIGHTS.voice),
  };
  const faceProbs = usableProbs(face);
  const voiceProbs = usableProbs(voice);
  const quality = {
    face: faceProbs && face ? faceQuality(face) : 0,
    voice: voiceProbs && voice ? voiceQuality(voice) : 0,
  };
  const raw = {
    face: faceProbs ? base.face * quality.face * certaintyFactor(faceProbs) : 0,
    voice: voiceProbs ? base.voice * quality.voice * certaintyFactor(voiceProbs) : 0,
  };
  const total = raw.face + raw.voice;
  if (!(total > 0)) {
    return { weights: { face: 0, voice: 0 }, probs: { face: null, voice: null }, quality, trust: 0 };
  }
  const weights = { face: raw.face / total, voice: raw.voice / total };
  return {
    weights,
    probs: { face: weights.face > 0 ? faceProbs : null, voice: weights.voice > 0 ? voiceProbs : null },
    quality,
    trust: clamp01(weights.face * quality.face + weights.voice * quality.voice),
  };
}
