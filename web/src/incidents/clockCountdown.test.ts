import { describe, expect, it } from "vitest";
import { clockCountdown } from "./clockCountdown.ts";

const now = Date.parse("2026-03-01T00:00:00Z");

describe("clockCountdown", () => {
  it.each([
    ["2026-03-04T00:00:00Z", "3 d 0 h"],
    ["2026-03-01T05:12:30Z", "5 h 12 min"],
    ["2026-03-01T00:42:00Z", "42 min"],
    ["2026-03-01T00:00:30Z", "0 min"],
  ])("shows the time left until %s as %s", (due, text) => {
    expect(clockCountdown(due, now)).toBe(text);
  });

  it("returns null once the clock has run out or for a broken date", () => {
    expect(clockCountdown("2026-02-28T23:59:00Z", now)).toBeNull();
    expect(clockCountdown("not a date", now)).toBeNull();
  });
});
