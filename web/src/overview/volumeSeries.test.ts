import { describe, expect, it } from "vitest";
import { fillSeries, peakOf } from "./volumeSeries.ts";

const at = (iso: string) => Date.parse(iso);

describe("fillSeries", () => {
  it("fills minutes without mentions with 0 and keeps the counts of the others", () => {
    const points = fillSeries(
      [
        { t: "2025-11-25T11:56:00.000Z", count: 3 },
        { t: "2025-11-25T11:58:00.000Z", count: 1 },
      ],
      at("2025-11-25T11:55:30.000Z"),
      at("2025-11-25T11:59:10.000Z"),
      "minute",
    );
    expect(points.map((p) => [new Date(p.t).toISOString().slice(11, 16), p.count])).toEqual([
      ["11:55", 0],
      ["11:56", 3],
      ["11:57", 0],
      ["11:58", 1],
      ["11:59", 0],
    ]);
  });

  it("makes 25 hourly bars for a 24-hour window that does not start on the hour", () => {
    const points = fillSeries([], at("2025-11-24T12:30:00Z"), at("2025-11-25T12:30:00Z"), "hour");
    expect(points).toHaveLength(25);
    expect(points.every((p) => p.count === 0)).toBe(true);
  });

  it("adds up points that fall into the same bucket and ignores points outside the window", () => {
    const points = fillSeries(
      [
        { t: "2025-11-25T10:00:00Z", count: 2 },
        { t: "2025-11-25T10:30:00Z", count: 5 },
        { t: "2025-11-20T10:00:00Z", count: 99 },
        { t: "garbage", count: 7 },
      ],
      at("2025-11-25T10:00:00Z"),
      at("2025-11-25T10:10:00Z"),
      "hour",
    );
    expect(points).toEqual([{ t: at("2025-11-25T10:00:00Z"), count: 7 }]);
  });
});

describe("peakOf", () => {
  it("finds the busiest bucket, the earliest on a tie", () => {
    expect(
      peakOf([
        { t: 1, count: 2 },
        { t: 2, count: 5 },
        { t: 3, count: 5 },
      ]),
    ).toEqual({ t: 2, count: 5 });
  });

  it("has no peak when nothing was said", () => {
    expect(peakOf([{ t: 1, count: 0 }])).toBeUndefined();
  });
});
