import type { LineSeriesOption, ScatterSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { TimelineResolution } from "../../../src/escalation/escalation.schema.ts";

/** The ECharts option of the topic timeline, typed by the parts it uses. */
export type TimelineOption = ComposeOption<
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** Bucket width per resolution. */
export const resolutionMs: Record<TimelineResolution, number> = {
  minute: 60_000,
  quarter: 15 * 60_000,
  hour: 60 * 60_000,
};

/** From this anomaly score on a bucket counts as unusual (the detector's own threshold, docs/ESCALATION.md). */
export const ANOMALY_THRESHOLD = 0.5;

// A runaway timestamp must not make the browser draw millions of buckets; 14 days of hours is 336.
const MAX_STEPS = 2_000;

/** One step of the timeline: bucket start (epoch ms), posts, critical posts, anomaly score (null: not kept). */
export interface TimelineStep {
  t: number;
  volume: number;
  negative: number;
  anomaly: number | null;
}

/**
 * Lays the server's timeline on a complete grid from its first to its last bucket, oldest first, with 0
 * for buckets the server left out, so a line never bridges a quiet stretch. Points in the same bucket are
 * added up (the anomaly keeps the highest score); unreadable times are skipped.
 */
export function fillTimeline(
  points: readonly { t: string; volume: number; negative: number; anomaly: number | null }[],
  resolution: TimelineResolution,
): TimelineStep[] {
  const width = resolutionMs[resolution];
  const byBucket = new Map<number, TimelineStep>();
  for (const point of points) {
    const time = Date.parse(point.t);
    if (Number.isNaN(time)) continue;
    const t = Math.floor(time / width) * width;
    const seen = byBucket.get(t);
    if (!seen) {
      byBucket.set(t, { t, volume: point.volume, negative: point.negative, anomaly: point.anomaly });
      continue;
    }
    seen.volume += point.volume;
    seen.negative += point.negative;
    if (point.anomaly !== null) seen.anomaly = Math.max(seen.anomaly ?? 0, point.anomaly);
  }
  if (byBucket.size === 0) return [];
  const times = [...byBucket.keys()];
  const last = Math.max(...times);
  const first = Math.max(Math.min(...times), last - (MAX_STEPS - 1) * width);
  const steps: TimelineStep[] = [];
  for (let t = first; t <= last; t += width) {
    steps.push(byBucket.get(t) ?? { t, volume: 0, negative: 0, anomaly: null });
  }
  return steps;
}

/** Whether a step's volume was unusual. */
export function isAnomalous(step: TimelineStep): boolean {
  return step.anomaly !== null && step.anomaly >= ANOMALY_THRESHOLD;
}

/** What the timeline shows, for its text alternative. */
export interface TimelineSummary {
  total: number;
  negative: number;
  /** The busiest bucket (the earliest on a tie); undefined when nothing was posted. */
  peak: TimelineStep | undefined;
  /** Unusual buckets, oldest first. */
  anomalies: TimelineStep[];
}

/** Totals, the peak and the unusual buckets of a timeline. */
export function summariseTimeline(steps: readonly TimelineStep[]): TimelineSummary {
  let total = 0;
  let negative = 0;
  let peak: TimelineStep | undefined;
  for (const step of steps) {
    total += step.volume;
    negative += step.negative;
    if (step.volume > 0 && (!peak || step.volume > peak.volume)) peak = step;
  }
  return { total, negative, peak, anomalies: steps.filter(isAnomalous) };
}

/** How the time axis reads per resolution: times of day for minutes, the weekday for quarters, the date for hours. */
export function timelineTimeFormat(resolution: TimelineResolution, lang: string): Intl.DateTimeFormat {
  if (resolution === "minute") return new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" });
  if (resolution === "quarter") {
    return new Intl.DateTimeFormat(lang, { weekday: "short", hour: "2-digit", minute: "2-digit" });
  }
  return new Intl.DateTimeFormat(lang, {
    day: "2-digit",
    month: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** Series names in the UI language. */
export interface TimelineLabels {
  volume: string;
  negative: string;
  anomaly: string;
}

/** Line and marker colours: Mantine blue-9, red-9 and grape-9, distinct hues, each ≥ 3:1 on white (WCAG 1.4.11). */
export const timelineColours = { volume: "#1864ab", negative: "#c92a2a", anomaly: "#862e9c" } as const;
const axisText = "#495057";

/**
 * The chart: all posts and critical posts as lines over time, and a triangle above every bucket whose
 * volume the anomaly detector found unusual. `formatTime` labels the time axis.
 */
export function timelineOption(
  steps: readonly TimelineStep[],
  labels: TimelineLabels,
  formatTime: (t: number) => string,
): TimelineOption {
  const anomalies: [number, number][] = [];
  steps.forEach((step, index) => {
    if (isAnomalous(step)) anomalies.push([index, step.volume]);
  });
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    legend: { top: 0, textStyle: { color: axisText } },
    tooltip: { trigger: "axis" },
    xAxis: {
      type: "category",
      data: steps.map((step) => formatTime(step.t)),
      axisLabel: { color: axisText, hideOverlap: true },
      axisTick: { alignWithLabel: true },
      boundaryGap: false,
    },
    yAxis: { type: "value", minInterval: 1, axisLabel: { color: axisText } },
    series: [
      {
        name: labels.volume,
        type: "line",
        data: steps.map((step) => step.volume),
        showSymbol: false,
        lineStyle: { color: timelineColours.volume, width: 2 },
        itemStyle: { color: timelineColours.volume },
        areaStyle: { color: timelineColours.volume, opacity: 0.12 },
      },
      {
        name: labels.negative,
        type: "line",
        data: steps.map((step) => step.negative),
        showSymbol: false,
        lineStyle: { color: timelineColours.negative, width: 2 },
        itemStyle: { color: timelineColours.negative },
      },
      {
        name: labels.anomaly,
        type: "scatter",
        data: anomalies,
        symbol: "triangle",
        symbolSize: 12,
        symbolOffset: [0, -10],
        itemStyle: { color: timelineColours.anomaly },
        z: 3,
      },
    ],
  };
}
