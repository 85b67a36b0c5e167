import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fairShareCap } from "./budget.ts";

describe("fairShareCap", () => {
  it("leaves everything when the windows fit", () => {
    expect(fairShareCap([10, 20, 30], 60)).toBe(Number.POSITIVE_INFINITY);
    expect(fairShareCap([], 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it("trims only the busiest windows, equally", () => {
    // 10 fits whole; 90 is left for the two busy ones: 45 each.
    expect(fairShareCap([10, 500, 1000], 100)).toBe(45);
    expect(fairShareCap([100, 100, 100], 150)).toBe(50);
  });

  it("gives nothing when the budget is zero", () => {
    expect(fairShareCap([5, 7], 0)).toBe(0);
  });

  it("always fits the budget and never trims more than it must", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 100_000 }), { maxLength: 40 }),
        fc.nat({ max: 500_000 }),
        (sizes, budget) => {
          const cap = fairShareCap(sizes, budget);
          const kept = sizes.reduce((sum, size) => sum + Math.min(size, cap), 0);
          expect(kept).toBeLessThanOrEqual(budget);
          if (Number.isFinite(cap)) {
            // A cap one higher would not fit: nothing is trimmed that the budget could have kept equally.
            expect(sizes.reduce((sum, size) => sum + Math.min(size, cap + 1), 0)).toBeGreaterThan(budget);
          }
        },
      ),
    );
  });
});
