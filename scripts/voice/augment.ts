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

export type NoiseKind = 'white' | 'pink' | 'brown' | 'babble' | 'hum';

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
