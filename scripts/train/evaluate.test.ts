import { describe, expect, it } from "vitest";
import {
  averagePrecision,
  bestF1Threshold,
  fitPlatt,
  metricsAt,
  rocAuc,
  thresholdForFlagRate,
} from "./evaluate.ts";
import { stratifiedSplit } from "./split.ts";

const labels = Uint8Array.from([1, 1, 0, 1, 0, 0]);
const scores = [0.9, 0.8, 0.7, 0.6, 0.2, 0.1];

describe("evaluation", () => {
  it("computes precision, recall, F1 and macro-F1 at a threshold", () => {
    const metrics = metricsAt(scores, labels, 0.5);
    expect(metrics).toMatchObject({ size: 6, positives: 3, precision: 0.75, recall: 1 });
    expect(metrics.f1).toBeCloseTo(6 / 7);
    expect(metrics.macroF1).toBeCloseTo((6 / 7 + 0.8) / 2);
  });

  it("ranks like the Mann–Whitney statistic and average precision", () => {
    expect(rocAuc(scores, labels)).toBeCloseTo(8 / 9);
    expect(rocAuc([1, 1], Uint8Array.from([1, 0]))).toBe(0.5);
    expect(averagePrecision(scores, labels)).toBeCloseTo((1 + 1 + 3 / 4) / 3);
  });

  it("puts the best F1 threshold between two distinct scores", () => {
    expect(bestF1Threshold(scores, labels)).toBeCloseTo(0.4);
  });

  it("finds the lowest threshold that flags at most a given share of everyday posts", () => {
    const everyday = [0.1, 0.95, 0.3, 0.8, 0.2, 0.6, 0.4, 0.5, 0.7, 0.9];
    // 20 % of 10: the two highest (0.95, 0.9) are flagged, 0.8 is not.
    const t = thresholdForFlagRate(everyday, 0.2);
    expect(t).toBeCloseTo(0.85);
    expect(everyday.filter((s) => s >= t)).toHaveLength(2);
    // Ties stay together below the threshold: only one post may be flagged, two share the top score.
    expect(thresholdForFlagRate([0.9, 0.9, 0.1], 0.4)).toBeGreaterThan(0.9);
    expect(thresholdForFlagRate([0.2, 0.1], 0)).toBeCloseTo(0.2 + 5e-7);
    expect(thresholdForFlagRate([0.2, 0.1], 1)).toBe(0);
  });

  it("fits Platt scaling that keeps the order and moves scores toward the labels", () => {
    const logits = [3, 2, 1, 0.5, -2, -3];
    const { slope } = fitPlatt(logits, labels);
    expect(slope).toBeGreaterThan(0);
  });
});

describe("stratifiedSplit", () => {
  it("holds out the same share of every label, the same way for the same seed", () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({
      text: `t${i}`,
      label: i % 4 === 0 ? "a" : "b",
      source: "x",
    }));
    const split = stratifiedSplit(rows, 0.2, 7);
    expect(split.dev.filter((row) => row.label === "a")).toHaveLength(10);
    expect(split.dev.filter((row) => row.label === "b")).toHaveLength(30);
    expect(split.train).toHaveLength(160);
    expect(stratifiedSplit(rows, 0.2, 7)).toEqual(split);
    expect(new Set([...split.train, ...split.dev].map((row) => row.text)).size).toBe(200);
  });
});
