import { describe, expect, it } from "vitest";
import { suggestSeverity } from "./severity.ts";

describe("suggestSeverity", () => {
  it.each([
    [6, "sev1"],
    [5, "sev1"],
    [4, "sev2"],
    [3, "sev3"],
    [2, "sev3"],
    [1, "sev4"],
    [0, "sev4"],
    [null, "sev4"],
    [Number.NaN, "sev4"],
  ] as const)("maps escalation level %s to %s", (level, severity) => {
    expect(suggestSeverity(level)).toBe(severity);
  });

  it("never suggests a milder severity for a higher level", () => {
    const rank = { sev1: 1, sev2: 2, sev3: 3, sev4: 4 };
    for (let level = 0; level < 6; level++) {
      expect(rank[suggestSeverity(level + 1)]).toBeLessThanOrEqual(rank[suggestSeverity(level)]);
    }
  });
});
