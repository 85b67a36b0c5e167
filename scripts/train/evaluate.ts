/** Binary classification figures at one threshold. */
export interface BinaryMetrics {
  size: number;
  positives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Mean F1 of the positive and the negative class. */
  macroF1: number;
  auc: number;
}

/** Precision, recall, F1 of the positive class and macro-F1 when `score >= threshold` predicts positive. */
export function metricsAt(scores: ArrayLike<number>, labels: Uint8Array, threshold: number): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = (scores[i] ?? 0) >= threshold;
    if (labels[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const f1Positive = f1(tp, fp, fn);
  const f1Negative = f1(tn, fn, fp);
  return {
    size: labels.length,
    positives: tp + fn,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    f1: f1Positive,
    macroF1: (f1Positive + f1Negative) / 2,
    auc: rocAuc(scores, labels),
  };
}

/** The threshold (a midpoint between neighbouring scores) with the best F1 of the positive class. */
export function bestF1Threshold(scores: ArrayLike<number>, labels: Uint8Array): number {
  return bestThreshold(scores, labels, (tp, fp, fn) => f1(tp, fp, fn));
}

/** The threshold with the best macro-F1. */
export function bestMacroF1Threshold(scores: ArrayLike<number>, labels: Uint8Array): number {
  const total = labels.length;
  return bestThreshold(
    scores,
    labels,
    (tp, fp, fn) => (f1(tp, fp, fn) + f1(total - tp - fp - fn, fn, fp)) / 2,
  );
}

/**
 * The lowest threshold at which at most `rate` of `scores` (all negatives: everyday posts) are flagged, halfway
 * between the last score let through and the first one flagged; ties are kept together on the unflagged side.
 */
export function thresholdForFlagRate(scores: ArrayLike<number>, rate: number): number {
  const sorted = Array.from(scores).sort((a, b) => b - a);
  const allowed = Math.floor(Math.max(0, rate) * sorted.length);
  if (allowed >= sorted.length) return 0;
  const first = sorted[allowed] ?? 0;
  // Scores equal to the first unflagged one stay unflagged, so fewer than `allowed` may be flagged.
  let k = allowed;
  while (k > 0 && sorted[k - 1] === first) k--;
  const above = k > 0 ? (sorted[k - 1] ?? 1) : Math.min(1, first + 1e-6);
  return (first + above) / 2;
}

/** Average precision (area under the precision–recall curve, step-wise): threshold-free, for model selection. */
export function averagePrecision(scores: ArrayLike<number>, labels: Uint8Array): number {
  const order = rankDescending(scores);
  const positives = labels.reduce((sum, label) => sum + label, 0);
  if (positives === 0) return 0;
  let tp = 0;
  let sum = 0;
  order.forEach((index, rank) => {
    if (labels[index] === 1) {
      tp++;
      sum += tp / (rank + 1);
    }
  });
  return sum / positives;
}

/** Area under the ROC curve (Mann–Whitney U with tied ranks averaged). */
export function rocAuc(scores: ArrayLike<number>, labels: Uint8Array): number {
  const order = rankDescending(scores).reverse();
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] ?? 0] === scores[order[i] ?? 0]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] ?? 0] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Platt scaling (Platt 1999): fits slope and intercept so sigmoid(slope·logit + intercept) matches
 * the labels, by Newton's method on the log-loss with Platt's smoothed targets.
 */
export function fitPlatt(
  logits: ArrayLike<number>,
  labels: Uint8Array,
): { slope: number; intercept: number } {
  const positives = labels.reduce((sum, label) => sum + label, 0);
  const negatives = labels.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let slope = 1;
  let intercept = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 1e-9;
    let h01 = 0;
    let h11 = 1e-9;
    for (let i = 0; i < labels.length; i++) {
      const x = logits[i] ?? 0;
      const p = 1 / (1 + Math.exp(-(slope * x + intercept)));
      const target = labels[i] === 1 ? high : low;
      const d = p - target;
      const w = p * (1 - p);
      g0 += d * x;
      g1 += d;
      h00 += w * x * x;
      h01 += w * x;
      h11 += w;
    }
    const det = h00 * h11 - h01 * h01;
    if (Math.abs(det) < 1e-15) break;
    const stepSlope = (h11 * g0 - h01 * g1) / det;
    const stepIntercept = (h00 * g1 - h01 * g0) / det;
    slope -= stepSlope;
    intercept -= stepIntercept;
    if (Math.abs(stepSlope) + Math.abs(stepIntercept) < 1e-9) break;
  }
  return { slope, intercept };
}

function bestThreshold(
  scores: ArrayLike<number>,
  labels: Uint8Array,
  measure: (tp: number, fp: number, fn: number) => number,
): number {
  const order = rankDescending(scores);
  const positives = labels.reduce((sum, label) => sum + label, 0);
  let tp = 0;
  let fp = 0;
  let best = -1;
  let threshold = 0.5;
  for (let k = 0; k < order.length; k++) {
    const index = order[k] ?? 0;
    if (labels[index] === 1) tp++;
    else fp++;
    const here = scores[index] ?? 0;
    const next = k + 1 < order.length ? (scores[order[k + 1] ?? 0] ?? 0) : here - 1e-6;
    if (next === here) continue; // only cut between distinct scores
    const value = measure(tp, fp, positives - tp);
    if (value > best) {
      best = value;
      threshold = (here + next) / 2;
    }
  }
  return threshold;
}

function rankDescending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b,
  );
}

function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
