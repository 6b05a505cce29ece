/**
 * Voice activity: a speech-presence score in [0, 1] for a window of frame features (features.ts),
 * so that no emotion is reported for silence or noise; the score also weights the fusion.
 *
 * Per frame: energy above an adaptive noise floor, an absolute level gate, and a low spectral
 * flatness (harmonic / formant structure rather than noise). Per window: the fraction of
 * speech-like frames, times a modulation term (speech energy varies by syllable; a steady tone or
 * hum does not). The noise floor follows the quiet frames: it drops at once to a quieter level and
 * rises slowly (about 3 dB/s), so stationary noise is learned as the floor within a second or two.
 */
import { FRAME_DIM, IDX_FLATNESS, IDX_LOG_RMS, VOICE_FEATURE_CONFIG } from './features';

export interface VadOptions {
  /** Frames this far (dB) above the noise floor count as loud enough. */
  marginDb: number;
  /** Frames below this level (dBFS of the windowed frame RMS) are never speech. */
  minLevelDb: number;
  /** Spectral flatness above which a frame looks like noise. */
  maxFlatness: number;
  /** Noise floor rise rate (dB per second) while no quieter frame is seen. */
  floorRiseDbPerSec: number;
  /** Fraction of speech-like frames that gives a full score. */
  fullFraction: number;
  /** Std of speech-frame levels (dB) below which the window counts as stationary (tone, hum). */
  minModulationDb: number;
  /** Score at or above which a window is treated as speech. */
  threshold: number;
}

export const DEFAULT_VAD_OPTIONS: VadOptions = {
  marginDb: 9,
  minLevelDb: -60,
  maxFlatness: 0.4,
  floorRiseDbPerSec: 3,
  fullFraction: 0.3,
  minModulationDb: 2.5,
  threshold: 0.5,
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const LN_TO_DB = 20 / Math.LN10;

export interface VadResult {
  /** Speech presence 0..1. */
  speech: number;
  /** True when speech >= threshold. */
  isSpeech: boolean;
  /** Current noise floor (dBFS). */
  noiseFloorDb: number;
  /** Fraction of speech-like frames. */
  fraction: number;
  /** Std (dB) of the levels of the loud frames. */
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
    const firstNew = this.lastFrame < 0 ? 0 : Math.max(0, nFrames - (end - this.lastFrame));
    // Update the floor with the frames not seen before: drop to the 10th percentile of the new
    // frames' levels at once, rise slowly otherwise.
    const levels = new Float32Array(nFrames);
    for (let f = 0; f < nFrames; f++) levels[f] = frames[f * D + IDX_LOG_RMS] * LN_TO_DB;
    const fresh = Array.from(levels.subarray(firstNew)).sort((a, b) => a - b);
    if (fresh.length) {
      const p10 = fresh[Math.floor(fresh.length * 0.1)];
      const rise = (o.floorRiseDbPerSec * fresh.length) / fps;
      this.floorDb = Math.min(Number.isFinite(this.floorDb) ? this.floorDb + rise : Number.POSITIVE_INFINITY, p10);
    }
    this.lastFrame = end;
    const floor = Math.max(this.floorDb, -100);
    let sum = 0;
    const loud: number[] = [];
    for (let f = 0; f < nFrames; f++) {
      const e = levels[f];
      const flat = frames[f * D + IDX_FLATNESS];
      const p =
        sigmoid((e - floor - o.marginDb) / 2) * sigmoid((e - o.minLevelDb) / 2) * sigmoid((o.maxFlatness - flat) / 0.05);
      sum += p;
      if (p > 0.5) loud.push(e);
    }
    const fraction = sum / Math.max(1, nFrames);
    let modulationDb = 0;
    if (loud.length > 1) {
      const m = loud.reduce((a, b) => a + b, 0) / loud.length;
      modulationDb = Math.sqrt(loud.reduce((a, b) => a + (b - m) * (b - m), 0) / loud.length);
    }
    const mod = sigmoid((modulationDb - o.minModulationDb) / 0.5);
    const speech = Math.min(1, fraction / o.fullFraction) * mod;
    return { speech, isSpeech: speech >= o.threshold, noiseFloorDb: floor, fraction, modulationDb };
  }
}
