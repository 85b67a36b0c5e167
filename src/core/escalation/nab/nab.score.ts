import type { NabCostMatrix } from "./nab.profiles.ts";
import type { NabSweep } from "./nab.sweep.ts";

/** A file's raw NAB score at one threshold and its confusion counts over the non-probationary rows. */
export interface NabFileScore {
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  /** All rows of the file, probation included (NAB's `Total_Count`). */
  total: number;
}

/** One file of a corpus: its sweep and the detector's anomaly score per row. */
export interface NabScoredFile {
  sweep: NabSweep;
  anomalyScores: ArrayLike<number>;
}

/** The corpus threshold with the highest total raw score, and that score. */
export interface NabThreshold {
  threshold: number;
  score: number;
}

function weightedSweepScore(sweep: NabSweep, row: number, costs: NabCostMatrix): number {
  const unweighted = sweep.unweighted[row] as number;
  return (sweep.window[row] as number) >= 0 ? unweighted * costs.tpWeight : unweighted * costs.fpWeight;
}

/** The raw score of the null detector on a file: -fnWeight for every window it scores. */
export function nabNullScore(sweep: NabSweep, costs: NabCostMatrix): number {
  return -costs.fnWeight * sweep.windowScored.filter(Boolean).length;
}

/**
 * A file's raw score when every row with anomaly score >= threshold is a detection: each window earns the best
 * sweep score of its detections (the earliest) or costs fnWeight, and each detection outside windows adds its
 * negative sweep score (numenta/NAB `sweeper.calcScoreByThreshold`).
 */
export function scoreNabFile(file: NabScoredFile, threshold: number, costs: NabCostMatrix): NabFileScore {
  const { sweep, anomalyScores } = file;
  const best = sweep.windowScored.map((scored) => (scored ? -costs.fnWeight : 0));
  let falseAlarms = 0;
  let tp = 0;
  let tn = 0;
  let fp = 0;
  let fn = 0;
  for (let i = sweep.probationLength; i < anomalyScores.length; i++) {
    const detected = (anomalyScores[i] as number) >= threshold;
    const window = sweep.window[i] as number;
    if (window >= 0) {
      if (detected) {
        tp++;
        best[window] = Math.max(best[window] as number, weightedSweepScore(sweep, i, costs));
      } else fn++;
    } else if (detected) {
      fp++;
      falseAlarms += weightedSweepScore(sweep, i, costs);
    } else tn++;
  }
  const score = best.reduce((sum, s) => sum + s, falseAlarms);
  return { score, tp, tn, fp, fn, total: anomalyScores.length };
}

/**
 * The one threshold for a whole corpus that maximises the summed raw score, found by sweeping every distinct
 * anomaly score from the highest down (SCORING.md; NAB itself searches locally with `twiddle`, which finds
 * this optimum or a lower one). Among equal scores the highest threshold wins; 1.1 means "never detect".
 */
export function optimiseNabThreshold(files: readonly NabScoredFile[], costs: NabCostMatrix): NabThreshold {
  let rowCount = 0;
  let windowCount = 0;
  for (const { sweep, anomalyScores } of files) {
    rowCount += Math.max(0, anomalyScores.length - sweep.probationLength);
    windowCount += sweep.windowCount;
  }
  const scores = new Float64Array(rowCount);
  const gains = new Float64Array(rowCount);
  const windows = new Int32Array(rowCount);
  const best = new Float64Array(windowCount);
  let total = 0;
  let row = 0;
  let windowBase = 0;
  for (const { sweep, anomalyScores } of files) {
    for (let i = sweep.probationLength; i < anomalyScores.length; i++, row++) {
      const score = anomalyScores[i] as number;
      scores[row] = Number.isNaN(score) ? Number.NEGATIVE_INFINITY : score;
      gains[row] = weightedSweepScore(sweep, i, costs);
      const window = sweep.window[i] as number;
      windows[row] = window >= 0 ? windowBase + window : -1;
    }
    sweep.windowScored.forEach((scored, k) => {
      best[windowBase + k] = scored ? -costs.fnWeight : 0;
      if (scored) total -= costs.fnWeight;
    });
    windowBase += sweep.windowCount;
  }
  const order = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) order[i] = i;
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let result: NabThreshold = { threshold: 1.1, score: total };
  for (let k = 0; k < rowCount; ) {
    const level = scores[order[k] as number] as number;
    if (level === Number.NEGATIVE_INFINITY) break;
    for (; k < rowCount && scores[order[k] as number] === level; k++) {
      const r = order[k] as number;
      const window = windows[r] as number;
      if (window < 0) total += gains[r] as number;
      else if ((gains[r] as number) > (best[window] as number)) {
        total += (gains[r] as number) - (best[window] as number);
        best[window] = gains[r] as number;
      }
    }
    if (total > result.score) result = { threshold: level, score: total };
  }
  return result;
}

/**
 * NAB's normalised score of a set of files: 100 (raw - null) / (perfect - null), with null paying -fnWeight and
 * perfect +tpWeight per window (numenta/NAB `runner.normalize`); 100 is perfect, 0 is never detecting, NaN
 * when the files hold no window.
 */
export function normaliseNabScore(raw: number, sweeps: readonly NabSweep[], costs: NabCostMatrix): number {
  const nullScore = sweeps.reduce((sum, sweep) => sum + nabNullScore(sweep, costs), 0);
  const perfect = sweeps.reduce((sum, sweep) => sum + sweep.windowCount * costs.tpWeight, 0);
  return perfect === nullScore ? Number.NaN : (100 * (raw - nullScore)) / (perfect - nullScore);
}
