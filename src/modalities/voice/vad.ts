/**
 * Voice activity: a speech-presence score in [0, 1] for a window of frame features (features.ts),
 * so that no emotion is reported for silence or noise; the score also weights the fusion.
 *
 * Per frame: speech-band (300..3400 Hz, from the log-mel bands) energy above an adaptive noise
 * floor, an absolute level gate on the frame RMS, and a spectral flatness below that of white noise. Per window: the fraction of
 * speech-like frames, times a modulation term (speech energy varies by syllable; a steady tone or
 * hum does not). The noise floor follows the quiet frames: it drops at once to a quieter level and
 * rises slowly (about 3 dB/s), so stationary noise is learned as the floor within a second or two.
 */
import { FRAME_DIM, IDX_FLATNESS, IDX_LOG_RMS, VOICE_FEATURE_CONFIG } from './features';

export interface VadOptions {
  /** Frames this far (dB) above the noise floor count as loud enough. */
  marginDb: number;
  /** Frames below this level (dBFS of the Hann-windowed frame RMS) are never speech. */
  minLevelDb: number;
  /** Spectral flatness above which a frame looks like noise. */
  maxFlatness: number;
  /** Noise floor rise rate (dB per second) while no quieter frame is seen. */
  floorRiseDbPerSec: number;
  /** Fraction of speech-like frames that gives a full score. */
  fullFraction: number;
  /** Std of the frame levels (dB) below which the window counts as stationary (tone, hum). */
  minModulationDb: number;
  /** Score at or above which a window is treated as speech. */
  threshold: number;
}

export const DEFAULT_VAD_OPTIONS: VadOptions = {
  marginDb: 6,
  minLevelDb: -60,
  maxFlatness: 0.72,
  floorRiseDbPerSec: 3,
  fullFraction: 0.3,
  minModulationDb: 3,
  threshold: 0.5,
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const LN_TO_DB = 20 / Math.LN10;
/** Log-mel bands whose centres lie in 300..3400 Hz (40 bands over 0..8 kHz). */
const BAND_LO = 5;
const BAND_HI = 27;

export interface VadResult {
  /** Speech presence 0..1. */
  speech: number;
  /** True when speech >= threshold. */
  isSpeech: boolean;
  /** Current noise floor of the speech-band level (dB, log-mel power scale). */
  noiseFloorDb: number;
  /** Fraction of speech-like frames. */
  fraction: number;
  /** Std (dB) of the frame levels over the window (floored at the noise floor). */
  modulationDb: number;
}

export class VoiceActivityDetector {
  readonly opts: VadOptions;
  private floorDb = Number.POSITIVE_INFINITY;
  private lastFrame = -1;

  constructor(opts: Partial<VadOptions> = {}) {
    this.opts = { ...DEFAULT_VAD_OPTIONS, ...opts };
  }

  get noiseFloorDb(): number {
    return this.floorDb;
  }

  reset(): void {
    this.floorDb = Number.POSITIVE_INFINITY;
    this.lastFrame = -1;
  }

  /**
   * Scores a window of `nFrames` frame features ([nFrames, FRAME_DIM]). `endFrame` is the absolute
   * index of the window's last frame + 1 (for the noise-floor update between overlapping windows);
   * by default windows are taken as consecutive.
   */
  score(frames: Float32Array, nFrames: number, endFrame?: number): VadResult {
    const o = this.opts;
    const D = FRAME_DIM;
    const fps = VOICE_FEATURE_CONFIG.sampleRate / VOICE_FEATURE_CONFIG.hopSize;
    const end = endFrame ?? (this.lastFrame < 0 ? nFrames : this.lastFrame + nFrames);
    // frames not seen by the previous call (all of them for the first call or a new time base)
    const firstNew = this.lastFrame < 0 || end <= this.lastFrame ? 0 : Math.max(0, nFrames - (end - this.lastFrame));
    // Update the floor with the frames not seen before: drop to the 10th percentile of the new
    // frames' levels at once, rise slowly otherwise.
    // speech-band (300..3400 Hz) level from the log-mel bands, and the broadband RMS level
    const levels = new Float32Array(nFrames);
    const rmsDb = new Float32Array(nFrames);
    for (let f = 0; f < nFrames; f++) {
      let s = 0;
      for (let m = BAND_LO; m <= BAND_HI; m++) s += Math.exp(frames[f * D + m]);
      levels[f] = 10 * Math.log10(s + 1e-12);
      rmsDb[f] = frames[f * D + IDX_LOG_RMS] * LN_TO_DB;
    }
    const fresh = Array.from(levels.subarray(firstNew)).sort((a, b) => a - b);
    if (fresh.length) {
      const p10 = fresh[Math.floor(fresh.length * 0.1)];
      const rise = (o.floorRiseDbPerSec * fresh.length) / fps;
      this.floorDb = Math.min(Number.isFinite(this.floorDb) ? this.floorDb + rise : Number.POSITIVE_INFINITY, p10);
    }
    this.lastFrame = end;
    const floor = Math.max(this.floorDb, -100);
    let sum = 0;
    let m1 = 0;
    let m2 = 0;
    for (let f = 0; f < nFrames; f++) {
      const e = levels[f];
      const flat = frames[f * D + IDX_FLATNESS];
      const p =
        sigmoid((e - floor - o.marginDb) / 2) * sigmoid((rmsDb[f] - o.minLevelDb) / 2) * sigmoid((o.maxFlatness - flat) / 0.03);
      sum += p;
      const c = Math.max(e, floor);
      m1 += c;
      m2 += c * c;
    }
    const fraction = sum / Math.max(1, nFrames);
    // level modulation over the window (levels below the floor count as the floor)
    const mu = m1 / Math.max(1, nFrames);
    const modulationDb = Math.sqrt(Math.max(0, m2 / Math.max(1, nFrames) - mu * mu));
    const mod = sigmoid((modulationDb - o.minModulationDb) / 0.5);
    const speech = Math.min(1, fraction / o.fullFraction) * mod;
    return { speech, isSpeech: speech >= o.threshold, noiseFloorDb: floor, fraction, modulationDb };
  }
}
