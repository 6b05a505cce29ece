/** Waveform augmentation for training (16 kHz mono float32): reverberation, noise, gain, shift. */

export type Rng = () => number;

/** mulberry32: small deterministic PRNG so the extraction is reproducible. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gauss(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function uniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng();
}

/** In-place iterative radix-2 complex FFT (inverse when inv). */
export function fft(re: Float64Array, im: Float64Array, inv = false): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inv ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const ar = re[i + k + len / 2] * cr - im[i + k + len / 2] * ci;
        const ai = re[i + k + len / 2] * ci + im[i + k + len / 2] * cr;
        re[i + k + len / 2] = re[i + k] - ar;
        im[i + k + len / 2] = im[i + k] - ai;
        re[i + k] += ar;
        im[i + k] += ai;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
  if (inv) for (let i = 0; i < n; i++) (re[i] /= n), (im[i] /= n);
}

export function rms(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, x.length));
}

/** RMS of the loudest half of 20 ms blocks: the level of the speech, not of the pauses. */
export function activeRms(x: Float32Array): number {
  const B = 320;
  const e: number[] = [];
  for (let i = 0; i + B <= x.length; i += B) {
    let s = 0;
    for (let j = 0; j < B; j++) s += x[i + j] * x[i + j];
    e.push(s / B);
  }
  if (!e.length) return rms(x);
  e.sort((a, b) => b - a);
  const top = e.slice(0, Math.max(1, Math.floor(e.length / 2)));
  return Math.sqrt(top.reduce((a, b) => a + b, 0) / top.length) + 1e-9;
}

/** Convolves with a synthetic room impulse response (exponential decay, RT60 seconds), same length and level. */
export function reverberate(x: Float32Array, rt60: number, rng: Rng, sr = 16000): Float32Array {
  const L = Math.max(64, Math.floor(rt60 * sr * 0.6));
  const h = new Float64Array(L);
  const decay = 6.9 / (rt60 * sr);
  const predelay = Math.floor(uniform(rng, 0.002, 0.015) * sr);
  h[0] = 1;
  for (let n = predelay; n < L; n++) h[n] += gauss(rng) * Math.exp(-decay * (n - predelay)) * uniform(rng, 0.2, 0.5);
  let n2 = 1;
  while (n2 < x.length + L) n2 <<= 1;
  const ar = new Float64Array(n2);
  const ai = new Float64Array(n2);
  const br = new Float64Array(n2);
  const bi = new Float64Array(n2);
  for (let i = 0; i < x.length; i++) ar[i] = x[i];
  br.set(h);
  fft(ar, ai);
  fft(br, bi);
  for (let i = 0; i < n2; i++) {
    const r = ar[i] * br[i] - ai[i] * bi[i];
    ai[i] = ar[i] * bi[i] + ai[i] * br[i];
    ar[i] = r;
  }
  fft(ar, ai, true);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = ar[i];
  const g = rms(x) / (rms(y) + 1e-12);
  for (let i = 0; i < y.length; i++) y[i] *= g;
  return y;
}

export type NoiseKind = 'white' | 'pink' | 'brown' | 'babble' | 'hum' | 'music';

/** Noise of the given colour, unit RMS. `pool` supplies speech for babble. */
export function makeNoise(kind: NoiseKind, n: number, rng: Rng, pool: Float32Array[] = []): Float32Array {
  const y = new Float32Array(n);
  if (kind === 'white') for (let i = 0; i < n; i++) y[i] = gauss(rng);
  else if (kind === 'pink') {
    // Paul Kellet's economy pink filter
    let b0 = 0, b1 = 0, b2 = 0;
    for (let i = 0; i < n; i++) {
      const w = gauss(rng);
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      y[i] = b0 + b1 + b2 + w * 0.1848;
    }
  } else if (kind === 'brown') {
    let b = 0;
    for (let i = 0; i < n; i++) {
      b = 0.98 * b + gauss(rng);
      y[i] = b;
    }
  } else if (kind === 'music') {
    return makeMusic(n, rng);
  } else if (kind === 'hum') {
    const f0 = rng() < 0.5 ? 50 : 60;
    for (let i = 0; i < n; i++) {
      const t = i / 16000;
      y[i] = Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(2 * Math.PI * 3 * f0 * t) + 0.3 * gauss(rng);
    }
  } else {
    const voices = pool.length ? 3 : 0;
    for (let v = 0; v < voices; v++) {
      const s = pool[Math.floor(rng() * pool.length)];
      const off = Math.floor(rng() * s.length);
      for (let i = 0; i < n; i++) y[i] += s[(off + i) % s.length];
    }
    if (!voices) for (let i = 0; i < n; i++) y[i] = gauss(rng);
  }
  const r = rms(y) + 1e-12;
  for (let i = 0; i < n; i++) y[i] /= r;
  return y;
}

/** Adds noise at `snrDb` relative to the active speech level. */
export function addNoise(x: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  const g = activeRms(x) / Math.pow(10, snrDb / 20);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i] + g * noise[i];
  return y;
}

/** Gain in dB with hard clipping at full scale. */
export function applyGain(x: Float32Array, db: number): Float32Array {
  const g = Math.pow(10, db / 20);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = Math.max(-1, Math.min(1, x[i] * g));
  return y;
}

/** Time shift: positive delays the clip (zeros in front), negative drops its start; length kept. */
export function timeShift(x: Float32Array, samples: number): Float32Array {
  const y = new Float32Array(x.length);
  if (samples >= 0) y.set(x.subarray(0, x.length - samples), samples);
  else y.set(x.subarray(-samples));
  return y;
}

/** RBJ-cookbook biquad, applied in place (direct form I). */
export function biquad(x: Float32Array, type: 'highpass' | 'lowpass' | 'peak', f0: number, q: number, gainDb = 0, sr = 16000): Float32Array {
  const w0 = (2 * Math.PI * Math.min(f0, sr * 0.45)) / sr;
  const cw = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
  if (type === 'lowpass') {
    b0 = (1 - cw) / 2; b1 = 1 - cw; b2 = (1 - cw) / 2; a0 = 1 + alpha; a1 = -2 * cw; a2 = 1 - alpha;
  } else if (type === 'highpass') {
    b0 = (1 + cw) / 2; b1 = -(1 + cw); b2 = (1 + cw) / 2; a0 = 1 + alpha; a1 = -2 * cw; a2 = 1 - alpha;
  } else {
    const A = Math.pow(10, gainDb / 40);
    b0 = 1 + alpha * A; b1 = -2 * cw; b2 = 1 - alpha * A; a0 = 1 + alpha / A; a1 = -2 * cw; a2 = 1 - alpha / A;
  }
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    const y0 = (b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1; x1 = x0; y2 = y1; y1 = y0;
    x[i] = y0;
  }
  return x;
}

/**
 * A random laptop / headset / phone microphone response: high-pass 80..400 Hz, low-pass
 * 3.2..7.5 kHz, one or two resonances of -6..+8 dB at 0.8..5 kHz. Same RMS as the input.
 */
export function micResponse(x: Float32Array, rng: Rng): { y: Float32Array; desc: string } {
  const y = Float32Array.from(x);
  const hp = uniform(rng, 80, 400);
  const lp = uniform(rng, 3200, 7500);
  biquad(y, 'highpass', hp, 0.707);
  biquad(y, 'lowpass', lp, 0.707);
  const peaks = 1 + Math.floor(rng() * 2);
  const parts = [`hp${hp.toFixed(0)}`, `lp${lp.toFixed(0)}`];
  for (let k = 0; k < peaks; k++) {
    const f = Math.exp(uniform(rng, Math.log(800), Math.log(5000)));
    const g = uniform(rng, -6, 8);
    biquad(y, 'peak', f, uniform(rng, 0.7, 3), g);
    parts.push(`pk${f.toFixed(0)}:${g.toFixed(1)}`);
  }
  const gn = rms(x) / (rms(y) + 1e-12);
  for (let i = 0; i < y.length; i++) y[i] *= gn;
  return { y, desc: parts.join(',') };
}

/** Overdrive: `db` of gain, then hard clipping at +-1 (soft tanh clipping when soft). */
export function overdrive(x: Float32Array, db: number, soft = false): Float32Array {
  const g = Math.pow(10, db / 20);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = soft ? Math.tanh(x[i] * g) : Math.max(-1, Math.min(1, x[i] * g));
  return y;
}

/** Synthetic background music (unit RMS): chords of harmonic notes with decaying envelopes and a beat. */
export function makeMusic(n: number, rng: Rng, sr = 16000): Float32Array {
  const y = new Float32Array(n);
  const bpm = uniform(rng, 70, 150);
  const beat = Math.round((60 / bpm) * sr);
  const root = 110 * Math.pow(2, Math.floor(rng() * 12) / 12);
  const chordSets = [[0, 4, 7], [0, 3, 7], [0, 5, 9], [2, 7, 11], [0, 4, 9]];
  for (let start = 0; start < n; start += beat * 2) {
    const chord = chordSets[Math.floor(rng() * chordSets.length)];
    const oct = rng() < 0.5 ? 1 : 2;
    for (const st of chord) {
      const f = root * oct * Math.pow(2, st / 12);
      const len = Math.min(n - start, beat * 2);
      const decay = uniform(rng, 1, 4) / sr;
      for (let h = 1; h <= 6; h++) {
        if (f * h > sr / 2.2) break;
        const a = 1 / h;
        const ph = rng() * 2 * Math.PI;
        const wv = (2 * Math.PI * f * h) / sr;
        for (let i = 0; i < len; i++) y[start + i] += a * Math.exp(-decay * i) * Math.sin(wv * i + ph);
      }
    }
    // kick-like thump and a noise hi-hat on each beat
    for (let b = start; b < Math.min(n, start + beat * 2); b += beat) {
      for (let i = 0; i < 1600 && b + i < n; i++) {
        y[b + i] += 1.5 * Math.exp(-i / 300) * Math.sin((2 * Math.PI * 60 * i) / sr);
        if (i < 400) y[b + i] += 0.3 * gauss(rng) * Math.exp(-i / 80);
      }
    }
  }
  const r = rms(y) + 1e-12;
  for (let i = 0; i < n; i++) y[i] /= r;
  return y;
}
