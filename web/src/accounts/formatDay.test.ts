import { describe, expect, it } from "vitest";
import { formatDay } from "./formatDay.ts";

describe("formatDay", () => {
  it.each([
    ["2026-04-15", "de", "15.04.2026"],
    ["2026-04-15", "en", "Apr 15, 2026"],
    ["2026-01-01", "en", "Jan 1, 2026"],
  ])("writes %s in %s as %j", (day, lang, expected) => {
    expect(formatDay(day, lang)).toBe(expected);
  });

  it.each(["2026-02-30T10:00", "tomorrow", ""])("returns %j unchanged", (day) => {
    expect(formatDay(day, "en")).toBe(day);
  });
});
