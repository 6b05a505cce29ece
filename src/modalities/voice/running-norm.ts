/**
 * Speaker / channel normalisation by running statistics of the stream so far.
 *
 * At run time one stream is one speaker (the user's microphone) or one mix (the remote side of a
 * call): its per-feature mean and variance over the speech-like frames heard so far describe the
 * voice and the channel (microphone, room, codec, gain), and the model sees the features relative to
 * them. The training does the same with per-speaker statistics (models/voice/train.py,
 * `speaker_norm_stats`, identical formula).
 *
 * Warm-up: the running sums are shrunk towards the training prior with a weight of `priorFrames`
 * frames, so with n counted frames
 *   mean = (S + n0 * mu0) / (n + n0)
 *   var  = (SS + n0 * (var0 + mu0^2)) / (n + n0) - mean^2,   floored at 1e-4 + 0.01 * var0
 * (n = 0: the prior; n = n0: half prior, half stream; n >> n0: the stream). Memory: once n reaches
 * `maxFrames`, each new frame first scales S, SS and n by (maxFrames - 1) / maxFrames, so the
 * statistics follow a change of microphone or speaker within about maxFrames frames.
 * A frame counts only if it looks like speech: ln RMS above `minLogRms` and spectral flatness
 * below `maxFlatness` (silence and hiss do not pull the statistics).
 */
import { FRAME_DIM, IDX_FLATNESS, IDX_LOG_RMS } from './features';

export interface SpeakerNormConfig {
  /** [start, end): normalised feature dims. */
  dims: [number, number];
  /** Prior mean / variance of those dims (training speech frames), length end - start. */
  priorMean: number[];
  priorVar: number[];
  /** Warm-up: weight of the prior, in frames (50 frames = 1 s). */
  priorFrames: number;
  /** Memory cap in frames. */
  maxFrames: number;
  /** A frame counts when ln(RMS) > minLogRms ... */
  minLogRms: number;
  /** ... and spectral flatness < maxFlatness. */
  maxFlatness: number;
}

export interface NormStats {
  /** Full-width (FRAME_DIM) mean and 1/std; dims outside `dims` have mean 0 and invStd 1. */
  mean: Float32Array;
  invStd: Float32Array;
}

export function isStatFrame(cfg: SpeakerNormConfig, frames: Float32Array, offset: number): boolean {
  return frames[offset + IDX_LOG_RMS] > cfg.minLogRms && frames[offset + IDX_FLATNESS] < cfg.maxFlatness;
}

/** The shrinkage formula on raw sums (exported for tests; the class uses it). */
export function normFromSums(cfg: SpeakerNormConfig, S: Float64Array, SS: Float64Array, n: number, D = FRAME_DIM): NormStats {
  const [a, b] = cfg.dims;
  const mean = new Float32Array(D);
  const invStd = new Float32Array(D).fill(1);
  const n0 = cfg.priorFrames;
  for (let d = a; d < b; d++) {
    const mu0 = cfg.priorMean[d - a];
    const v0 = cfg.priorVar[d - a];
    const m = (S[d - a] + n0 * mu0) / (n + n0);
    const v = (SS[d - a] + n0 * (v0 + mu0 * mu0)) / (n + n0) - m * m;
    mean[d] = m;
    invStd[d] = 1 / Math.sqrt(Math.max(v, 1e-4 + 0.01 * v0));
  }
  return { mean, invStd };
}

export class RunningNorm {
  private S: Float64Array;
  private SS: Float64Array;
  /** Counted (speech-like) frames, after the memory cap. */
  n = 0;
  /** All frames offered. */
  seen = 0;

  constructor(readonly cfg: SpeakerNormConfig, private readonly D = FRAME_DIM) {
    const w = cfg.dims[1] - cfg.dims[0];
    if (cfg.priorMean.length !== w || cfg.priorVar.length !== w) throw new Error('speaker norm: prior length differs from dims');
    this.S = new Float64Array(w);
    this.SS = new Float64Array(w);
  }

  /** Adds `nFrames` frames (row-major [nFrames, D]) starting at frame `from` of `frames`. */
  push(frames: Float32Array, nFrames: number, from = 0): void {
    const [a, b] = this.cfg.dims;
    const cap = this.cfg.maxFrames;
    for (let f = from; f < from + nFrames; f++) {
      const o = f * this.D;
      this.seen++;
      if (!isStatFrame(this.cfg, frames, o)) continue;
      if (this.n >= cap) {
        const k = (cap - 1) / cap;
        this.n *= k;
        for (let d = 0; d < b - a; d++) {
          this.S[d] *= k;
          this.SS[d] *= k;
        }
      }
      for (let d = a; d < b; d++) {
        const v = frames[o + d];
        this.S[d - a] += v;
        this.SS[d - a] += v * v;
      }
      this.n++;
    }
  }

  /** True once the stream weighs as much as the prior (n >= priorFrames). */
  get warm(): boolean {
    return this.n >= this.cfg.priorFrames;
  }

  stats(): NormStats {
    return normFromSums(this.cfg, this.S, this.SS, this.n, this.D);
  }

  reset(): void {
    this.S.fill(0);
    this.SS.fill(0);
    this.n = 0;
    this.seen = 0;
  }
}
