/**
 * Classification metrics shared by the evaluation scripts (face and voice).
 * Labels are class indices 0..k-1; predictions are class indices or probability rows.
 */

export type ConfusionMatrix = number[][]; // [true][predicted]

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, numClasses: number): ConfusionMatrix {
  if (yTrue.length !== yPred.length) throw new Error(`length mismatch: ${yTrue.length} labels, ${yPred.length} predictions`);
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (!(t >= 0 && t < numClasses) || !(p >= 0 && p < numClasses)) throw new Error(`class out of range at ${i}: true ${t}, predicted ${p}`);
    m[t][p]++;
  }
  return m;
}

export function accuracy(cm: ConfusionMatrix): number {
  let ok = 0;
  let n = 0;
  cm.forEach((row, i) => row.forEach((v, j) => { n += v; if (i === j) ok += v; }));
  return n ? ok / n : 0;
}

/** Recall of each class (NaN for a class with no true samples). */
export function perClassRecall(cm: ConfusionMatrix): number[] {
  return cm.map((row, i) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n ? row[i] / n : NaN;
  });
}

/** Precision of each class (0 when never predicted but present, NaN when neither). */
export function perClassPrecision(cm: ConfusionMatrix): number[] {
  return cm.map((_, j) => {
    let col = 0;
    for (const row of cm) col += row[j];
    return col ? cm[j][j] / col : NaN;
  });
}

export function perClassF1(cm: ConfusionMatrix): number[] {
  return cm.map((row, i) => {
    const tp = row[i];
    const fn = row.reduce((a, b) => a + b, 0) - tp;
    let fp = 0;
    for (let k = 0; k < cm.length; k++) if (k !== i) fp += cm[k][i];
    const d = 2 * tp + fp + fn;
    return d ? (2 * tp) / d : NaN;
  });
}

/** Mean F1 over the classes present in the true labels or the predictions. */
export function macroF1(cm: ConfusionMatrix): number {
  const f = perClassF1(cm).filter((v) => !Number.isNaN(v));
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : 0;
}

export function argmaxRow(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

export interface Summary {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, number>; // recall per class
  confusion: ConfusionMatrix;
}

export function summarize(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classNames: readonly string[]): Summary {
  const cm = confusionMatrix(yTrue, yPred, classNames.length);
  const rec = perClassRecall(cm);
  const perClass: Record<string, number> = {};
  classNames.forEach((c, i) => { perClass[c] = round4(rec[i]); });
  return { n: yTrue.length, accuracy: round4(accuracy(cm)), macroF1: round4(macroF1(cm)), perClass, confusion: cm };
}

export function round4(v: number): number {
  return Number.isNaN(v) ? v : Math.round(v * 1e4) / 1e4;
}

/** Plain-text confusion matrix (rows true, columns predicted) with recall per row. */
export function formatConfusion(cm: ConfusionMatrix, classNames: readonly string[]): string {
  const w = Math.max(8, ...classNames.map((c) => c.length + 1));
  const pad = (s: string | number) => String(s).padStart(w);
  const rec = perClassRecall(cm);
  const lines = [pad('true\\pred') + classNames.map(pad).join('') + pad('recall')];
  cm.forEach((row, i) => lines.push(pad(classNames[i]) + row.map(pad).join('') + pad(Number.isNaN(rec[i]) ? '-' : (100 * rec[i]).toFixed(1) + '%')));
  return lines.join('\n');
}

/** Plain-text table: header row then rows of cells. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...all.map((r) => (r[j] ?? '').length)));
  return all.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ')).join('\n');
}
