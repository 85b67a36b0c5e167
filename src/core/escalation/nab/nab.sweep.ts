import { parseNabTimestamp } from "./nab.csv.ts";

/** A labelled anomaly window: the timestamps (ms) of its first and last row, both inclusive. */
export interface NabWindow {
  start: number;
  end: number;
}

/** Where each row of a file stands relative to its windows, as NAB's sweeper sees it; profile-independent. */
export interface NabSweep {
  /** Rows before this index are probationary: neither counted nor scored. */
  probationLength: number;
  /** Index of the window a row lies in, -1 outside every window. */
  window: Int32Array;
  /**
   * The row's sweep score before the profile weight: inside a window 1 at its first row falling towards 0 at
   * its last (multiply by tpWeight); outside a negative value down to -1 (multiply by fpWeight).
   */
  unweighted: Float64Array;
  /** Number of labelled windows of the file (what the perfect detector is paid for). */
  windowCount: number;
  /** Whether window k has a row after the probation, so that missing it costs fnWeight. */
  windowScored: boolean[];
}

/** Share of a file's rows that NAB treats as probation, capped at 15 % of 5000 rows. */
const probationPercent = 0.15;

/** Number of probationary rows of a file of n rows: min(floor(0.15 n), 750). */
export function nabProbationLength(rowCount: number): number {
  return Math.min(Math.floor(probationPercent * rowCount), probationPercent * 5000);
}

/** NAB's scaled sigmoid: 2 / (1 + e^(5y)) - 1, and -1 beyond y > 3. */
export function nabScaledSigmoid(y: number): number {
  return y > 3 ? -1 : 2 / (1 + Math.exp(5 * y)) - 1;
}

/** Reads `labels/combined_windows.json` entries (`[["2014-04-10 07:15:00.000000", …], …]`) into windows. */
export function parseNabWindows(pairs: readonly (readonly [string, string])[]): NabWindow[] {
  return pairs.map(([start, end]) => ({ start: parseNabTimestamp(start), end: parseNabTimestamp(end) }));
}

/**
 * Positions every row of a file relative to its windows, following numenta/NAB `sweeper.calcSweepScore`:
 * a window is entered on the row whose timestamp equals its start and left after the row equal to its end.
 */
export function sweepNabFile(timestamps: ArrayLike<number>, windows: readonly NabWindow[]): NabSweep {
  const n = timestamps.length;
  const rowOf = new Map<number, number>();
  for (let i = 0; i < n; i++) rowOf.set(timestamps[i] as number, i);
  const bounds = windows.map((w) => {
    const left = rowOf.get(w.start);
    const right = rowOf.get(w.end);
    if (left === undefined || right === undefined || right < left)
      throw new Error(`window ${new Date(w.start).toISOString()} … is not bounded by rows of the file`);
    return { left, right };
  });
  const probationLength = nabProbationLength(n);
  const window = new Int32Array(n).fill(-1);
  const unweighted = new Float64Array(n);
  const maxTp = nabScaledSigmoid(-1);
  let next = 0;
  let current = -1;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    if (current < 0 && next < bounds.length && (bounds[next] as { left: number }).left === i)
      current = next++;
    const b = bounds[current];
    if (b) {
      const width = b.right - b.left + 1;
      window[i] = current;
      unweighted[i] = nabScaledSigmoid(-(b.right - i + 1) / width) / maxTp;
      if (i === b.right) {
        prevRight = i;
        prevWidth = width;
        current = -1;
      }
    } else {
      unweighted[i] = prevRight < 0 ? -1 : nabScaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
    }
  }
  const windowScored = bounds.map((b) => b.right >= probationLength);
  return { probationLength, window, unweighted, windowCount: windows.length, windowScored };
}
