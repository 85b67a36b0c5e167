import { describe, expect, it } from "vitest";
import { formatScenarioTime, tickScenarioMs } from "./scenarioTime.ts";

describe("formatScenarioTime", () => {
  it.each([
    [0, "00:00"],
    [999, "00:00"],
    [1000, "00:01"],
    [65_000, "01:05"],
    [59 * 60_000 + 59_000, "59:59"],
    [125 * 60_000, "125:00"],
    [-5000, "00:00"],
    [Number.NaN, "00:00"],
    [Number.POSITIVE_INFINITY, "00:00"],
  ])("shows %d ms as %s", (ms, expected) => {
    expect(formatScenarioTime(ms)).toBe(expected);
  });
});

describe("tickScenarioMs", () => {
  const clock = { scenarioMs: 60_000, speed: 5 };

  it("adds the real time since the report times the speed while running", () => {
    expect(tickScenarioMs(clock, "running", 10_000, 12_000)).toBe(70_000);
  });

  it("runs at half speed when the speed is 0.5", () => {
    expect(tickScenarioMs({ scenarioMs: 0, speed: 0.5 }, "running", 0, 4000)).toBe(2000);
  });

  it.each(["lobby", "paused", "ended"] as const)("stands still while %s", (status) => {
    expect(tickScenarioMs(clock, status, 10_000, 99_000)).toBe(60_000);
  });

  it("never goes back when the browser clock is behind the report time", () => {
    expect(tickScenarioMs(clock, "running", 10_000, 9000)).toBe(60_000);
  });
});
