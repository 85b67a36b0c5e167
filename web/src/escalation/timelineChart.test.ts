import { describe, expect, it } from "vitest";
import { fillTimeline, summariseTimeline, type TimelineStep, timelineOption } from "./timelineChart.ts";

const at = (iso: string) => Date.parse(iso);
const point = (t: string, volume: number, negative = 0, anomaly: number | null = 0.1) => ({
  t,
  volume,
  negative,
  anomaly,
});

describe("fillTimeline", () => {
  it("fills buckets the server left out with zero posts and no score, oldest first", () => {
    const steps = fillTimeline(
      [point("2025-11-25T11:03:00Z", 4, 1), point("2025-11-25T11:00:00Z", 2, 2, 0.7)],
      "minute",
    );
    expect(
      steps.map((s) => [new Date(s.t).toISOString().slice(11, 16), s.volume, s.negative, s.anomaly]),
    ).toEqual([
      ["11:00", 2, 2, 0.7],
      ["11:01", 0, 0, null],
      ["11:02", 0, 0, null],
      ["11:03", 4, 1, 0.1],
    ]);
  });

  it("adds up points of one bucket, keeps the highest anomaly score and skips unreadable times", () => {
    const steps = fillTimeline(
      [
        point("2025-11-25T10:00:00Z", 3, 1, 0.2),
        point("2025-11-25T10:05:00Z", 5, 2, 0.9),
        point("2025-11-25T10:10:00Z", 1, 0, null),
        point("not a time", 100),
      ],
      "quarter",
    );
    expect(steps).toEqual([{ t: at("2025-11-25T10:00:00Z"), volume: 9, negative: 3, anomaly: 0.9 }]);
  });

  it("draws nothing for an empty timeline and at most 2,000 buckets for a runaway one", () => {
    expect(fillTimeline([], "hour")).toEqual([]);
    const steps = fillTimeline([point("2000-01-01T00:00:00Z", 1), point("2025-11-25T10:00:00Z", 1)], "hour");
    expect(steps).toHaveLength(2000);
    expect(steps.at(-1)?.t).toBe(at("2025-11-25T10:00:00Z"));
  });
});

describe("summariseTimeline", () => {
  const steps: TimelineStep[] = [
    { t: 1, volume: 2, negative: 1, anomaly: 0.1 },
    { t: 2, volume: 9, negative: 6, anomaly: 0.8 },
    { t: 3, volume: 9, negative: 2, anomaly: 0.5 },
    { t: 4, volume: 0, negative: 0, anomaly: null },
  ];

  it("counts posts and critical posts, finds the earliest peak and the unusual buckets", () => {
    const summary = summariseTimeline(steps);
    expect(summary.total).toBe(20);
    expect(summary.negative).toBe(9);
    expect(summary.peak?.t).toBe(2);
    expect(summary.anomalies.map((s) => s.t)).toEqual([2, 3]);
  });

  it("has no peak when nothing was posted", () => {
    expect(summariseTimeline([{ t: 1, volume: 0, negative: 0, anomaly: null }]).peak).toBeUndefined();
  });
});

describe("timelineOption", () => {
  const steps: TimelineStep[] = [
    { t: 0, volume: 3, negative: 1, anomaly: 0.2 },
    { t: 60_000, volume: 12, negative: 8, anomaly: 0.93 },
    { t: 120_000, volume: 4, negative: 0, anomaly: null },
  ];
  const option = timelineOption(
    steps,
    { volume: "Posts", negative: "Critical", anomaly: "Unusual" },
    (t) => `m${t / 60_000}`,
  );
  const series = Array.isArray(option.series) ? option.series : [];

  it("shows volume and critical posts as named lines over the labelled time axis", () => {
    expect(option.xAxis).toMatchObject({ type: "category", data: ["m0", "m1", "m2"] });
    expect(series[0]).toMatchObject({ name: "Posts", type: "line", data: [3, 12, 4] });
    expect(series[1]).toMatchObject({ name: "Critical", type: "line", data: [1, 8, 0] });
  });

  it("marks only buckets with an anomaly score of 0.5 or more, at their volume", () => {
    expect(series[2]).toMatchObject({ name: "Unusual", type: "scatter", data: [[1, 12]] });
  });
});
