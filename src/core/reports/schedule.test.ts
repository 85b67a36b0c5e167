import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTimeZone, latestDigest, zonedHour } from "./schedule.ts";

const berlin = "Europe/Berlin";
const weekly = { frequency: "weekly", weekday: 1, hour: 8, timeZone: berlin } as const;
const iso = (d: { from: Date; to: Date }) => ({ from: d.from.toISOString(), to: d.to.toISOString() });

describe("time zones", () => {
  it("knows IANA names and refuses others", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Hamburg")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isTimeZone("../../etc/passwd")).toBe(false);
  });

  it("finds the instant of a wall-clock hour in winter, in summer and on the days the clocks change", () => {
    expect(zonedHour(2026, 11, 30, 8, berlin).toISOString()).toBe("2026-11-30T07:00:00.000Z");
    expect(zonedHour(2026, 7, 6, 8, berlin).toISOString()).toBe("2026-07-06T06:00:00.000Z");
    // 29 March 2026: 02:00 does not exist in Berlin; the hour after it is 03:00 CEST.
    expect(zonedHour(2026, 3, 29, 2, berlin).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(zonedHour(2026, 3, 29, 8, berlin).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(zonedHour(2026, 10, 25, 8, berlin).toISOString()).toBe("2026-10-25T07:00:00.000Z");
    expect(zonedHour(2026, 11, 30, 8, "Asia/Kathmandu").toISOString()).toBe("2026-11-30T02:15:00.000Z");
    expect(zonedHour(2026, 11, 30, 8, "UTC").toISOString()).toBe("2026-11-30T08:00:00.000Z");
  });

  it("gives back the wall-clock hour it was asked for, on any day of the years around now", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2025-01-01T00:00:00Z"),
          max: new Date("2028-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: 4, max: 23 }),
        fc.constantFrom("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"),
        (date, hour, zone) => {
          const at = zonedHour(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, zone);
          const wall = new Intl.DateTimeFormat("en-GB", {
            timeZone: zone,
            hourCycle: "h23",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
          }).format(at);
          // Hours a change of summer time skips (02:00-03:00 at most) are never asked for here.
          expect(wall).toBe(
            `${String(date.getUTCDate()).padStart(2, "0")}, ${String(hour).padStart(2, "0")}:00`,
          );
        },
      ),
    );
  });
});

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
