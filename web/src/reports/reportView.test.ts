import { describe, expect, it } from "vitest";
import { changeText, periodFromSearch, periodRange, reportFromSearch, withActivity } from "./reportView.ts";

const words = { new: "neu", same: "unverändert" };

describe("the report's period", () => {
  it("is read from the URL, the last seven days by default", () => {
    expect(periodFromSearch(new URLSearchParams(""))).toBe("last7");
    expect(periodFromSearch(new URLSearchParams("period=lastMonth"))).toBe("lastMonth");
    expect(periodFromSearch(new URLSearchParams("period=<script>"))).toBe("last7");
  });

  it("takes a period given by from and to, as a scheduled report links to it", () => {
    const opened = new Date("2026-12-05T10:00:00Z");
    expect(
      reportFromSearch(new URLSearchParams("from=2026-11-23T07:00:00Z&to=2026-11-30T07:00:00.000Z"), opened),
    ).toEqual({
      period: null,
      range: { from: "2026-11-23T07:00:00.000Z", to: "2026-11-30T07:00:00.000Z" },
    });
    // Half a period, or a date that is none, falls back to the offered period.
    expect(reportFromSearch(new URLSearchParams("from=2026-11-23T07:00:00Z&period=last30"), opened)).toEqual({
      period: "last30",
      range: periodRange("last30", opened),
    });
    expect(reportFromSearch(new URLSearchParams("from=gestern&to=heute"), opened).period).toBe("last7");
  });

  it("runs up to now for the last 7 and 30 days", () => {
    const now = new Date("2026-11-30T08:15:00Z");
    expect(periodRange("last7", now)).toEqual({
      from: "2026-11-23T08:15:00.000Z",
      to: "2026-11-30T08:15:00.000Z",
    });
    expect(periodRange("last30", now).from).toBe("2026-10-31T08:15:00.000Z");
  });

  it("is the last whole calendar week, Monday to Monday at midnight in the browser's time zone", () => {
    for (const iso of ["2026-12-02T15:00:00", "2026-11-30T00:00:00", "2026-12-06T23:59:00"]) {
      const now = new Date(iso);
      const { from, to } = periodRange("lastWeek", now);
      const start = new Date(from);
      const end = new Date(to);
      expect([start.getDay(), start.getHours(), start.getMinutes()]).toEqual([1, 0, 0]);
      expect([end.getDay(), end.getHours(), end.getMinutes()]).toEqual([1, 0, 0]);
      expect(end.getTime() - start.getTime()).toBe(7 * 86_400_000);
      expect(end.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(now.getTime() - end.getTime()).toBeLessThan(7 * 86_400_000);
    }
  });

  it("is the last whole calendar month, also across a year", () => {
    const { from, to } = periodRange("lastMonth", new Date(2027, 0, 15, 12));
    expect(new Date(from)).toEqual(new Date(2026, 11, 1));
    expect(new Date(to)).toEqual(new Date(2027, 0, 1));
  });
});

describe("a figure's change", () => {
  it("is a signed percentage in the UI language", () => {
    expect(changeText({ current: 1250, previous: 500 }, "de", words)).toBe("+150 %");
    expect(changeText({ current: 4, previous: 20 }, "en", words)).toBe("−80%");
    expect(changeText({ current: 20_000, previous: 1 }, "de", words)).toBe("+1.999.900 %");
  });

  it("is 'new' from nothing and 'no change' when equal", () => {
    expect(changeText({ current: 3, previous: 0 }, "de", words)).toBe("neu");
    expect(changeText({ current: 0, previous: 0 }, "de", words)).toBe("unverändert");
    expect(changeText({ current: 7, previous: 7 }, "en", words)).toBe("unverändert");
  });

  it("leaves out rows without a post in either period", () => {
    const rows = [
      { key: "a", current: 0, previous: 0 },
      { key: "b", current: 0, previous: 2 },
      { key: "c", current: 1, previous: 0 },
    ];
    expect(withActivity(rows).map((r) => r.key)).toEqual(["b", "c"]);
  });
});
