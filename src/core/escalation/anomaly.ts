import {
  createSlidingMax,
  createSlidingWindow,
  type SlidingMax,
  type SlidingWindow,
} from "./anomaly.window.ts";

/** Tuning of the anomaly detector; the defaults are the one parameter set tuned on NAB (see bench:nab). */
export interface AnomalyDetectorOptions {
  /** Values in the short robust baseline (the recent level). */
  shortWindow: number;
  /** Steps covered by the long baselines (typical range of values, steps and seasonal residuals). */
  longWindow: number;
  /** Only every n-th step enters the long baselines: order statistics of a sample, at a fraction of the cost. */
  longStride: number;
  /** Values whose median is compared with the long baseline, to catch level shifts that single values hide. */
  levelWindow: number;
  /** Robust z-score of the value against the short baseline that counts as one unit of surprise. */
  shortScale: number;
  /** Robust z-score of the value against the long baseline that counts as one unit of surprise. */
  longScale: number;
  /** Robust z-score of the recent median against the long baseline that counts as one unit of surprise. */
  levelScale: number;
  /** Robust z-score of the step from the previous value, among past steps, that counts as one unit. */
  diffScale: number;
  /** |log| of short to long spread that counts as one unit of surprise (variance changes, flat stretches). */
  spreadScale: number;
  /** Robust z-score of the value against its hour-of-day mean, among past such residuals, that counts as one unit. */
  seasonScale: number;
  /**
   * Smallest spread, in units of the data's resolution (the smallest change seen between two values: 1 for
   * counts). Keeps a first post after hours of zeros from scoring as an infinitely large surprise.
   */
  resolutionSpread: number;
  /** Past surprises the current one is compared with: a score of 0.5 means "as surprising as the worst of these". */
  recordWindow: number;
  /** Steps scored 0 while the baselines fill. */
  warmup: number;
  /** Score at or above which an alarm is raised and the following scores are held below it. */
  alarmLevel: number;
  /** Steps after an alarm during which scores stay below `alarmLevel`, so one event raises one alarm. */
  refractorySteps: number;
}

/** The parameter set used when no options are given, tuned on NAB without realTweets (scripts/bench-nab.ts). */
export const defaultAnomalyDetectorOptions: Readonly<AnomalyDetectorOptions> = {
  shortWindow: 32,
  longWindow: 1600,
  longStride: 4,
  levelWindow: 50,
  shortScale: 12,
  longScale: 6,
  levelScale: 3,
  diffScale: 10,
  spreadScale: 2,
  seasonScale: 6,
  recordWindow: 1000,
  resolutionSpread: 1,
  warmup: 50,
  alarmLevel: 0.5,
  refractorySteps: 100,
};

/** Everything the detector has learnt, as plain JSON, so a topic's detector survives a restart. */
export interface AnomalyDetectorState {
  version: 1;
  options: AnomalyDetectorOptions;
  steps: number;
  previous: number | null;
  /** Smallest non-zero change between two consecutive values seen; null before any. */
  resolution: number | null;
  shortValues: number[];
  longValues: number[];
  levelValues: number[];
  diffValues: number[];
  residualValues: number[];
  surpriseValues: number[];
  hourMeans: number[];
  hourCounts: number[];
  stepsSinceAlarm: number;
}

/** An online, causal anomaly detector: one score in [0, 1] per observation, from the past and present only. */
export interface AnomalyDetector {
  /** Feeds the value observed at `timestampMs` and returns its anomaly score; a missing value (NaN) scores 0. */
  update(timestampMs: number, value: number): number;
  /** The detector's state as plain JSON, for `restoreAnomalyDetector`. */
  toJSON(): AnomalyDetectorState;
}

// Values beyond this are clamped, so that differences and spreads of two values stay finite.
const largestValue = 1e150;
const hourMs = 3_600_000;
// The hour-of-day mean forgets like a mean of its last 50 values, so it follows slow growth.
const hourMemory = 50;

function robustScale(window: SlidingWindow, center: number, floor: number): number {
  // IQR / 1.349 estimates the standard deviation of normal values; the floors keep flat and mostly-zero
  // series from dividing by zero: a tenth of the interdecile range, a Poisson-like sqrt of the level for
  // counts, or a tiny absolute value.
  const iqr = (window.quantile(0.75) - window.quantile(0.25)) / 1.349;
  const spread = (window.quantile(0.9) - window.quantile(0.1)) * 0.1;
  return Math.max(iqr, spread, Math.sqrt(Math.abs(center)) * 0.1, floor, 1e-9);
}

function robustZ(window: SlidingWindow, value: number, floor: number): number {
  if (window.size() < 2) return 0;
  const center = window.quantile(0.5);
  return Math.abs(value - center) / robustScale(window, center, floor);
}

/** Creates a detector with the default parameter set, overridden by `options`. */
export function createAnomalyDetector(options: Partial<AnomalyDetectorOptions> = {}): AnomalyDetector {
  return detectorFrom({ ...defaultAnomalyDetectorOptions, ...options }, undefined);
}

/** Recreates a detector from the state `toJSON` returned, so that it scores on as if it had never stopped. */
export function restoreAnomalyDetector(state: AnomalyDetectorState): AnomalyDetector {
  return detectorFrom(state.options, state);
}

function detectorFrom(o: AnomalyDetectorOptions, state: AnomalyDetectorState | undefined): AnomalyDetector {
  const longCapacity = Math.max(2, Math.ceil(o.longWindow / o.longStride));
  const short = createSlidingWindow(o.shortWindow, state?.shortValues);
  const long = createSlidingWindow(longCapacity, state?.longValues);
  const level = createSlidingWindow(o.levelWindow, state?.levelValues);
  const diffs = createSlidingWindow(longCapacity, state?.diffValues);
  const residuals = createSlidingWindow(longCapacity, state?.residualValues);
  const surprises: SlidingMax = createSlidingMax(o.recordWindow, state?.surpriseValues);
  const hourMeans = Float64Array.from(state?.hourMeans ?? new Array<number>(24).fill(0));
  const hourCounts = Float64Array.from(state?.hourCounts ?? new Array<number>(24).fill(0));
  let steps = state?.steps ?? 0;
  let previous = state?.previous ?? Number.NaN;
  // The smallest non-zero change seen so far, this step's included; Infinity until the first change.
  let resolution = state?.resolution ?? Number.POSITIVE_INFINITY;
  let stepsSinceAlarm = state?.stepsSinceAlarm ?? Number.MAX_SAFE_INTEGER;

  /** How unusual `value` is, in units of each component's scale, against what came before it. */
  function surpriseOf(value: number, hour: number): { surprise: number; seasonal: number } {
    const seasonal = (hourCounts[hour] as number) > 0 ? value - (hourMeans[hour] as number) : Number.NaN;
    if (long.size() < 2) return { surprise: 0, seasonal };
    const longCenter = long.quantile(0.5);
    const floor = Number.isFinite(resolution) ? resolution * o.resolutionSpread : 0;
    const longSpread = robustScale(long, longCenter, floor);
    const shortCenter = short.quantile(0.5);
    const shortSpread = robustScale(short, shortCenter, floor);
    const diff = value - previous;
    const surprise = Math.max(
      Math.abs(value - shortCenter) / shortSpread / o.shortScale,
      Math.abs(value - longCenter) / longSpread / o.longScale,
      Math.abs(level.quantile(0.5) - longCenter) / longSpread / o.levelScale,
      Number.isFinite(diff) ? robustZ(diffs, diff, floor) / o.diffScale : 0,
      Math.abs(Math.log(shortSpread / longSpread)) / o.spreadScale,
      Number.isFinite(seasonal) ? robustZ(residuals, seasonal, floor) / o.seasonScale : 0,
    );
    return { surprise, seasonal };
  }

  function learn(value: number, hour: number, seasonal: number): void {
    short.push(value);
    if (steps % o.longStride === 0) {
      long.push(value);
      if (Number.isFinite(previous)) diffs.push(value - previous);
      if (Number.isFinite(seasonal)) residuals.push(seasonal);
    }
    previous = value;
    hourCounts[hour] = (hourCounts[hour] as number) + 1;
    const mean = hourMeans[hour] as number;
    hourMeans[hour] = mean + (value - mean) / Math.min(hourCounts[hour] as number, hourMemory);
    steps++;
  }

  function update(timestampMs: number, observed: number): number {
    if (!Number.isFinite(observed)) return 0;
    const value = Math.max(-largestValue, Math.min(largestValue, observed));
    const hour = Number.isFinite(timestampMs) ? Math.floor(timestampMs / hourMs) % 24 : 0;
    const change = Math.abs(value - previous);
    if (change > 0 && change < resolution) resolution = change;
    level.push(value);
    const { surprise, seasonal } = surpriseOf(value, hour);
    // Surprise relative to the worst of the recent past: a file or topic with noisy data needs a bigger jolt.
    const ratio = surprise / (Math.max(surprises.max(), 0) + 1e-9);
    surprises.push(surprise);
    learn(value, hour, seasonal);
    if (steps <= o.warmup || !(ratio >= 0)) return 0;
    let score = ratio / (1 + ratio);
    stepsSinceAlarm++;
    if (stepsSinceAlarm <= o.refractorySteps) score = Math.min(score, o.alarmLevel * 0.99);
    else if (score >= o.alarmLevel) stepsSinceAlarm = 0;
    return score;
  }

  function toJSON(): AnomalyDetectorState {
    return {
      version: 1,
      options: { ...o },
      steps,
      previous: Number.isFinite(previous) ? previous : null,
      resolution: Number.isFinite(resolution) ? resolution : null,
      shortValues: short.values(),
      longValues: long.values(),
      levelValues: level.values(),
      diffValues: diffs.values(),
      residualValues: residuals.values(),
      surpriseValues: surprises.values(),
      hourMeans: Array.from(hourMeans),
      hourCounts: Array.from(hourCounts),
      stepsSinceAlarm,
    };
  }

  return { update, toJSON };
}
