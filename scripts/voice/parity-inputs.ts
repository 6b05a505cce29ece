/** The fixed parity inputs: the same formula as parity_inputs() in models/voice/export_tfjs.py. */
export function parityInputs(n: number, T: number, D: number): Float32Array {
  const x = new Float32Array(n * T * D);
  for (let b = 0; b < n; b++)
    for (let t = 0; t < T; t++)
      for (let d = 0; d < D; d++)
        x[(b * T + t) * D + d] =
          1.5 * Math.sin((0.37 * (t + 1) * (d + 1)) / D + 1.3 * b) * Math.cos(0.11 * d + 0.05 * t * (b + 1)) + 0.2 * (b - 1);
  return x;
}
