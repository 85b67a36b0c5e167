import { describe, expect, it } from "vitest";
import { balancedBeside, type Example, type ExampleSet } from "./recipes.ts";

function examples(name: string, negatives: number, positives: number): ExampleSet {
  const one = (y: 0 | 1, i: number): Example => ({ text: `${name} ${y} ${i}`, y, source: name });
  return {
    name,
    examples: [
      ...Array.from({ length: negatives }, (_, i) => one(0, i)),
      ...Array.from({ length: positives }, (_, i) => one(1, i)),
    ],
  };
}

const count = (set: ExampleSet, source: string, y: 0 | 1) =>
  set.examples.filter((e) => e.source === source && e.y === y).length;

describe("balancedBeside", () => {
  it("repeats the part's negatives so its classes weigh alike under the variant's positive weight", () => {
    // Base: 100 negatives, 20 positives; part: 10 and 10. k = (100 / 20) × (10 / 10) = 5.
    const joined = balancedBeside("both", examples("base", 100, 20), examples("part", 10, 10));
    expect(joined.name).toBe("both");
    expect(count(joined, "base", 0)).toBe(100);
    expect(count(joined, "base", 1)).toBe(20);
    expect(count(joined, "part", 1)).toBe(10);
    expect(count(joined, "part", 0)).toBe(50);
    // The trainer's positive weight over the whole variant, and the part's two classes under it.
    const weight = (100 + 50) / (20 + 10);
    expect(weight * count(joined, "part", 1)).toBe(count(joined, "part", 0));
  });

  it("repeats the part's positives `times` over and its negatives as many times more", () => {
    const joined = balancedBeside("both", examples("base", 60, 20), examples("part", 30, 10), 2);
    // k = 3 × (10 / 30) = 1: both classes twice.
    expect(count(joined, "part", 1)).toBe(20);
    expect(count(joined, "part", 0)).toBe(60);
  });

  it("keeps a part without negatives, or beside a base without positives, as it is", () => {
    expect(count(balancedBeside("x", examples("base", 10, 2), examples("part", 0, 5)), "part", 1)).toBe(5);
    const noPositives = balancedBeside("x", examples("base", 10, 0), examples("part", 4, 4));
    expect(count(noPositives, "part", 0)).toBe(4);
    expect(count(noPositives, "part", 1)).toBe(4);
  });
});
