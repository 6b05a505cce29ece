/**
 * Run-time signal quality of the voice input: clipping and a speech-to-noise estimate per window,
 * and a 0..1 quality weight for fusion. An overdriven microphone (gain too high, speech boosted
 * 30 dB) flattens the waveform at full scale; the spectrum then fills with harmonics that read as
 * anger, so such windows are flagged ("audio clipping") and down-weighted rather than trusted.
 */
import { FRAME_DIM } from './features';

export interface SignalQualityOptions {
  /** |sample| at or above this counts as clipped (full scale = 1; the capture worklet's low-pass smears flat tops slightly). */
  clipLevel: number;
  /** Fraction of clipped samples in the window from which the window is flagged as clipping. */
  clipFraction: number;
  /** Speech-to-noise ratio (dB) below which the window is flagged as low SNR. */
  lowSnrDb: number;
}

export const DEFAULT_SIGNAL_QUALITY: SignalQualityOptions = {
  clipLevel: 0.95,
  clipFraction: 0.002,
  lowSnrDb: 10,
};

/** Counts clipped samples per block of `blockSize` samples over a ring of the last `blocks` blocks. */
export class ClipMeter {
  private readonly clipped: Int32Array;
  private readonly total: Int32Array;
  private cur = 0;
  private filled = 0;

  constructor(readonly blocks: number, readonly level = DEFAULT_SIGNAL_QUALITY.clipLevel) {
    this.clipped = new Int32Array(blocks);
    this.total = new Int32Array(blocks);
  }

  /** Adds samples to the current block. */
  push(samples: Float32Array): void {
    let c = 0;
    for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]) >= this.level) c++;
    this.clipped[this.cur] += c;
    this.total[this.cur] += samples.length;
  }

  /** Closes the current block and starts the next one (call once per feature frame hop). */
  nextBlock(): void {
    this.cur = (this.cur + 1) % this.blocks;
    this.clipped[this.cur] = 0;
    this.total[this.cur] = 0;
    this.filled = Math.min(this.blocks, this.filled + 1);
  }

  /** Fraction of clipped samples over the ring (the last `blocks` blocks). */
  fraction(): number {
    let c = 0;
    let t = 0;
    for (let i = 0; i < this.blocks; i++) {
      c += this.clipped[i];
      t += this.total[i];
    }
    return t ? c / t : 0;
  }

  reset(): void {
    this.clipped.fill(0);
    this.total.fill(0);
    this.cur = 0;
    this.filled = 0;
  }
}

/** Fraction of samples of a whole signal at or above the clip level (offline use, e.g. eval-voice). */
export function clipFractionOf(x: Float32Array, level = DEFAULT_SIGNAL_QUALITY.clipLevel): number {
  let c = 0;
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i]) >= level) c++;
  return x.length ? c / x.length : 0;
}

const BAND_LO = 5;
const BAND_HI = 27;

/**
 * Speech-to-noise estimate of a window (dB): the 90th percentile of its frames' speech-band
 * (300..3400 Hz) levels minus the VAD's noise floor on the same scale (VadResult.noiseFloorDb).
 * Clamped to [-10, 60].
 */
export function windowSnrDb(frames: Float32Array, nFrames: number, noiseFloorDb: number): number {
  const lv = new Float64Array(nFrames);
  for (let f = 0; f < nFrames; f++) {
    let s = 0;
    for (let m = BAND_LO; m <= BAND_HI; m++) s += Math.exp(frames[f * FRAME_DIM + m]);
    lv[f] = 10 * Math.log10(s + 1e-12);
  }
  lv.sort();
  const p90 = lv[Math.min(nFrames - 1, Math.floor(nFrames * 0.9))];
  const floor = Number.isFinite(noiseFloorDb) ? noiseFloorDb : -100;
  return Math.max(-10, Math.min(60, p90 - floor));
}

/**
 * Fusion weight 0..1 for the voice reading of a window: 0.1 when clipping; otherwise a ramp on
 * the SNR from 0.2 at 3 dB to 1 at 20 dB. Multiply with the speech score.
 */
export function voiceQuality(clipping: boolean, snrDb: number): number {
  if (clipping) return 0.1;
  const r = (snrDb - 3) / (20 - 3);
  return Math.max(0.2, Math.min(1, 0.2 + 0.8 * r));
}
