import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandOf, percentile } from "./targets.ts";

describe("service targets", () => {
  it.each([
    [1, "urgent"],
    [0.8, "urgent"],
    [0.79, "high"],
    [0.6, "high"],
    [0.3, "normal"],
    [0.29, "low"],
    [0, "low"],
  ] as const)("puts priority %f in band %s", (priority, band) => {
    expect(bandOf(priority)).toBe(band);
  });

  it("takes the nearest-rank percentile", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });

  it("returns one of the values, between min and max (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p) => {
          const value = percentile(xs, p);
          expect(xs).toContain(value);
        },
      ),
    );
  });
});
