import {
  createPatternMemory,
  createSlidingMax,
  createSlidingWindow,
  type PatternMemory,
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
  /** Raw values averaged into one point of the coarse series whose shapes the pattern memory compares. */
  patternStride: number;
  /** Coarse points in one pattern (patternStride × patternLength raw steps). */
  patternLength: number;
  /** Earlier patterns searched for the nearest neighbour of the newest one (patternStride × this steps back). */
  patternMemory: number;
  /**
   * RMS distance to the nearest earlier pattern, in long-baseline spreads, that counts as one unit of pattern
   * novelty; novelty below one unit never raises an alarm.
   */
  patternScale: number;
  /** Past surprises the current one is compared with: a score of 0.5 means "as surprising as the worst of these". */
  recordWindow: number;
  /** First steps whose surprises do not enter the record: the baselines are too young for them to mean anything. */
  recordDelay: number;
  /** Steps scored 0 while the baselines and the record fill. */
  warmup: number;
  /** Score at or above which an alarm is raised and the following scores are held below it. */
  alarmLevel: number;
  /** Steps after an alarm during which scores stay below `alarmLevel`, so one event raises one alarm. */
  refractorySteps: number;
  /**
   * Within the refractory period, a surprise this many times the record (which holds the alarm's own) still
   * raises an alarm: a second wave much larger than the first is news, not the first one's aftermath.
   */
  refractoryBreakRatio: number;
  /** Steps right after an alarm in which not even such a surprise breaks through (the same event going on). */
  refractoryBreakAfter: number;
  /**
   * A value beyond the highest (or lowest) value seen since `recordDelay` by this share of the range seen (and
   * by `rangeFloor` resolution units) is a new extreme: it counts as a surprise `rangeRatio` times the record.
   */
  rangeMargin: number;
  rangeFloor: number;
  rangeRatio: number;
  /** …provided the other components find it at least this surprising (ratio to the record): not noise alone. */
  rangeMinRatio: number;
  /**
   * An alarm this many steps or fewer after the previous one (once its refractory period is over) means the
   * topic keeps alarming: the refractory period after it is `chainFactor` times the last one, at most
   * `chainMax` steps. An alarm after a longer calm, or a second wave breaking through, sets it back to
   * `refractorySteps`.
   */
  chainWindow: number;
  chainFactor: number;
  chainMax: number;
}

/** The parameter set used when no options are given, tuned on NAB without realTweets (scripts/bench-nab.ts). */
export const defaultAnomalyDetectorOptions: Readonly<AnomalyDetectorOptions> = {
  shortWindow: 32,
  longWindow: 1600,
  longStride: 4,
  levelWindow: 50,
  shortScale: 19.2,
  longScale: 6,
  levelScale: 3,
  diffScale: 12.5,
  spreadScale: 2,
  seasonScale: 6,
  resolutionSpread: 1,
  patternStride: 8,
  patternLength: 3,
  patternMemory: 128,
  patternScale: 1,
  recordWindow: 1000,
  recordDelay: 50,
  warmup: 150,
  alarmLevel: 0.5,
  refractorySteps: 100,
  refractoryBreakRatio: 3,
  refractoryBreakAfter: 30,
  rangeMargin: 0.04,
  rangeFloor: 3,
  rangeRatio: 3,
  rangeMinRatio: 0.3,
  chainWindow: 1500,
  chainFactor: 1.5,
  chainMax: 600,
};

/** Everything the detector has learnt, as plain JSON, so a topic's detector survives a restart. */
export interface AnomalyDetectorState {
  version: 2;
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
  /** Steps the scores are held below the alarm level after the last alarm; absent in older states (the default). */
  refractory?: number;
  /** Coarse points of the pattern memory, oldest first. */
  patternPoints: number[];
  /** Sum and number of the raw values of the coarse point being filled. */
  patternSum: number;
  patternCount: number;
  /** Past pattern novelties (one per coarse point), oldest first. */
  patternNovelties: number[];
  /**
   * Lowest and highest value seen since `recordDelay` (null before any); absent in states written before
   * they were kept, which restore them from the long baseline's values.
   */
  seenMin?: number | null;
  seenMax?: number | null;
}

/** The state before the pattern memory existed (version 1): restored with an empty pattern memory. */
export type AnomalyDetectorStateV1 = Omit<
  AnomalyDetectorState,
  "version" | "patternPoints" | "patternSum" | "patternCount" | "patternNovelties"
> & { version: 1 };

/** An online, causal anomaly detector: one score in [0, 1] per observation, from the past and present only. */
export interface AnomalyDetector {
  /** Feeds the value observed at `timestampMs` and returns its anomaly score; a missing value (NaN) scores 0. */
  update(timestampMs: number, value: number): number;
  /** The detector's state as plain JSON, for `restoreAnomalyDetector`. */
  toJSON(): AnomalyDetectorState;
}

// Values beyond this are clamped, so that differences, spreads and squared distances stay finite.
const largestValue = 1e150;
const hourMs = 3_600_000;
// The hour-of-day mean forgets like a mean of its last 50 values, so it follows slow growth.
const hourMemory = 50;
// A pattern is only judged once this many earlier patterns can be compared with it.
const patternMinimum = 32;

/**
 * The spread of a window without the floor that depends on the data's resolution: IQR / 1.349 estimates the
 * standard deviation of normal values; a tenth of the interdecile range and a Poisson-like sqrt of the level
 * (for counts) keep flat and mostly-zero series from dividing by zero.
 */
function spreadOf(window: SlidingWindow, center: number): number {
  const iqr = (window.quantile(0.75) - window.quantile(0.25)) / 1.349;
  const spread = (window.quantile(0.9) - window.quantile(0.1)) * 0.1;
  return Math.max(iqr, spread, Math.sqrt(Math.abs(center)) * 0.1, 1e-9);
}

/** Creates a detector with the default parameter set, overridden by `options`. */
export function createAnomalyDetector(options: Partial<AnomalyDetectorOptions> = {}): AnomalyDetector {
  return detectorFrom({ ...defaultAnomalyDetectorOptions, ...options }, undefined);
}

/**
 * Recreates a detector from the state `toJSON` returned, so that it scores on as if it had never stopped.
 * A version-1 state (before the pattern memory) is accepted: its pattern memory starts empty.
 */
export function restoreAnomalyDetector(
  state: AnomalyDetectorState | AnomalyDetectorStateV1,
): AnomalyDetector {
  return detectorFrom(
    { ...defaultAnomalyDetectorOptions, ...state.options },
    state.version === 2
      ? state
      : { ...state, version: 2, patternPoints: [], patternSum: 0, patternCount: 0, patternNovelties: [] },
  );
}

function detectorFrom(o: AnomalyDetectorOptions, state: AnomalyDetectorState | undefined): AnomalyDetector {
  const longCapacity = Math.max(2, Math.ceil(o.longWindow / o.longStride));
  const short = createSlidingWindow(o.shortWindow, state?.shortValues);
  const long = createSlidingWindow(longCapacity, state?.longValues);
  const level = createSlidingWindow(o.levelWindow, state?.levelValues);
  const diffs = createSlidingWindow(longCapacity, state?.diffValues);
  const residuals = createSlidingWindow(longCapacity, state?.residualValues);
  const surprises: SlidingMax = createSlidingMax(o.recordWindow, state?.surpriseValues);
  const patterns: PatternMemory = createPatternMemory(
    o.patternLength,
    o.patternMemory,
    state?.patternPoints ?? [],
  );
  const novelties: SlidingMax = createSlidingMax(
    Math.max(2, Math.ceil(o.recordWindow / o.patternStride)),
    state?.patternNovelties,
  );
  const hourMeans = Float64Array.from(state?.hourMeans ?? new Array<number>(24).fill(0));
  const hourCounts = Float64Array.from(state?.hourCounts ?? new Array<number>(24).fill(0));
  let steps = state?.steps ?? 0;
  let previous = state?.previous ?? Number.NaN;
  // The smallest non-zero change seen so far, this step's included; Infinity until the first change.
  let resolution = state?.resolution ?? Number.POSITIVE_INFINITY;
  let stepsSinceAlarm = state?.stepsSinceAlarm ?? Number.MAX_SAFE_INTEGER;
  let refractory = state?.refractory ?? o.refractorySteps;
  let patternSum = state?.patternSum ?? 0;
  let patternCount = state?.patternCount ?? 0;
  // A state written before the range was kept: the long baseline's values stand in for it.
  const longValues = state?.longValues ?? [];
  const olderState = state !== undefined && state.seenMin === undefined && longValues.length > 0;
  let seenMin = olderState ? Math.min(...longValues) : (state?.seenMin ?? Number.POSITIVE_INFINITY);
  let seenMax = olderState ? Math.max(...longValues) : (state?.seenMax ?? Number.NEGATIVE_INFINITY);

  // The long windows change only every longStride steps: their medians and spreads are kept between changes.
  let longCenter = 0;
  let longSpread = 0;
  let diffCenter = 0;
  let diffSpread = 0;
  let residualCenter = 0;
  let residualSpread = 0;
  function refreshLong(): void {
    longCenter = long.quantile(0.5);
    longSpread = spreadOf(long, longCenter);
    diffCenter = diffs.quantile(0.5);
    diffSpread = spreadOf(diffs, diffCenter);
    residualCenter = residuals.quantile(0.5);
    residualSpread = spreadOf(residuals, residualCenter);
  }
  refreshLong();

  /** How unusual `value` is, in units of each component's scale, against what came before it. */
  function surpriseOf(value: number, seasonal: number): number {
    if (long.size() < 2) return 0;
    const floor = resolution < Number.POSITIVE_INFINITY ? resolution * o.resolutionSpread : 0;
    const longScale = Math.max(longSpread, floor);
    const shortCenter = short.quantile(0.5);
    const shortScale = Math.max(spreadOf(short, shortCenter), floor);
    const diff = value - previous;
    let surprise = Math.max(
      Math.abs(value - shortCenter) / shortScale / o.shortScale,
      Math.abs(value - longCenter) / longScale / o.longScale,
      Math.abs(level.quantile(0.5) - longCenter) / longScale / o.levelScale,
      Math.abs(Math.log(shortScale / longScale)) / o.spreadScale,
    );
    if (!Number.isNaN(diff) && diffs.size() >= 2) {
      const z = Math.abs(diff - diffCenter) / Math.max(diffSpread, floor) / o.diffScale;
      if (z > surprise) surprise = z;
    }
    if (!Number.isNaN(seasonal) && residuals.size() >= 2) {
      const z = Math.abs(seasonal - residualCenter) / Math.max(residualSpread, floor) / o.seasonScale;
      if (z > surprise) surprise = z;
    }
    return surprise;
  }

  /**
   * Feeds the coarse series; when a coarse point completes, returns how much more novel the newest pattern is
   * (distance to its nearest earlier pattern, in long spreads) than the novelties of the recent past; else 0.
   */
  function patternRatio(value: number): number {
    patternSum += value;
    patternCount++;
    if (patternCount < o.patternStride) return 0;
    patterns.push(patternSum / patternCount);
    patternSum = 0;
    patternCount = 0;
    if (patterns.candidates() < patternMinimum || long.size() < 2) return 0;
    const floor = resolution < Number.POSITIVE_INFINITY ? resolution * o.resolutionSpread : 0;
    const novelty = patterns.nearestDistance() / Math.max(longSpread, floor) / o.patternScale;
    const ratio = novelty / Math.max(novelties.max(), 1);
    if (steps >= o.recordDelay) novelties.push(novelty);
    return ratio;
  }

  /** Whether `value` lies beyond everything seen so far by the range margin (never before a range exists). */
  function isNewExtreme(value: number): boolean {
    const range = seenMax - seenMin;
    if (!(range > 0) || !Number.isFinite(range)) return false;
    const floor = resolution < Number.POSITIVE_INFINITY ? resolution * o.rangeFloor : 0;
    const margin = Math.max(range * o.rangeMargin, floor);
    return value > seenMax + margin || value < seenMin - margin;
  }

  function learn(value: number, hour: number, seasonal: number): void {
    short.push(value);
    if (steps % o.longStride === 0) {
      long.push(value);
      if (!Number.isNaN(previous)) diffs.push(value - previous);
      if (!Number.isNaN(seasonal)) residuals.push(seasonal);
      refreshLong();
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
    const seasonal = (hourCounts[hour] as number) > 0 ? value - (hourMeans[hour] as number) : Number.NaN;
    const surprise = surpriseOf(value, seasonal);
    // Surprise relative to the worst of the recent past: a file or topic with noisy data needs a bigger jolt.
    // Pattern novelty is judged against its own past, as its units differ.
    let ratio = surprise / (Math.max(surprises.max(), 0) + 1e-9);
    const pattern = patternRatio(value);
    if (pattern > ratio) ratio = pattern;
    if (steps >= o.warmup && ratio >= o.rangeMinRatio && isNewExtreme(value) && o.rangeRatio > ratio) {
      ratio = o.rangeRatio;
    }
    if (steps >= o.recordDelay) {
      surprises.push(surprise);
      if (value < seenMin) seenMin = value;
      if (value > seenMax) seenMax = value;
    }
    learn(value, hour, seasonal);
    if (steps <= o.warmup || !(ratio >= 0)) return 0;
    let score = ratio === Number.POSITIVE_INFINITY ? 1 : ratio / (1 + ratio);
    stepsSinceAlarm++;
    const breaksThrough = ratio >= o.refractoryBreakRatio && stepsSinceAlarm > o.refractoryBreakAfter;
    if (stepsSinceAlarm <= refractory && !breaksThrough) score = Math.min(score, o.alarmLevel * 0.99);
    else if (score >= o.alarmLevel) {
      // Alarm after alarm lengthens the period; a calm, or a second wave breaking through (a new event), resets it.
      const chained = stepsSinceAlarm > refractory && stepsSinceAlarm <= o.chainWindow;
      refractory = chained ? Math.min(o.chainMax, refractory * o.chainFactor) : o.refractorySteps;
      stepsSinceAlarm = 0;
    }
    return score;
  }

  function toJSON(): AnomalyDetectorState {
    return {
      version: 2,
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
      refractory,
      patternPoints: patterns.values(),
      patternSum,
      patternCount,
      patternNovelties: novelties.values(),
      seenMin: Number.isFinite(seenMin) ? seenMin : null,
      seenMax: Number.isFinite(seenMax) ? seenMax : null,
    };
  }

  return { update, toJSON };
}
