import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "./formatTime.ts";

const now = Date.parse("2025-11-25T12:00:00Z");

describe("formatRelativeTime", () => {
  it.each([
    ["2025-11-25T11:59:30Z", "en", "30 seconds ago"],
    ["2025-11-25T11:55:00Z", "en", "5 minutes ago"],
    ["2025-11-25T11:55:00Z", "de", "vor 5 Minuten"],
    ["2025-11-25T09:00:00Z", "de", "vor 3 Stunden"],
    ["2025-11-23T12:00:00Z", "en", "2 days ago"],
    ["2025-11-25T12:00:02Z", "en", "now"],
  ])("writes %s in %s as %j", (iso, lang, expected) => {
    expect(formatRelativeTime(iso, now, lang)).toBe(expected);
  });

  it("returns the input for a broken timestamp", () => {
    expect(formatRelativeTime("not a date", now, "en")).toBe("not a date");
  });
});
