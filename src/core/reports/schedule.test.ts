import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latestDigest } from "./schedule.ts";

const berlin = "Europe/Berlin";
const weekly = { frequency: "weekly", weekday: 1, hour: 8, timeZone: berlin } as const;
const iso = (d: { from: Date; to: Date }) => ({ from: d.from.toISOString(), to: d.to.toISOString() });

describe("the latest scheduled report", () => {
  it("is last Monday 08:00 Berlin time and covers the week before it", () => {
    expect(iso(latestDigest(weekly, new Date("2026-12-02T15:00:00Z")))).toEqual({
      from: "2026-11-23T07:00:00.000Z",
      to: "2026-11-30T07:00:00.000Z",
    });
  });

  it("turns due at the scheduled minute, not before", () => {
    expect(latestDigest(weekly, new Date("2026-11-30T06:59:59Z")).to.toISOString()).toBe(
      "2026-11-23T07:00:00.000Z",
    );
    expect(latestDigest(weekly, new Date("2026-11-30T07:00:00Z")).to.toISOString()).toBe(
      "2026-11-30T07:00:00.000Z",
    );
  });

  it("covers a week of 167 hours across the change to summer time", () => {
    const { from, to } = latestDigest(weekly, new Date("2026-03-30T12:00:00Z"));
    expect(iso({ from, to })).toEqual({ from: "2026-03-23T07:00:00.000Z", to: "2026-03-30T06:00:00.000Z" });
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(167);
  });

  it("is at the hour after one that the change to summer time skips", () => {
    const early = { frequency: "weekly", weekday: 7, hour: 2, timeZone: berlin } as const;
    // Sunday 29 March 2026: 02:00 does not exist in Berlin; 03:00 CEST is 01:00 UTC.
    expect(latestDigest(early, new Date("2026-03-29T12:00:00Z")).to.toISOString()).toBe(
      "2026-03-29T01:00:00.000Z",
    );
  });

  it("keeps days and hours in other time zones", () => {
    const kathmandu = { frequency: "daily", weekday: 1, hour: 8, timeZone: "Asia/Kathmandu" } as const;
    expect(latestDigest(kathmandu, new Date("2026-11-30T03:00:00Z")).to.toISOString()).toBe(
      "2026-11-30T02:15:00.000Z",
    );
    const utc = { frequency: "weekly", weekday: 5, hour: 17, timeZone: "UTC" } as const;
    expect(iso(latestDigest(utc, new Date("2026-12-05T10:00:00Z")))).toEqual({
      from: "2026-11-27T17:00:00.000Z",
      to: "2026-12-04T17:00:00.000Z",
    });
  });

  it("is daily at the hour, the day before", () => {
    const daily = { frequency: "daily", weekday: 1, hour: 7, timeZone: berlin } as const;
    expect(iso(latestDigest(daily, new Date("2026-12-05T05:30:00Z")))).toEqual({
      from: "2026-12-03T06:00:00.000Z",
      to: "2026-12-04T06:00:00.000Z",
    });
    expect(iso(latestDigest(daily, new Date("2026-12-05T06:30:00Z")))).toEqual({
      from: "2026-12-04T06:00:00.000Z",
      to: "2026-12-05T06:00:00.000Z",
    });
  });

  it("is never in the future and never more than one period back, for any schedule and time", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2025-01-01T00:00:00Z"),
          max: new Date("2028-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.constantFrom("daily", "weekly"),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 4, max: 23 }),
        (now, frequency, weekday, hour) => {
          const { from, to } = latestDigest({ frequency, weekday, hour, timeZone: berlin }, now);
          const day = 86_400_000;
          const span = frequency === "weekly" ? 7 * day : day;
          expect(to.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(now.getTime() - to.getTime()).toBeLessThan(span + 3_600_000);
          expect(Math.abs(to.getTime() - from.getTime() - span)).toBeLessThanOrEqual(3_600_000);
        },
      ),
    );
  });
});
