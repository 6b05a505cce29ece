/**
 * Voice capture worklet (AudioWorkletProcessor, plain JS).
 *
 * Downmixes the input to mono, resamples the context rate (48 kHz typically) to 16 kHz with a
 * windowed-sinc low-pass interpolator, and posts Float32Array chunks of about 100 ms
 * (1600 samples) to the main thread through its port, transferring the buffers.
 *
 * processorOptions: { targetRate?: number = 16000, chunkSamples?: number = 1600 }
 * Port messages in: 'flush' (post what is buffered). Out: Float32Array chunks.
 */
class VoiceCaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = (options && options.processorOptions) || {};
    this.inRate = sampleRate; // AudioWorkletGlobalScope global
    this.outRate = o.targetRate || 16000;
    this.chunkSamples = o.chunkSamples || Math.round(this.outRate / 10);
    this.step = this.inRate / this.outRate; // input samples per output sample
    // Low-pass FIR (Blackman-windowed sinc) at 0.9 x the output Nyquist, in input-rate taps.
    const cutoff = (0.45 * this.outRate) / this.inRate;
    const half = Math.max(8, Math.ceil(4 * this.step));
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
    // History of mono input samples (enough for the filter span plus one render quantum).
    this.hist = new Float32Array(4096);
    this.histLen = 0;
    this.pos = half; // position (in hist) of the next output sample's centre
    this.out = new Float32Array(this.chunkSamples);
    this.outLen = 0;
    this.port.onmessage = (e) => {
      if (e.data === 'flush') this.flush();
    };
  }

  flush() {
    if (this.outLen === 0) return;
    const chunk = this.out.slice(0, this.outLen);
    this.port.postMessage(chunk, [chunk.buffer]);
    this.outLen = 0;
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0 || input[0].length === 0) return true;
    const n = input[0].length;
    const ch = input.length;
    if (this.histLen + n > this.hist.length) {
      const bigger = new Float32Array((this.histLen + n) * 2);
      bigger.set(this.hist.subarray(0, this.histLen));
      this.hist = bigger;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < ch; c++) s += input[c][i];
      this.hist[this.histLen + i] = s / ch;
    }
    this.histLen += n;
    const half = this.half;
    const taps = this.taps;
    while (this.pos + half + 1 < this.histLen) {
      const centre = Math.floor(this.pos);
      const frac = this.pos - centre;
      // linear interpolation between two filtered samples around the fractional position
      let a = 0;
      let b = 0;
      for (let k = -half; k <= half; k++) {
        const t = taps[k + half];
        a += t * this.hist[centre + k];
        b += t * this.hist[centre + 1 + k];
      }
      this.out[this.outLen++] = a + frac * (b - a);
      if (this.outLen === this.chunkSamples) {
        const chunk = this.out;
        this.port.postMessage(chunk, [chunk.buffer]);
        this.out = new Float32Array(this.chunkSamples);
        this.outLen = 0;
      }
      this.pos += this.step;
    }
    // drop consumed history, keep the filter span
    const keep = Math.floor(this.pos) - half;
    if (keep > 0) {
      this.hist.copyWithin(0, keep, this.histLen);
      this.histLen -= keep;
      this.pos -= keep;
    }
    return true;
  }
}

registerProcessor('voice-capture', VoiceCaptureProcessor);
