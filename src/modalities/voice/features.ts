/**
 * Voice features: one implementation for the extension runtime (offscreen document) and for the
 * training-data extraction in Node, so training and inference cannot drift apart.
 *
 * 16 kHz mono audio is cut into frames of 512 samples (32 ms, Hann window) every 320 samples
 * (20 ms, 50 frames/s). The amplitude spectrum is computed once per frame (meyda's Hann window, then
 * a precomputed-twiddle radix-2 FFT: numerically the same spectrum as Meyda.extract('amplitudeSpectrum')
 * -- a test checks it -- at a quarter of the cost of meyda's allocating fftjs); meyda's extractors
 * (RMS, ZCR, spectral flatness, spectral centroid) run on that spectrum and windowed signal, and
 * meyda's mel and chroma filter banks are applied sparsely (meyda's dense melBands/mfcc/chroma
 * extractors cost 4x more per frame). Per frame (FRAME_DIM = 76):
 *   [0, 40)  log mel power, ln(mel + 1e-4)
 *   [40, 60) MFCC 0..19 (orthonormal DCT-II of the log mel)
 *   60       ln(RMS + 1e-5) of the windowed frame
 *   61       zero-crossing rate (crossings per sample)
 *   [62, 74) chroma (12 bins, max-normalised as meyda does)
 *   74       spectral flatness (1 for an all-zero frame)
 *   75       spectral centroid / (frameSize / 2)
 * A model window is WINDOW_FRAMES consecutive frames (2.0 s); deltas are left to the model's first
 * temporal convolution (a 5-tap kernel spans the usual +-2 frame delta regression).
 */
import MeydaImport from 'meyda';

// meyda's node build is CommonJS (module.exports = Meyda); its web build sets a default export.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const Meyda: any = (MeydaImport as any).default ?? MeydaImport;

export interface VoiceFeatureConfig {
  sampleRate: number;
  frameSize: number;
  hopSize: number;
  melBands: number;
  mfccCoefficients: number;
  chromaBands: number;
  windowFrames: number;
  frameDim: number;
  logMelEps: number;
  logRmsEps: number;
  layout: Record<string, [number, number]>;
}

export const VOICE_FEATURE_CONFIG: VoiceFeatureConfig = {
  sampleRate: 16000,
  frameSize: 512,
  hopSize: 320,
  melBands: 40,
  mfccCoefficients: 20,
  chromaBands: 12,
  windowFrames: 100,
  frameDim: 76,
  logMelEps: 1e-4,
  logRmsEps: 1e-5,
  layout: {
    logMel: [0, 40],
    mfcc: [40, 60],
    logRms: [60, 61],
    zcr: [61, 62],
    chroma: [62, 74],
    flatness: [74, 75],
    centroid: [75, 76],
  },
};

export const FRAME_DIM = VOICE_FEATURE_CONFIG.frameDim;
export const IDX_LOG_RMS = 60;
export const IDX_ZCR = 61;
export const IDX_FLATNESS = 74;
export const IDX_CENTROID = 75;

/** Samples covered by a window of `frames` frames. */
export function samplesForFrames(frames: number, cfg: VoiceFeatureConfig = VOICE_FEATURE_CONFIG): number {
  return frames <= 0 ? 0 : (frames - 1) * cfg.hopSize + cfg.frameSize;
}

/** Number of complete frames in `samples` samples. */
export function frameCount(samples: number, cfg: VoiceFeatureConfig = VOICE_FEATURE_CONFIG): number {
  return samples < cfg.frameSize ? 0 : Math.floor((samples - cfg.frameSize) / cfg.hopSize) + 1;
}

interface SparseBank {
  start: Int32Array;
  weights: Float32Array[];
}

/** Keeps each filter's span of weights above `rel` x its peak (0: exact non-zero span). */
function sparsify(bank: number[][], bins: number, rel = 0): SparseBank {
  const start = new Int32Array(bank.length);
  const weights: Float32Array[] = [];
  bank.forEach((row, i) => {
    let a = -1;
    let b = -1;
    let peak = 0;
    for (let j = 0; j < bins; j++) peak = Math.max(peak, Math.abs(row[j]));
    for (let j = 0; j < bins; j++) {
      if (row[j] !== 0 && Math.abs(row[j]) > rel * peak) {
        if (a < 0) a = j;
        b = j;
      }
    }
    if (a < 0) {
      a = 0;
      b = -1;
    }
    start[i] = a;
    weights.push(Float32Array.from(row.slice(a, b + 1)));
  });
  return { start, weights };
}

/**
 * FFT of a real frame of N samples as an N/2-point complex radix-2 FFT of the packed even/odd
 * samples plus the usual split step; precomputed bit reversal and twiddles, no allocation.
 * magnitude() returns |X[k]| for k < N/2 (the bins meyda's amplitudeSpectrum holds).
 */
export class RealFft {
  private readonly m: number;
  private readonly rev: Uint32Array;
  private readonly cosM: Float64Array;
  private readonly sinM: Float64Array;
  private readonly cosN: Float64Array;
  private readonly sinN: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  readonly amp: Float32Array;
  constructor(readonly n: number) {
    const bits = Math.log2(n) - 1;
    if (!Number.isInteger(bits) || bits < 1) throw new Error('FFT size must be a power of 2 >= 4');
    const m = (this.m = n / 2);
    this.rev = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.cosM = new Float64Array(m / 2);
    this.sinM = new Float64Array(m / 2);
    for (let k = 0; k < m / 2; k++) {
      this.cosM[k] = Math.cos((2 * Math.PI * k) / m);
      this.sinM[k] = -Math.sin((2 * Math.PI * k) / m);
    }
    this.cosN = new Float64Array(m);
    this.sinN = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      this.cosN[k] = Math.cos((2 * Math.PI * k) / n);
      this.sinN[k] = Math.sin((2 * Math.PI * k) / n);
    }
    this.re = new Float64Array(m);
    this.im = new Float64Array(m);
    this.amp = new Float32Array(m);
  }
  magnitude(x: ArrayLike<number>): Float32Array {
    const { m, re, im, rev, cosM, sinM } = this;
    for (let i = 0; i < m; i++) {
      const r = rev[i];
      re[r] = x[2 * i];
      im[r] = x[2 * i + 1];
    }
    for (let size = 2; size <= m; size <<= 1) {
      const half = size >> 1;
      const step = m / size;
      for (let i = 0; i < m; i += size) {
        for (let k = 0; k < half; k++) {
          const wr = cosM[k * step];
          const wi = sinM[k * step];
          const a = i + k;
          const b = a + half;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    const amp = this.amp;
    for (let k = 0; k < m; k++) {
      const j = k === 0 ? 0 : m - k;
      const a = re[k], b = im[k], c = re[j], d = im[j];
      const er = (a + c) / 2, ei = (b - d) / 2;
      const or = (b + d) / 2, oi = -(a - c) / 2;
      const ct = this.cosN[k], st = this.sinN[k];
      const xr = er + ct * or + st * oi;
      const xi = ei + ct * oi - st * or;
      amp[k] = Math.sqrt(xr * xr + xi * xi);
    }
    return amp;
  }
}

/** Computes the per-frame feature vector. Stateless apart from cached filter banks. */
export class FrameFeatureExtractor {
  readonly cfg: VoiceFeatureConfig;
  private readonly mel: SparseBank;
  private readonly chroma: SparseBank;
  private readonly dct: Float32Array;
  private readonly logMel: Float32Array;
  private readonly chromaTmp: Float32Array;
  private readonly frameBuf: Float32Array;
  private readonly window: Float32Array;
  private readonly fft: RealFft;

  constructor(cfg: VoiceFeatureConfig = VOICE_FEATURE_CONFIG) {
    this.cfg = cfg;
    const bins = cfg.frameSize / 2;
    Meyda.bufferSize = cfg.frameSize;
    Meyda.sampleRate = cfg.sampleRate;
    Meyda.melBands = cfg.melBands;
    Meyda.chromaBands = cfg.chromaBands;
    Meyda.numberOfMFCCCoefficients = cfg.mfccCoefficients;
    Meyda.windowingFunction = 'hanning';
    // Let meyda build its banks for this configuration, then keep sparse copies.
    Meyda.melFilterBank = undefined;
    Meyda.chromaFilterBank = undefined;
    Meyda.extract('rms', new Float32Array(cfg.frameSize));
    this.mel = sparsify(Meyda.melFilterBank as number[][], bins);
    this.chroma = sparsify(Meyda.chromaFilterBank as number[][], bins);
    // meyda's Hann window, as Meyda.extract applies it
    this.window = Float32Array.from(Meyda.windowing(new Float32Array(cfg.frameSize).fill(1), 'hanning') as ArrayLike<number>);
    this.fft = new RealFft(cfg.frameSize);
    const M = cfg.melBands;
    const C = cfg.mfccCoefficients;
    this.dct = new Float32Array(C * M);
    for (let k = 0; k < C; k++) {
      const s = k === 0 ? Math.sqrt(1 / M) : Math.sqrt(2 / M);
      for (let n = 0; n < M; n++) this.dct[k * M + n] = s * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * M));
    }
    this.logMel = new Float32Array(M);
    this.chromaTmp = new Float32Array(cfg.chromaBands);
    this.frameBuf = new Float32Array(cfg.frameSize);
  }

  /** Features of the frame starting at `offset` of `signal`, written to out[outOffset..+FRAME_DIM). */
  compute(signal: Float32Array, offset: number, out: Float32Array, outOffset = 0): void {
    const cfg = this.cfg;
    const N = cfg.frameSize;
    const windowed = this.frameBuf;
    const win = this.window;
    for (let i = 0; i < N; i++) windowed[i] = signal[offset + i] * win[i];
    // One FFT per frame; meyda's extractors below share its spectrum.
    const amp = this.fft.magnitude(windowed);
    const fx = Meyda.featureExtractors;
    const rms: number = fx.rms({ signal: windowed });
    const zcr: number = fx.zcr({ signal: windowed });
    let flat: number = fx.spectralFlatness({ ampSpectrum: amp });
    if (!Number.isFinite(flat)) flat = 1;
    let centroid: number = fx.spectralCentroid({ ampSpectrum: amp });
    if (!Number.isFinite(centroid)) centroid = 0;

    const M = cfg.melBands;
    const lm = this.logMel;
    for (let m = 0; m < M; m++) {
      const w = this.mel.weights[m];
      const a = this.mel.start[m];
      let s = 0;
      for (let j = 0; j < w.length; j++) {
        const v = amp[a + j];
        s += w[j] * v * v;
      }
      lm[m] = Math.log(s + cfg.logMelEps);
      out[outOffset + m] = lm[m];
    }
    const C = cfg.mfccCoefficients;
    for (let k = 0; k < C; k++) {
      let s = 0;
      const row = k * M;
      for (let n = 0; n < M; n++) s += this.dct[row + n] * lm[n];
      out[outOffset + M + k] = s;
    }
    let o = outOffset + M + C;
    out[o++] = Math.log(rms + cfg.logRmsEps);
    out[o++] = zcr / (N - 1);
    const ch = this.chromaTmp;
    let maxC = 0;
    for (let c = 0; c < cfg.chromaBands; c++) {
      const w = this.chroma.weights[c];
      const a = this.chroma.start[c];
      let s = 0;
      for (let j = 0; j < w.length; j++) s += w[j] * amp[a + j];
      ch[c] = s;
      if (s > maxC) maxC = s;
    }
    for (let c = 0; c < cfg.chromaBands; c++) out[o++] = maxC > 0 ? ch[c] / maxC : 0;
    out[o++] = flat;
    out[o++] = centroid / (N / 2);
  }
}

/** Features of every complete frame of a 16 kHz mono signal: row-major [nFrames, FRAME_DIM]. */
export function extractFrames(
  signal: Float32Array,
  extractor: FrameFeatureExtractor = new FrameFeatureExtractor(),
): { data: Float32Array; nFrames: number } {
  const cfg = extractor.cfg;
  const nFrames = frameCount(signal.length, cfg);
  const data = new Float32Array(nFrames * cfg.frameDim);
  for (let f = 0; f < nFrames; f++) extractor.compute(signal, f * cfg.hopSize, data, f * cfg.frameDim);
  return { data, nFrames };
}

/**
 * Zero-pads a clip (both sides equally) so that it holds at least one full model window. Used by
 * the training extraction and by the evaluation, so short clips are treated identically.
 */
export function padToWindow(signal: Float32Array, cfg: VoiceFeatureConfig = VOICE_FEATURE_CONFIG): Float32Array {
  const need = samplesForFrames(cfg.windowFrames, cfg);
  if (signal.length >= need) return signal;
  const out = new Float32Array(need);
  out.set(signal, Math.floor((need - signal.length) / 2));
  return out;
}

/** Start frames of the windows of `windowFrames` frames every `hopFrames` frames covering nFrames. */
export function windowStarts(nFrames: number, windowFrames: number, hopFrames: number): number[] {
  if (nFrames < windowFrames) return [];
  const starts: number[] = [];
  for (let s = 0; s + windowFrames <= nFrames; s += hopFrames) starts.push(s);
  const last = nFrames - windowFrames;
  if (starts[starts.length - 1] !== last) starts.push(last);
  return starts;
}

/**
 * Streaming framer for the runtime: push 16 kHz samples in chunks of any size; keeps the frame
 * features of the last `capacity` frames in a ring, computed once per frame (so overlapping
 * windows never recompute features). Frames line up exactly with extractFrames() on the
 * concatenated signal.
 */
export class StreamingFeatures {
  readonly cfg: VoiceFeatureConfig;
  readonly capacity: number;
  private readonly extractor: FrameFeatureExtractor;
  private readonly pending: Float32Array;
  private pendingLen = 0;
  private readonly ring: Float32Array;
  /** Total frames computed since the start. */
  framesTotal = 0;

  constructor(capacity: number = VOICE_FEATURE_CONFIG.windowFrames, cfg: VoiceFeatureConfig = VOICE_FEATURE_CONFIG) {
    this.cfg = cfg;
    this.capacity = capacity;
    this.extractor = new FrameFeatureExtractor(cfg);
    this.pending = new Float32Array(cfg.frameSize + 16384);
    this.ring = new Float32Array(capacity * cfg.frameDim);
  }

  /** Adds samples; returns the number of new frames computed. */
  push(samples: Float32Array): number {
    const { frameSize, hopSize, frameDim } = this.cfg;
    let added = 0;
    let i = 0;
    while (i < samples.length) {
      const take = Math.min(samples.length - i, this.pending.length - this.pendingLen);
      this.pending.set(samples.subarray(i, i + take), this.pendingLen);
      this.pendingLen += take;
      i += take;
      let off = 0;
      while (this.pendingLen - off >= frameSize) {
        const slot = this.framesTotal % this.capacity;
        this.extractor.compute(this.pending, off, this.ring, slot * frameDim);
        this.framesTotal++;
        added++;
        off += hopSize;
      }
      if (off > 0) {
        this.pending.copyWithin(0, off, this.pendingLen);
        this.pendingLen -= off;
      }
    }
    return added;
  }

  /** The last `frames` frames (oldest first) as [frames, FRAME_DIM], or null if not enough yet. */
  lastFrames(frames: number = this.capacity): Float32Array | null {
    if (frames > this.capacity || this.framesTotal < frames) return null;
    const d = this.cfg.frameDim;
    const out = new Float32Array(frames * d);
    const first = this.framesTotal - frames;
    for (let k = 0; k < frames; k++) {
      const slot = (first + k) % this.capacity;
      out.set(this.ring.subarray(slot * d, slot * d + d), k * d);
    }
    return out;
  }

  reset(): void {
    this.pendingLen = 0;
    this.framesTotal = 0;
  }
}
