/**
 * Downmix to mono and resample to the voice model's 16 kHz, streaming: the same windowed-sinc
 * low-pass interpolator as the live capture worklet (public/voice-worklet.js), so a file's audio
 * reaches the voice features as the microphone's does. Pure, tested in Node.
 */

export class StreamingResampler {
  private readonly step: number;
  private readonly half: number;
  private readonly taps: Float32Array;
  private hist = new Float32Array(8192);
  private histLen = 0;
  private pos: number;

  constructor(readonly inRate: number, readonly outRate = 16000) {
    if (!(inRate > 0 && outRate > 0)) throw new RangeError(`resampler: bad rates ${inRate} -> ${outRate}`);
    this.step = inRate / outRate;
    // low-pass at 0.9 x the output Nyquist (no filtering needed when upsampling, but it is harmless)
    const cutoff = Math.min(0.45 * outRate, 0.45 * inRate) / inRate;
    const half = Math.max(8, Math.ceil(4 * Math.max(1, this.step)));
    this.half = half;
    this.taps = new Float32Array(2 * half + 1);
    let sum = 0;
    for (let i = -half; i <= half; i++) {
      const x = 2 * Math.PI * cutoff * i;
      const sinc = i === 0 ? 1 : Math.sin(x) / (Math.PI * i * 2 * cutoff);
      const w = 0.42 + 0.5 * Math.cos((Math.PI * i) / half) + 0.08 * Math.cos((2 * Math.PI * i) / half);
      this.taps[i + half] = sinc * w;
      sum += sinc * w;
    }
    for (let i = 0; i < this.taps.length; i++) this.taps[i] /= sum;
    this.pos = half;
  }

  /** `channels`: one Float32Array per channel, same length. Returns the 16 kHz mono samples now due. */
  push(channels: readonly Float32Array[]): Float32Array {
    const n = channels[0]?.length ?? 0;
    if (n === 0) return new Float32Array(0);
    if (this.histLen + n > this.hist.length) {
      const bigger = new Float32Array((this.histLen + n) * 2);
      bigger.set(this.hist.subarray(0, this.histLen));
      this.hist = bigger;
    }
    const ch = channels.length;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < ch; c++) s += channels[c][i];
      this.hist[this.histLen + i] = s / ch;
    }
    this.histLen += n;
    const out: number[] = [];
    const { half, taps, hist } = this;
    while (this.pos + half + 1 < this.histLen) {
      const centre = Math.floor(this.pos);
      const frac = this.pos - centre;
      let a = 0;
      let b = 0;
      for (let k = -half; k <= half; k++) {
        const t = taps[k + half];
        a += t * hist[centre + k];
        b += t * hist[centre + 1 + k];
      }
      out.push(a + frac * (b - a));
      this.pos += this.step;
    }
    const keep = Math.floor(this.pos) - half;
    if (keep > 0) {
      this.hist.copyWithin(0, keep, this.histLen);
      this.histLen -= keep;
      this.pos -= keep;
    }
    return Float32Array.from(out);
  }
}
