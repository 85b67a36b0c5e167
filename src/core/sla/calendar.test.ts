import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  defaultServiceCalendar,
  isWithinBusinessHours,
  parseClockTime,
  type ServiceCalendar,
  zoneOffsetMs,
} from "./calendar.ts";

const berlin = defaultServiceCalendar;
const at = (iso: string) => new Date(iso);

const overnight: ServiceCalendar = {
  timeZone: "Europe/Berlin",
  weekly: Array.from({ length: 7 }, () => [{ start: "22:00", end: "06:00" }]),
  holidays: [],
};

describe("service calendar", () => {
  it("reads wall-clock hours in the calendar's time zone, winter and summer", () => {
    // 08:00 in Berlin is 07:00 UTC in winter (CET) and 06:00 UTC in summer (CEST).
    expect(isWithinBusinessHours(berlin, at("2026-12-01T06:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, at("2026-12-01T07:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, at("2026-07-01T06:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, at("2026-07-01T05:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, at("2026-12-01T16:59:59Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, at("2026-12-01T17:00:00Z"))).toBe(false);
  });

  it("has no hours on weekends, empty days and holidays", () => {
    expect(isWithinBusinessHours(berlin, at("2026-12-05T10:00:00Z"))).toBe(false); // Saturday
    const withHoliday = { ...berlin, holidays: ["2026-12-25"] };
    expect(isWithinBusinessHours(withHoliday, at("2026-12-25T10:00:00Z"))).toBe(false);
    expect(isWithinBusinessHours(withHoliday, at("2026-12-24T10:00:00Z"))).toBe(true);
  });

  it("carries the Friday evening's remaining minutes over the weekend", () => {
    // Friday 17:30 Berlin + 60 minutes: 30 on Friday, 30 on Monday from 08:00.
    const due = addBusinessMinutes(berlin, at("2026-12-04T16:30:00Z"), 60);
    expect(due.toISOString()).toBe("2026-12-07T07:30:00.000Z");
    expect(businessMinutesBetween(berlin, at("2026-12-04T16:30:00Z"), due)).toBe(60);
  });

  it("starts the clock at the next opening when a post arrives at night", () => {
    expect(addBusinessMinutes(berlin, at("2026-12-01T22:00:00Z"), 30).toISOString()).toBe(
      "2026-12-02T07:30:00.000Z",
    );
    expect(addBusinessMinutes(berlin, at("2026-12-01T22:00:00Z"), 0).toISOString()).toBe(
      "2026-12-02T07:00:00.000Z",
    );
  });

  it("keeps a full day over the spring and autumn DST changes and shortens or lengthens the night shift", () => {
    // 29 March 2026: clocks go 02:00 → 03:00 in Berlin; 25 October 2026: 03:00 → 02:00.
    const sunday = { ...berlin, weekly: Array.from({ length: 7 }, () => [{ start: "08:00", end: "18:00" }]) };
    expect(businessMinutesBetween(sunday, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"))).toBe(600);
    expect(businessMinutesBetween(overnight, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))).toBe(
      7 * 60,
    );
    expect(businessMinutesBetween(overnight, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toBe(
      9 * 60,
    );
  });

  it("counts an overnight range from the day it starts, into the next morning", () => {
    // Tuesday 01:00 Berlin belongs to Monday's 22:00-06:00.
    expect(isWithinBusinessHours(overnight, at("2026-12-01T00:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(overnight, at("2026-12-01T12:00:00Z"))).toBe(false);
    const mondayOff = { ...overnight, holidays: ["2026-11-30"] };
    expect(isWithinBusinessHours(mondayOff, at("2026-12-01T00:00:00Z"))).toBe(false);
  });

  it("merges overlapping ranges of one day instead of counting them twice", () => {
    const doubled: ServiceCalendar = {
      ...berlin,
      weekly: [
        [
          { start: "08:00", end: "12:00" },
          { start: "10:00", end: "14:00" },
        ],
        [],
        [],
        [],
        [],
        [],
        [],
      ],
    };
    expect(businessMinutesBetween(doubled, at("2026-11-30T00:00:00Z"), at("2026-12-01T00:00:00Z"))).toBe(360);
  });

  it("refuses a calendar without any hours and bad clock times", () => {
    const closed = { ...berlin, weekly: [[], [], [], [], [], [], []] };
    expect(() => addBusinessMinutes(closed, at("2026-12-01T10:00:00Z"), 5)).toThrow(/no business hours/);
    expect(() => parseClockTime("25:00")).toThrow(/HH:MM/);
    expect(() => parseClockTime("24:01")).toThrow();
    expect(parseClockTime("24:00")).toBe(1440);
  });

  const instant = fc
    .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) })
    .map((ms) => new Date(Math.floor(ms / 1000) * 1000));
  const calendars = fc.constantFrom<ServiceCalendar>(berlin, overnight, {
    timeZone: "America/New_York",
    weekly: [[{ start: "09:00", end: "17:00" }], [], [{ start: "00:00", end: "24:00" }], [], [], [], []],
    holidays: ["2026-07-04"],
  });

  it("gives back the minutes it added (property)", () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 0, max: 5000 }), (calendar, start, minutes) => {
        const due = addBusinessMinutes(calendar, start, minutes);
        expect(businessMinutesBetween(calendar, start, due)).toBeCloseTo(minutes, 9);
      }),
      { numRuns: 150 },
    );
  });

  it("never moves backwards: more minutes, a later or equal instant (property)", () => {
    fc.assert(
      fc.property(
        calendars,
        instant,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (calendar, start, a, b) => {
          const [less, more] = a <= b ? [a, b] : [b, a];
          const early = addBusinessMinutes(calendar, start, less);
          expect(early.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(addBusinessMinutes(calendar, start, more).getTime()).toBeGreaterThanOrEqual(early.getTime());
        },
      ),
      { numRuns: 100 },
    );
  });

  it("adds up business minutes over a split interval (property)", () => {
    fc.assert(
      fc.property(calendars, instant, instant, instant, (calendar, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const whole = businessMinutesBetween(calendar, a, c);
        expect(whole).toBeCloseTo(
          businessMinutesBetween(calendar, a, b) + businessMinutesBetween(calendar, b, c),
          6,
        );
        expect(whole).toBeLessThanOrEqual((c.getTime() - a.getTime()) / 60_000 + 1e-9);
      }),
      { numRuns: 25 },
    );
  });
});

describe("zoneOffsetMs", () => {
  // The offset as the runtime's time zone data gives it, without any cache.
  const reference = (ms: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    }).formatToParts(new Date(ms));
    const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(
      field("year"),
      field("month") - 1,
      field("day"),
      field("hour"),
      field("minute"),
      field("second"),
    );
    return asUtc - Math.floor(ms / 1000) * 1000;
  };
  // Whole-hour, half-hour and 45-minute offsets, half-hour DST (Lord Howe), southern and northern DST.
  const zones = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Chatham",
    "UTC",
  ];

  it("gives exactly the time zone data's offset at any instant, across DST changes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, ms) => {
          expect(zoneOffsetMs(ms, zone)).toBe(reference(ms, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is exact in the seconds around a change, before and after the cache holds the quarter hour", () => {
    // Berlin: summer time from 2026-03-29 01:00 UTC, back on 2026-10-25 01:00 UTC.
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (const delta of [-901_000, -60_000, -1000, -1, 0, 1, 1000, 60_000, 899_999, 900_000]) {
        const ms = change + delta;
        expect(zoneOffsetMs(ms, "Europe/Berlin")).toBe(reference(ms, "Europe/Berlin"));
        expect(zoneOffsetMs(ms, "Europe/Berlin")).toBe(reference(ms, "Europe/Berlin"));
      }
    }
  });
});
