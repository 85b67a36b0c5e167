import { describe, expect, it } from "vitest";
import { easterSunday, germanHolidays, germanStates } from "./holidays.ts";

describe("German public holidays", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
  ])("puts Easter Sunday %i on %s", (year, date) => {
    expect(easterSunday(year).toISOString().slice(0, 10)).toBe(date);
  });

  it("has the nine nationwide holidays of 2026", () => {
    expect(germanHolidays(2026).map((h) => h.date)).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-10-03",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it("adds the holidays of a Land", () => {
    const bavaria = germanHolidays(2026, "BY").map((h) => h.name.de);
    expect(bavaria).toContain("Heilige Drei Könige");
    expect(bavaria).toContain("Fronleichnam");
    expect(bavaria).toContain("Allerheiligen");
    expect(bavaria).not.toContain("Reformationstag");
    const saxony = germanHolidays(2026, "SN");
    expect(saxony.find((h) => h.name.de === "Buß- und Bettag")?.date).toBe("2026-11-18");
    expect(germanHolidays(2026, "BE").map((h) => h.date)).toContain("2026-03-08");
  });

  it("respects when a Land introduced a holiday and the one-off of 2017", () => {
    expect(germanHolidays(2018, "BE").map((h) => h.name.de)).not.toContain("Internationaler Frauentag");
    expect(germanHolidays(2022, "MV").map((h) => h.name.de)).not.toContain("Internationaler Frauentag");
    expect(germanHolidays(2023, "MV").map((h) => h.name.de)).toContain("Internationaler Frauentag");
    expect(germanHolidays(2017, "BY").map((h) => h.date)).toContain("2017-10-31");
    expect(germanHolidays(2018, "BY").map((h) => h.date)).not.toContain("2018-10-31");
  });

  it("gives every Land between 10 and 14 dated, sorted, distinct holidays", () => {
    for (const state of germanStates) {
      const dates = germanHolidays(2026, state).map((h) => h.date);
      expect(dates.length).toBeGreaterThanOrEqual(10);
      expect(dates.length).toBeLessThanOrEqual(14);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    }
  });
});
