import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPatternMemory, createSlidingMax, createSlidingWindow } from "./anomaly.window.ts";

function sortedQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const pushes = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 300 });
const capacities = fc.integer({ min: 1, max: 40 });

describe("createSlidingWindow", () => {
  it("answers the same quantiles as sorting the last values", () => {
    fc.assert(
      fc.property(pushes, capacities, (values, capacity) => {
        const window = createSlidingWindow(capacity);
        values.forEach((value, i) => {
          window.push(value);
          const last = values.slice(Math.max(0, i + 1 - capacity), i + 1);
          for (const q of [0, 0.1, 0.25, 0.5, 0.9, 1])
            expect(window.quantile(q)).toBe(sortedQuantile(last, q));
        });
        expect(createSlidingWindow(capacity, window.values()).values()).toEqual(values.slice(-capacity));
      }),
    );
  });
});

describe("createSlidingMax", () => {
  it("answers the same maximum as scanning the last values, also after a restore", () => {
    fc.assert(
      fc.property(pushes, capacities, (values, capacity) => {
        const max = createSlidingMax(capacity);
        values.forEach((value, i) => {
          max.push(value);
          expect(max.max()).toBe(Math.max(...values.slice(Math.max(0, i + 1 - capacity), i + 1)));
        });
        const restored = createSlidingMax(capacity, max.values());
        expect(restored.values()).toEqual(values.slice(-capacity));
        expect(restored.max()).toBe(max.max());
      }),
    );
  });
});

describe("createPatternMemory", () => {
  it("finds the same nearest earlier pattern as a brute-force search, also after a restore", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (values, length, memory) => {
          const patterns = createPatternMemory(length, memory);
          values.forEach((value, i) => {
            patterns.push(value);
            const held = values.slice(Math.max(0, i + 1 - (memory + length)), i + 1);
            const query = held.slice(-length);
            let best = Number.POSITIVE_INFINITY;
            for (let start = 0; start + 2 * length <= held.length; start++) {
              let sum = 0;
              for (let k = 0; k < length; k++)
                sum += ((held[start + k] as number) - (query[k] as number)) ** 2;
              best = Math.min(best, sum);
            }
            expect(patterns.candidates()).toBe(Math.max(0, held.length - 2 * length + 1));
            expect(patterns.nearestDistance()).toBeCloseTo(Math.sqrt(best / length), 12);
          });
          const restored = createPatternMemory(length, memory, patterns.values());
          expect(restored.values()).toEqual(values.slice(-(memory + length)));
          expect(restored.nearestDistance()).toBe(patterns.nearestDistance());
        },
      ),
    );
  });
});
