import { describe, expect, it } from "vitest";
import { averagePrecision } from "./evaluate.ts";
import { blendOf, type Candidate, type GridResult } from "./fit.ts";

function candidate(variant: string, weights: number[], bias: number, logits: number[]): Candidate {
  const result: GridResult = {
    variant,
    trainSize: variant.length * 100,
    nb: true,
    lambda: 1e-5,
    iterations: 10,
    devAveragePrecision: 0,
    devAuc: 0,
  };
  return { result, weights: Float64Array.from(weights), bias, logits: Float64Array.from(logits) };
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (const [k, value] of expected.entries()) expect(actual[k]).toBeCloseTo(value, 12);
}

describe("blendOf", () => {
  const labels = Uint8Array.from([1, 0, 1, 0]);
  // Spreads (population standard deviations) 2 and 0.5.
  const first = candidate("a", [2, 0, -4], 1, [2, -2, 2, -2]);
  const second = candidate("ab", [0, 1, 1], -0.5, [0.5, -0.5, -0.5, 0.5]);

  it("mixes the two models' weights and bias, each divided by the spread of its dev logits", () => {
    const blend = blendOf(first, second, 0.7, labels);
    const a = 0.7 / 2;
    const b = 0.3 / 0.5;
    expectClose(blend.weights, [a * 2, b * 1, a * -4 + b * 1]);
    expect(blend.bias).toBeCloseTo(a * 1 + b * -0.5, 12);
    expectClose(
      blend.logits,
      [2, -2, 2, -2].map((l, k) => a * l + b * ([0.5, -0.5, -0.5, 0.5][k] ?? 0)),
    );
  });

  it("reports what it blends, its dev figures and the larger training set", () => {
    const blend = blendOf(first, second, 0.3, labels);
    expect(blend.result.variant).toBe('blend 0.3 × "a" (NB-LR, λ=0.00001) + 0.7 × "ab" (NB-LR, λ=0.00001)');
    expect(blend.result.blendWeight).toBe(0.3);
    expect(blend.result.trainSize).toBe(200);
    expect(blend.result.devAveragePrecision).toBe(averagePrecision(blend.logits, labels));
  });

  it("keeps a model whose logits do not vary at its own scale", () => {
    const flat = candidate("flat", [1, 1, 1], 0, [2, 2, 2, 2]);
    expectClose(blendOf(flat, second, 0.5, labels).weights, [0.5, 0.5 + 1, 0.5 + 1]);
  });
});
