/**
 * What a backend costs on the real face network: median milliseconds per face at a batch size, on
 * tf's current backend. The input is fixed noise of the network's shape: the cost of a CNN does not
 * depend on what the pixels show.
 */
import * as tf from '@tensorflow/tfjs';
import { INPUT_SIZE, type ExpressionNet } from '../modalities/face/expression-model';

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Median ms per face of `net` at `batch` faces per call: `warmup` untimed calls, then `iterations`
 * timed ones, or fewer (at least one) once `budgetMs` of timed calls is spent. `stat: 'min'`: the
 * fastest call instead (what the backend costs when nothing else runs: the calibration, whose few
 * calls would otherwise carry whatever load the machine had at that moment).
 */
export function timeFaceNet(net: ExpressionNet, batch: number, iterations: number, warmup = 1, budgetMs = Infinity, stat: 'median' | 'min' = 'median'): number {
  const x = tf.randomNormal([batch, INPUT_SIZE, INPUT_SIZE, 1], 0, 1, 'float32', 7) as tf.Tensor4D;
  try {
    const ms: number[] = [];
    let spent = 0;
    for (let i = 0; i < warmup + iterations && !(ms.length > 0 && spent > budgetMs); i++) {
      const t0 = performance.now();
      const y = net.predict(x);
      y.dataSync();
      y.dispose();
      if (i >= warmup) {
        ms.push(performance.now() - t0);
        spent += ms[ms.length - 1];
      }
    }
    return (stat === 'min' ? Math.min(...ms) : median(ms)) / batch;
  } finally {
    x.dispose();
  }
}
