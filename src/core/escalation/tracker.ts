// One topic's escalation state in one object: the series, the new-voices log, the last level (for
// hysteresis) and, optionally, a streaming anomaly scorer fed with the closed minutes' volume.
import { assessLevel, type LevelAssessment, type LevelOptions } from "./level.ts";
import {
  addPost,
  bucketValue,
  createSeries,
  restoreSeries,
  type SeriesEvent,
  type SeriesJson,
  type SeriesState,
  serializeSeries,
} from "./series.ts";
import { createNewVoicesLog, type NewVoicesLog, noteNewVoice } from "./voices.ts";

/**
 * A streaming anomaly scorer: one score in [0, 1] per observation, 0.5 and up meaning an alarm.
 * The anomaly detector (anomaly.ts, `createAnomalyDetector`) satisfies it.
 */
export interface AnomalyScorer {
  update(tMs: number, value: number): number;
}

/** Escalation state of one topic; workers shard by topic, so one tracker lives in one process. */
export interface TopicTracker {
  series: SeriesState;
  voices: NewVoicesLog;
  /** The last assessment, for hysteresis; undefined before the first. */
  previous: LevelAssessment | undefined;
  /** Start of the last minute fed to the scorer; minutes after it are fed at the next assessment. */
  lastFedMinuteMs: number;
  scorer: AnomalyScorer | undefined;
  /** The latest anomaly score of the per-minute volume. */
  anomalyScore: number;
  /** The scores of the last day's minutes, a ring indexed by minute of the day, for the timeline. */
  minuteScores: MinuteScores;
}

const minuteMs = 60_000;

/** Anomaly scores of the last `scoreRingMinutes` minutes: slot = minute % size; `stamps` tells whose score a slot holds. */
export interface MinuteScores {
  stamps: Float64Array;
  scores: Float32Array;
}

/** Minutes of scores kept for the timeline: one day. */
export const scoreRingMinutes = 24 * 60;

function createMinuteScores(): MinuteScores {
  return {
    stamps: new Float64Array(scoreRingMinutes).fill(Number.NaN),
    scores: new Float32Array(scoreRingMinutes),
  };
}

function slotOf(minuteMs: number): number {
  return Math.floor(minuteMs / minuteMs) % scoreRingMinutes;
}

/** The anomaly score the minute starting at `minuteMs` got, or null when it was not scored or is older than a day. */
export function minuteAnomaly(tracker: TopicTracker, minuteMs: number): number | null {
  const slot = slotOf(minuteMs);
  return tracker.minuteScores.stamps[slot] === minuteMs ? (tracker.minuteScores.scores[slot] ?? null) : null;
}

/** The highest minute score in [fromMs, toMs), or null when none of its minutes has a score. */
export function maxAnomalyBetween(tracker: TopicTracker, fromMs: number, toMs: number): number | null {
  let best: number | null = null;
  const start = Math.max(Math.ceil(fromMs / minuteMs) * minuteMs, toMs - scoreRingMinutes * minuteMs);
  for (let t = start; t < toMs; t += minuteMs) {
    const score = minuteAnomaly(tracker, t);
    if (score !== null && (best === null || score > best)) best = score;
  }
  return best;
}

// A scorer that missed more than a day (the minute ring's length) restarts from the last day.
const maxCatchUpMinutes = 24 * 60;

/** A new tracker; `scorer` is optional (without it `anomalyScore` stays 0). */
export function createTopicTracker(scorer?: AnomalyScorer): TopicTracker {
  return {
    series: createSeries(),
    voices: createNewVoicesLog(),
    previous: undefined,
    lastFedMinuteMs: Number.NEGATIVE_INFINITY,
    scorer,
    anomalyScore: 0,
    minuteScores: createMinuteScores(),
  };
}

/** Counts a post into the topic. */
export function trackPost(tracker: TopicTracker, event: SeriesEvent): void {
  addPost(tracker.series, event);
  if (event.isFirstTimeAuthor) noteNewVoice(tracker.voices, event.authorKey, event.tMs);
}

/** Feeds every minute that closed since the last call to the scorer, then assesses the level with hysteresis. */
export function assessTopic(
  tracker: TopicTracker,
  now: number,
  options: Partial<LevelOptions> = {},
): LevelAssessment & { anomalyScore: number } {
  const scorer = tracker.scorer;
  if (scorer !== undefined) {
    const lastClosed = Math.floor(now / minuteMs) * minuteMs - minuteMs;
    let minute = Math.max(
      tracker.lastFedMinuteMs + minuteMs,
      lastClosed - (maxCatchUpMinutes - 1) * minuteMs,
    );
    if (!Number.isFinite(tracker.lastFedMinuteMs)) {
      // Start where the topic's data starts, not a day before it.
      minute = Math.max(minute, Math.floor(tracker.series.firstMs / minuteMs) * minuteMs);
    }
    for (; minute <= lastClosed; minute += minuteMs) {
      tracker.anomalyScore = scorer.update(minute, bucketValue(tracker.series, "minute", minute, "volume"));
      tracker.lastFedMinuteMs = minute;
      const slot = slotOf(minute);
      tracker.minuteScores.stamps[slot] = minute;
      tracker.minuteScores.scores[slot] = tracker.anomalyScore;
    }
  }
  const assessment = assessLevel(tracker.series, now, tracker.previous, options);
  tracker.previous = assessment;
  return { ...assessment, anomalyScore: tracker.anomalyScore };
}

/** The tracker's state as JSON (the scorer keeps its own). */
export interface TopicTrackerJson {
  series: SeriesJson;
  voices: NewVoicesLog;
  previous: LevelAssessment | null;
  lastFedMinuteMs: number | null;
  anomalyScore: number;
  /** `[minuteMs, score]` of the scored minutes of the last day. */
  minuteScores?: [number, number][];
}

/** The tracker as JSON, to store when a worker stops. */
export function serializeTopicTracker(tracker: TopicTracker): TopicTrackerJson {
  return {
    series: serializeSeries(tracker.series),
    voices: { capacity: tracker.voices.capacity, entries: [...tracker.voices.entries] },
    previous: tracker.previous ?? null,
    lastFedMinuteMs: Number.isFinite(tracker.lastFedMinuteMs) ? tracker.lastFedMinuteMs : null,
    anomalyScore: tracker.anomalyScore,
    minuteScores: [...tracker.minuteScores.stamps]
      .map((stamp, slot): [number, number] => [stamp, tracker.minuteScores.scores[slot] ?? 0])
      .filter(([stamp]) => !Number.isNaN(stamp)),
  };
}

/** Rebuilds a tracker from `serializeTopicTracker`'s JSON, with the scorer restored by its owner. */
export function restoreTopicTracker(json: TopicTrackerJson, scorer?: AnomalyScorer): TopicTracker {
  return {
    series: restoreSeries(json.series),
    voices: { capacity: json.voices.capacity, entries: [...json.voices.entries] },
    previous: json.previous ?? undefined,
    lastFedMinuteMs: json.lastFedMinuteMs ?? Number.NEGATIVE_INFINITY,
    scorer,
    anomalyScore: json.anomalyScore,
    minuteScores: restoreMinuteScores(json.minuteScores ?? []),
  };
}

function restoreMinuteScores(entries: readonly [number, number][]): MinuteScores {
  const ring = createMinuteScores();
  for (const [stamp, score] of entries) {
    const slot = slotOf(stamp);
    ring.stamps[slot] = stamp;
    ring.scores[slot] = score;
  }
  return ring;
}
