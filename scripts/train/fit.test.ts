import { describe, expect, it } from "vitest";
import { averagePrecision, type BinaryMetrics } from "./evaluate.ts";
import { blendOf, type Candidate, fitLinear, type GridResult } from "./fit.ts";
import type { LinearRecipe } from "./recipes.ts";

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

describe("fitLinear's operating point", () => {
  // Two words decide the label, noisily: the best F1 of the positive class and the best macro-F1 sit at
  // different thresholds on this dev set, as they do on real ones with few positives.
  const texts = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => {
      const k = i + offset;
      const bad = k % 5 === 0 || k % 7 === 0;
      const text = `${bad ? "awful" : "fine"} ${k % 3 === 0 ? "awful" : "day"} post ${k}`;
      return { text, y: (k % 5 === 0 ? 1 : 0) as 0 | 1, source: "test" };
    });
  const recipe = (operatingPoint?: "f1" | "macroF1"): LinearRecipe => ({
    kind: "linear",
    name: "toy",
    category: "negative",
    lang: "en",
    variants: [{ name: "toy", examples: texts(300, 0) }],
    dev: { name: "toy dev", examples: texts(200, 1000) },
    extraDevs: [],
    ...(operatingPoint && { operatingPoint }),
    card: { definition: "", data: [], limits: [] },
  });
  const config = { hashBits: 10, charMin: 2, charMax: 3, wordBigrams: false, seed: 1 };
  const fitToy = (operatingPoint?: "f1" | "macroF1") => {
    const { model, metadata } = fitLinear(recipe(operatingPoint), config, () => {});
    const m = metadata as { devMetrics: BinaryMetrics; devBestMacroF1: { threshold: number } };
    return { threshold: model.threshold, metrics: m.devMetrics, macroThreshold: m.devBestMacroF1.threshold };
  };

  it("maximises the positive class's F1 by default and macro-F1 when the recipe asks", () => {
    const byF1 = fitToy();
    const byMacro = fitToy("macroF1");
    expect(byMacro.threshold).toBe(byMacro.macroThreshold);
    expect(fitToy("f1").threshold).toBe(byF1.threshold);
    expect(byMacro.metrics.macroF1).toBeGreaterThanOrEqual(byF1.metrics.macroF1);
    expect(byF1.metrics.f1).toBeGreaterThanOrEqual(byMacro.metrics.f1);
  });
});
