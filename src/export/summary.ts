/**
 * What one subject of a meeting looked like overall: computed from its samples (not from the
 * stored counters) so an export is self-consistent even for a meeting cut short by a crash.
 */
import { jensenShannonDistance, toProbabilities } from '../fusion/probabilities';
import { argmax, EMOTIONS, NUM_EMOTIONS, type Emotion, type Probabilities } from '../core/emotions';
import { MODALITIES, type Meeting, type Modality, type Sample } from '../core/types';
import { subjectSampleSeconds } from '../storage/sample-duration';

export type PerEmotion<T> = Record<Emotion, T>;

export interface MeetingSummary {
  /** From start to end (or, for a meeting never ended, its last sample). */
  durationSeconds: number;
  sampleCount: number;
  /** Share of the analysed time each expression was the fused dominant one; sums to 1 (all 0 without fused samples). */
  timeShare: PerEmotion<number>;
  /** Time-weighted mean of the fused probabilities; sums to 1 (all 0 without fused samples). */
  meanProbabilities: PerEmotion<number>;
  /** The expression with the largest time share, or null without fused samples. */
  dominant: Emotion | null;
  /** Per class, when its fused probability was highest (first such time on ties). */
  peaks: PerEmotion<{ t: number; value: number } | null>;
  meanValence: number | null;
  meanArousal: number | null;
  /** Face against voice, over the samples where both had a reading. */
  agreement: {
    comparedSamples: number;
    /** Share of compared samples where both streams had the same top class. */
    topClassAgreement: number | null;
    /** Mean of 1 − Jensen–Shannon distance: 1 = identical distributions. */
    meanSimilarity: number | null;
  };
  /** Share of samples with a reading of each modality, and with a fused reading. */
  coverage: Record<Modality | 'fused', number>;
}

const perEmotion = <T>(make: (emotion: Emotion, index: number) => T): PerEmotion<T> =>
  Object.fromEntries(EMOTIONS.map((e, i) => [e, make(e, i)])) as PerEmotion<T>;

export function meetingEndMs(meeting: Meeting, samples: readonly Sample[]): number {
  if (meeting.endedAt !== null && Number.isFinite(meeting.endedAt)) return meeting.endedAt;
  const lastSample = samples.length ? samples[samples.length - 1].t : -Infinity;
  return Math.max(meeting.startedAt, meeting.lastSampleAt, lastSample);
}

/** `samples`: one subject's samples. */
export function summarizeSubject(meeting: Meeting, samples: readonly Sample[]): MeetingSummary {
  const ordered = [...samples].filter((s) => Number.isFinite(s.t)).sort((a, b) => a.t - b.t);
  const fused: { probs: Probabilities; t: number; seconds: number; sample: Sample }[] = [];
  let previousT: number | null = null;
  const counts: Record<Modality, number> = { face: 0, voice: 0, text: 0 };
  let compared = 0;
  let agreeing = 0;
  let similaritySum = 0;

  for (const s of ordered) {
    const seconds = subjectSampleSeconds(previousT, s.t);
    previousT = s.t;
    const face = toProbabilities(s.readings.face?.probs);
    const voice = toProbabilities(s.readings.voice?.probs);
    const fusedProbs = toProbabilities(s.fused?.probs);
    for (const m of MODALITIES) if (toProbabilities(s.readings[m]?.probs)) counts[m]++;
    if (fusedProbs) fused.push({ probs: fusedProbs, t: s.t, seconds, sample: s });
    if (face && voice) {
      compared++;
      if (argmax(face) === argmax(voice)) agreeing++;
      similaritySum += 1 - jensenShannonDistance(face, voice);
    }
  }

  // Time-weighted, but a meeting whose samples carry no elapsed time (one sample) still counts them.
  const totalSeconds = fused.reduce((sum, f) => sum + f.seconds, 0);
  const weightOf = (f: (typeof fused)[number]) => (totalSeconds > 0 ? f.seconds / totalSeconds : 1 / fused.length);

  const share = new Array<number>(NUM_EMOTIONS).fill(0);
  const mean = new Array<number>(NUM_EMOTIONS).fill(0);
  const peaks: ({ t: number; value: number } | null)[] = new Array(NUM_EMOTIONS).fill(null);
  let valenceSum = 0;
  let arousalSum = 0;
  let affectWeight = 0;
  for (const f of fused) {
    const w = weightOf(f);
    share[argmax(f.probs)] += w;
    f.probs.forEach((p, i) => {
      mean[i] += w * p;
      if (peaks[i] === null || p > peaks[i]!.value) peaks[i] = { t: f.t, value: p };
    });
    const { valence, arousal } = f.sample.fused ?? {};
    if (typeof valence === 'number' && Number.isFinite(valence) && typeof arousal === 'number' && Number.isFinite(arousal)) {
      valenceSum += w * valence;
      arousalSum += w * arousal;
      affectWeight += w;
    }
  }

  const n = ordered.length;
  return {
    durationSeconds: Math.max(0, (meetingEndMs(meeting, ordered) - meeting.startedAt) / 1000),
    sampleCount: n,
    timeShare: perEmotion((_, i) => share[i]),
    meanProbabilities: perEmotion((_, i) => mean[i]),
    dominant: fused.length ? EMOTIONS[argmax(share)] : null,
    peaks: perEmotion((_, i) => peaks[i]),
    meanValence: affectWeight > 0 ? valenceSum / affectWeight : null,
    meanArousal: affectWeight > 0 ? arousalSum / affectWeight : null,
    agreement: {
      comparedSamples: compared,
      topClassAgreement: compared ? agreeing / compared : null,
      meanSimilarity: compared ? similaritySum / compared : null,
    },
    coverage: {
      face: n ? counts.face / n : 0,
      voice: n ? counts.voice / n : 0,
      text: n ? counts.text / n : 0,
      fused: n ? fused.length / n : 0,
    },
  };
}
