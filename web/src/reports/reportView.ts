import { percentChange } from "../../../src/core/reports/highlights.ts";
import type { Compared } from "../../../src/reports/reports.schema.ts";

/** The periods the page offers; the choice lives in the URL (`?period=`). */
export const reportPeriods = ["last7", "last30", "lastWeek", "lastMonth"] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

/** The period in the URL, the last seven days where it names none or an unknown one. */
export function periodFromSearch(params: URLSearchParams): ReportPeriod {
  const value = params.get("period");
  return reportPeriods.find((p) => p === value) ?? "last7";
}

const day = 86_400_000;

/**
 * The report the URL asks for: a period given by `from` and `to` (ISO 8601, as a scheduled report links to
 * it; `period` is then null), else one of the offered periods measured from `opened`.
 */
export function reportFromSearch(
  params: URLSearchParams,
  opened: Date,
): { period: ReportPeriod | null; range: { from: string; to: string } } {
  const from = Date.parse(params.get("from") ?? "");
  const to = Date.parse(params.get("to") ?? "");
  if (Number.isFinite(from) && Number.isFinite(to)) {
    return { period: null, range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } };
  }
  const period = periodFromSearch(params);
  return { period, range: periodRange(period, opened) };
}

/**
 * The range [from, to) of a period as ISO strings: the last 7 or 30 days up to `now`, or the last whole
 * calendar week (Monday to Monday) or month in the browser's time zone.
 */
export function periodRange(period: ReportPeriod, now: Date): { from: string; to: string } {
  switch (period) {
    case "last7":
    case "last30": {
      const days = period === "last7" ? 7 : 30;
      return { from: new Date(now.getTime() - days * day).toISOString(), to: now.toISOString() };
    }
    case "lastWeek": {
      const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
      const before = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() - 7);
      return { from: before.toISOString(), to: monday.toISOString() };
    }
    case "lastMonth": {
      const first = new Date(now.getFullYear(), now.getMonth(), 1);
      const before = new Date(now.getFullYear(), now.getMonth() - 1, 1);
      return { from: before.toISOString(), to: first.toISOString() };
    }
  }
}

/** How a figure changed, for a table cell: "+150 %", "−80 %", "new" or "no change" (the caller's words). */
export function changeText(c: Compared, lang: string, words: { new: string; same: string }): string {
  if (c.current === c.previous) return words.same;
  if (c.previous === 0) return words.new;
  return percentChange(c, lang.startsWith("de") ? "de" : "en");
}

/** Rows that say something: those with a post in either period. */
export function withActivity<T extends Compared>(rows: readonly T[]): T[] {
  return rows.filter((r) => r.current > 0 || r.previous > 0);
}
