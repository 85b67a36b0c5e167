// Escalation level 0–6 after the Shitstorm-Skala (Graf & Schwede 2012, "Die Shitstorm-Skala",
// https://www.feinheit.ch/blog/2012/04/05/die-shitstorm-skala/), turned into measurable criteria.
// The table and its reasoning are in docs/ESCALATION.md; change both together.
import type { StakeholderGroup } from "../scenario/scenario.schema.ts";
import {
  bucketValue,
  groupsBetween,
  isRetained,
  mediaAccountsBetween,
  organisedGroups,
  type SeriesField,
  type SeriesState,
  totalsBetween,
  volumeBetween,
} from "./series.ts";

/** Escalation level of the Shitstorm-Skala: 0 no critical voices … 6 storm with mainstream media. */
export type EscalationLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A measured quantity a level criterion can test. */
export type MetricCode =
  | "volume_ratio"
  | "volume"
  | "negative_share"
  | "critical_authors"
  | "reach_ratio"
  | "platforms"
  | "media_accounts"
  | "stakeholder_groups"
  | "doubling_minutes";

/** What the level is computed from, all at one instant. */
export interface EscalationMetrics {
  /** Posts in the last 60 minutes. */
  volume: number;
  /** Normal posts per hour (robust baseline, at least `minBaselinePerHour`). */
  baselinePerHour: number;
  /** Where the baseline came from. */
  baselineSource: BaselineSource;
  /** `volume / baselinePerHour`. */
  volumeRatio: number;
  /** Critical posts in the last 60 minutes. */
  negative: number;
  /** `negative / volume`; 0 without posts. */
  negativeShare: number;
  /** Distinct authors of critical posts in the last 60 minutes. */
  criticalAuthors: number;
  /** Followers reached by critical posts in the last 60 minutes. */
  negativeReach: number;
  /** Normal followers reached by critical posts per hour (at least `minBaselineReach`). */
  baselineReachPerHour: number;
  /** `negativeReach / baselineReachPerHour`. */
  reachRatio: number;
  /** Platforms with critical posts in the last 60 minutes. */
  platforms: number;
  /** Distinct press, radio and TV accounts posting in the last 6 hours. */
  mediaAccounts: number;
  /** Distinct organised stakeholder groups (associations, authorities, politics, …) posting in the last 6 hours. */
  stakeholderGroups: number;
  /** Minutes the volume takes to double at the current growth; null when it does not grow. */
  doublingMinutes: number | null;
}

/** Where a baseline came from, best first. */
export type BaselineSource = "hour_of_week" | "hour_of_day" | "recent_hours" | "none";

/** One test of a level: the metric must reach the threshold (at most it, for `doubling_minutes`). */
export interface Criterion {
  metric: MetricCode;
  threshold: number;
}

/** A level's rule: every `allOf` criterion and, when given, at least one `anyOf` criterion. */
export interface LevelRule {
  level: Exclude<EscalationLevel, 0>;
  allOf: Criterion[];
  anyOf?: Criterion[];
}

// A storm in social media: many critical voices on several platforms (level 4); level 5 adds the media.
const stormCriteria: readonly Criterion[] = [
  { metric: "volume_ratio", threshold: 5 },
  { metric: "volume", threshold: 50 },
  { metric: "negative_share", threshold: 0.5 },
  { metric: "critical_authors", threshold: 20 },
  { metric: "platforms", threshold: 2 },
];

/** The default criteria table; docs/ESCALATION.md explains every number. */
export const defaultLevelRules: readonly LevelRule[] = [
  { level: 1, allOf: [{ metric: "critical_authors", threshold: 1 }] },
  { level: 2, allOf: [{ metric: "critical_authors", threshold: 3 }] },
  {
    level: 3,
    allOf: [
      { metric: "volume_ratio", threshold: 2 },
      { metric: "negative_share", threshold: 0.3 },
      { metric: "critical_authors", threshold: 5 },
    ],
    anyOf: [
      { metric: "doubling_minutes", threshold: 120 },
      { metric: "reach_ratio", threshold: 2 },
    ],
  },
  { level: 4, allOf: [...stormCriteria] },
  {
    level: 5,
    allOf: [...stormCriteria, { metric: "media_accounts", threshold: 1 }],
    anyOf: [
      { metric: "media_accounts", threshold: 2 },
      { metric: "stakeholder_groups", threshold: 2 },
    ],
  },
  {
    level: 6,
    allOf: [
      { metric: "volume_ratio", threshold: 20 },
      { metric: "volume", threshold: 500 },
      { metric: "negative_share", threshold: 0.5 },
      { metric: "critical_authors", threshold: 150 },
      { metric: "platforms", threshold: 3 },
      { metric: "media_accounts", threshold: 5 },
    ],
  },
];

/** Tunables of `assessLevel`; every field has a default. */
export interface LevelOptions {
  rules: readonly LevelRule[];
  /** Normal volume never counts as less than this many posts per hour, so 2 posts in a quiet topic are no storm. */
  minBaselinePerHour: number;
  /** Normal critical reach never counts as less than this many followers per hour. */
  minBaselineReach: number;
  /** A level is kept while its criteria hold at this fraction of their thresholds (hysteresis band). */
  exitFactor: number;
  /** After the criteria stop holding, the level stays this long, then drops one step (and waits again). */
  coolDownMs: number;
  /** Posts in the last 30 minutes below which no doubling time is reported (too few to measure growth). */
  minGrowthPosts: number;
  /** Language of `explanation`. */
  lang: "de" | "en";
}

/** The defaults of `LevelOptions`. */
export const defaultLevelOptions: LevelOptions = {
  rules: defaultLevelRules,
  minBaselinePerHour: 3,
  minBaselineReach: 1000,
  exitFactor: 0.7,
  coolDownMs: 30 * 60_000,
  minGrowthPosts: 10,
  lang: "de",
};

/** One criterion as evidence: the measured value against its threshold. */
export interface LevelReason {
  metric: MetricCode;
  value: number | null;
  threshold: number;
  /** Whether the value reaches the threshold. */
  met: boolean;
  /** True for the rule's `allOf` criteria; false for its `anyOf` alternatives (one of them suffices). */
  required: boolean;
}

/** The result of `assessLevel`; pass it back as `previous` next time for hysteresis. */
export interface LevelAssessment {
  /** The level to show and alert on (after hysteresis). */
  level: EscalationLevel;
  /** The level the criteria give right now, without hysteresis. */
  rawLevel: EscalationLevel;
  /** Whether `level` is higher than `rawLevel` because of hysteresis. */
  held: boolean;
  /** Evidence: the criteria of `level`'s rule with their values. */
  reasons: LevelReason[];
  /** One line for people, e.g. "Stufe 4: 7,3× normales Volumen, 81 % negativ, …". */
  explanation: string;
  metrics: EscalationMetrics;
  /** When this assessment was made. */
  atMs: number;
  /** Since when the level has been `level`. */
  sinceMs: number;
  /** Last time the criteria of `level` held (at entry or exit thresholds); the cool-down counts from here. */
  lastHeldMs: number;
}

const minuteMs = 60_000;
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

function median(values: Float64Array, count: number): number {
  // Typed arrays sort numerically without a comparator, which is much faster for these few values.
  const sorted = values.subarray(0, count).sort();
  const middle = count >> 1;
  return count % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const samples = new Float64Array(24);

// Fills `samples` with `field` of the hour buckets `step` apart before the current hour; stops at the
// topic's first hour or the end of the ring. Returns how many it found.
function collectHours(
  series: SeriesState,
  currentHour: number,
  firstHour: number,
  step: number,
  count: number,
  field: SeriesField,
): number {
  let found = 0;
  for (let k = 1; k <= count; k++) {
    const start = currentHour - k * step;
    if (start < firstHour || !isRetained(series, "hour", start)) break;
    samples[found++] = bucketValue(series, "hour", start, field);
  }
  return found;
}

/**
 * The normal hourly value of `field` at `now`: the median of the same hour of the week over the last
 * 4 weeks (at least 2 of them known), else of the same hour of day over the last 7 days (at least 3),
 * else of the last 24 hours (at least 3). Medians ignore a past storm; hours before the topic's first
 * post are unknown, not zero. Hours are UTC hours, so daylight saving shifts the weekly pattern by one
 * hour twice a year — small against the hour-to-hour noise.
 */
export function normalHourly(
  series: SeriesState,
  now: number,
  field: SeriesField,
): { value: number; source: BaselineSource; samples: number } {
  const currentHour = Math.floor(now / hourMs) * hourMs;
  const firstHour = Math.floor(series.firstMs / hourMs) * hourMs;
  const weekly = collectHours(series, currentHour, firstHour, 7 * dayMs, 4, field);
  if (weekly >= 2) return { value: median(samples, weekly), source: "hour_of_week", samples: weekly };
  const daily = collectHours(series, currentHour, firstHour, dayMs, 7, field);
  if (daily >= 3) return { value: median(samples, daily), source: "hour_of_day", samples: daily };
  const recent = collectHours(series, currentHour, firstHour, hourMs, 24, field);
  if (recent >= 3) return { value: median(samples, recent), source: "recent_hours", samples: recent };
  return { value: 0, source: "none", samples: 0 };
}

/**
 * Measures everything the level rules test, from the series at `now`. Baselines change only with the
 * hour, so those of `sameHour` (an earlier measurement in the same hour) are reused.
 */
export function measureEscalation(
  series: SeriesState,
  now: number,
  options: Pick<
    LevelOptions,
    "minBaselinePerHour" | "minBaselineReach" | "minGrowthPosts"
  > = defaultLevelOptions,
  sameHour?: EscalationMetrics,
): EscalationMetrics {
  // Whole minutes ending with the one that holds `now`; at an exact minute boundary that minute is empty
  // and is left out, so "the last hour" is always 60 buckets.
  const nextMinute = Math.ceil(now / minuteMs) * minuteMs;
  const hour = totalsBetween(series, nextMinute - 60 * minuteMs, nextMinute, false);
  const recentHalf = volumeBetween(series, nextMinute - 30 * minuteMs, nextMinute);
  const earlierHalf = hour.volume - recentHalf;
  let baselinePerHour: number;
  let baselineSource: BaselineSource;
  let baselineReach: number;
  if (sameHour !== undefined) {
    ({ baselinePerHour, baselineSource, baselineReachPerHour: baselineReach } = sameHour);
  } else {
    const baseline = normalHourly(series, now, "volume");
    baselinePerHour = Math.max(baseline.value, options.minBaselinePerHour);
    baselineSource = baseline.source;
    baselineReach = Math.max(normalHourly(series, now, "negativeReach").value, options.minBaselineReach);
  }
  // Growth from two half hours: g = (recent + 1) / (earlier + 1) per 30 min; doubling time 30·ln 2 / ln g.
  // The +1 keeps a start from zero finite.
  const growth = (recentHalf + 1) / (earlierHalf + 1);
  const doublingMinutes =
    recentHalf >= options.minGrowthPosts && growth > 1.05 ? (30 * Math.LN2) / Math.log(growth) : null;
  const sixHoursAgo = now - 6 * hourMs;
  return {
    volume: hour.volume,
    baselinePerHour,
    baselineSource,
    volumeRatio: hour.volume / baselinePerHour,
    negative: hour.negative,
    negativeShare: hour.volume > 0 ? hour.negative / hour.volume : 0,
    // The sketch estimate can exceed the exact post count for tiny numbers; an author needs a post.
    criticalAuthors: Math.min(hour.criticalAuthors, hour.negative),
    negativeReach: hour.negativeReach,
    baselineReachPerHour: baselineReach,
    reachRatio: hour.negativeReach / baselineReach,
    platforms: hour.negativePlatforms,
    mediaAccounts: mediaAccountsBetween(series, sixHoursAgo, now).length,
    stakeholderGroups: countOrganised(groupsBetween(series, sixHoursAgo, now)),
    doublingMinutes,
  };
}

function countOrganised(groups: readonly StakeholderGroup[]): number {
  let count = 0;
  for (const group of groups) if (organisedGroups.has(group)) count++;
  return count;
}

function metricValue(metrics: EscalationMetrics, metric: MetricCode): number | null {
  switch (metric) {
    case "volume_ratio":
      return metrics.volumeRatio;
    case "volume":
      return metrics.volume;
    case "negative_share":
      return metrics.negativeShare;
    case "critical_authors":
      return metrics.criticalAuthors;
    case "reach_ratio":
      return metrics.reachRatio;
    case "platforms":
      return metrics.platforms;
    case "media_accounts":
      return metrics.mediaAccounts;
    case "stakeholder_groups":
      return metrics.stakeholderGroups;
    case "doubling_minutes":
      return metrics.doublingMinutes;
  }
}

// `scale` < 1 relaxes every threshold (the exit band): minimums shrink, the maximum doubling time grows.
function meets(metrics: EscalationMetrics, criterion: Criterion, scale: number): boolean {
  const value = metricValue(metrics, criterion.metric);
  if (value === null) return false;
  return criterion.metric === "doubling_minutes"
    ? value <= criterion.threshold / scale
    : value >= criterion.threshold * scale;
}

function ruleHolds(metrics: EscalationMetrics, rule: LevelRule, scale: number): boolean {
  if (!rule.allOf.every((criterion) => meets(metrics, criterion, scale))) return false;
  return rule.anyOf === undefined || rule.anyOf.some((criterion) => meets(metrics, criterion, scale));
}

/** The highest level whose rule holds (thresholds multiplied by `scale`); 0 when none does. */
export function levelFromMetrics(
  metrics: EscalationMetrics,
  rules: readonly LevelRule[] = defaultLevelRules,
  scale = 1,
): EscalationLevel {
  let level: EscalationLevel = 0;
  for (const rule of rules) if (rule.level > level && ruleHolds(metrics, rule, scale)) level = rule.level;
  return level;
}

function reasonsFor(
  metrics: EscalationMetrics,
  level: EscalationLevel,
  rules: readonly LevelRule[],
): LevelReason[] {
  const rule = rules.find((candidate) => candidate.level === level);
  if (rule === undefined) return [];
  const reason = (criterion: Criterion, required: boolean): LevelReason => ({
    metric: criterion.metric,
    value: metricValue(metrics, criterion.metric),
    threshold: criterion.threshold,
    met: meets(metrics, criterion, 1),
    required,
  });
  return [
    ...rule.allOf.map((criterion) => reason(criterion, true)),
    ...(rule.anyOf ?? []).map((criterion) => reason(criterion, false)),
  ];
}

/**
 * Assesses a topic's escalation level at `now`. Up at once when the criteria of a higher level hold;
 * down only after the criteria of the current level have failed even at the relaxed exit thresholds for
 * `coolDownMs`, and then one step at a time — so a storm that pauses for a minute does not flap.
 */
export function assessLevel(
  series: SeriesState,
  now: number,
  previous?: LevelAssessment,
  options: Partial<LevelOptions> = {},
): LevelAssessment {
  const settings = { ...defaultLevelOptions, ...options };
  // Late posts into past hours reach the baseline at the next full hour; the same hour reuses it.
  const sameHour =
    previous !== undefined && Math.floor(previous.atMs / hourMs) === Math.floor(now / hourMs)
      ? previous.metrics
      : undefined;
  const metrics = measureEscalation(series, now, settings, sameHour);
  const rawLevel = levelFromMetrics(metrics, settings.rules);
  let level = rawLevel;
  let sinceMs = now;
  let lastHeldMs = now;
  if (previous !== undefined) {
    if (rawLevel >= previous.level) {
      if (rawLevel === previous.level) sinceMs = previous.sinceMs;
    } else if (levelFromMetrics(metrics, settings.rules, settings.exitFactor) >= previous.level) {
      level = previous.level;
      sinceMs = previous.sinceMs;
    } else if (now - previous.lastHeldMs < settings.coolDownMs) {
      level = previous.level;
      sinceMs = previous.sinceMs;
      lastHeldMs = previous.lastHeldMs;
    } else {
      level = Math.max(rawLevel, previous.level - 1) as EscalationLevel;
    }
  }
  const held = level > rawLevel;
  return {
    level,
    rawLevel,
    held,
    reasons: reasonsFor(metrics, level, settings.rules),
    explanation: explainLevel(level, metrics, settings.lang, held),
    metrics,
    atMs: now,
    sinceMs,
    lastHeldMs,
  };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function formatNumber(value: number, digits: number, lang: "de" | "en"): string {
  const text = value.toFixed(digits);
  return lang === "de" ? text.replace(".", ",") : text;
}

/** The one-line explanation of a level in German or English. */
export function explainLevel(
  level: EscalationLevel,
  metrics: EscalationMetrics,
  lang: "de" | "en",
  held = false,
): string {
  const ratio = formatNumber(metrics.volumeRatio, metrics.volumeRatio < 10 ? 1 : 0, lang);
  const share = Math.round(metrics.negativeShare * 100);
  const doubling = metrics.doublingMinutes === null ? null : Math.max(1, Math.round(metrics.doublingMinutes));
  const parts =
    lang === "de"
      ? [
          `${ratio}× normales Volumen`,
          `${share} % negativ`,
          plural(metrics.criticalAuthors, "kritische Stimme", "kritische Stimmen"),
          plural(metrics.mediaAccounts, "Medienkonto", "Medienkonten"),
          plural(metrics.platforms, "Plattform", "Plattformen"),
          ...(doubling === null ? [] : [`Verdopplung alle ${doubling} Min.`]),
        ]
      : [
          `${ratio}× normal volume`,
          `${share} % negative`,
          plural(metrics.criticalAuthors, "critical voice", "critical voices"),
          plural(metrics.mediaAccounts, "media account", "media accounts"),
          plural(metrics.platforms, "platform", "platforms"),
          ...(doubling === null ? [] : [`doubling every ${doubling} min`]),
        ];
  const heading = lang === "de" ? `Stufe ${level}` : `level ${level}`;
  const hold = held ? (lang === "de" ? " (gehalten, klingt ab)" : " (held while it calms down)") : "";
  return `${heading}${hold}: ${parts.join(", ")}`;
}
