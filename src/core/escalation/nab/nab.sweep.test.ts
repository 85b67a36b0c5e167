import { describe, expect, it } from "vitest";
import { parseNabCsv, parseNabTimestamp } from "./nab.csv.ts";
import { nabProfiles } from "./nab.profiles.ts";
import { nabNullScore, normaliseNabScore, optimiseNabThreshold, scoreNabFile } from "./nab.score.ts";
import { nabProbationLength, nabScaledSigmoid, parseNabWindows, sweepNabFile } from "./nab.sweep.ts";

const minute = 60_000;
const rows = (n: number) => Array.from({ length: n }, (_, i) => i * minute);

describe("NAB sweep", () => {
  it.each([
    [-1, 0.98661],
    [0, 0],
    [1, -0.98661],
    [3.5, -1],
  ])("scales position %s to %s", (y, expected) => {
    expect(nabScaledSigmoid(y)).toBeCloseTo(expected, 5);
  });

  it.each([
    [100, 15],
    [4032, 604],
    [22695, 750],
  ])("gives a file of %s rows %s probationary rows, min(15 percent, 750)", (n, expected) => {
    expect(nabProbationLength(n)).toBe(expected);
  });

  it("pays a full point at a window's first row and costs a full fpWeight before any window", () => {
    const sweep = sweepNabFile(rows(200), [{ start: 100 * minute, end: 109 * minute }]);
    expect(sweep.unweighted[100]).toBeCloseTo(1, 12);
    // The last row of a 10-row window sits at y = -1/10.
    expect(sweep.unweighted[109]).toBeCloseTo(nabScaledSigmoid(-0.1) / nabScaledSigmoid(-1), 12);
    expect(sweep.unweighted[50]).toBe(-1);
    expect(sweep.window[105]).toBe(0);
    expect(sweep.unweighted[110]).toBeGreaterThan(-0.5);
    expect(sweep.unweighted[199]).toBe(-1);
  });

  it("reads NAB's timestamps with and without microseconds as UTC", () => {
    expect(parseNabTimestamp("2014-04-10 07:15:00.000000")).toBe(Date.UTC(2014, 3, 10, 7, 15));
    const table = parseNabCsv("timestamp,value\n2014-04-10 07:15:00,3\n2014-04-10 07:20:00,\n");
    expect(Array.from(table.timestamps)).toEqual([
      Date.UTC(2014, 3, 10, 7, 15),
      Date.UTC(2014, 3, 10, 7, 20),
    ]);
    expect(Array.from(table.columns.value ?? [])).toEqual([3, Number.NaN]);
  });
});

describe("NAB score", () => {
  const sweep = sweepNabFile(
    rows(200),
    parseNabWindows([["1970-01-01 01:40:00.000000", "1970-01-01 01:49:00.000000"]]),
  );
  const costs = nabProfiles.standard;
  const detections = (at: number[]) => {
    const scores = new Float64Array(200);
    for (const i of at) scores[i] = 0.9;
    return scores;
  };

  it("counts only the earliest detection in a window and charges each false alarm", () => {
    const file = { sweep, anomalyScores: detections([100, 105, 60]) };
    const result = scoreNabFile(file, 0.5, costs);
    expect(result.score).toBeCloseTo(1 - costs.fpWeight, 12);
    expect([result.tp, result.fp, result.fn, result.total]).toEqual([2, 1, 8, 200]);
  });

  it("charges fnWeight for a missed window and normalises null to 0 and perfect to 100", () => {
    expect(scoreNabFile({ sweep, anomalyScores: detections([]) }, 0.5, costs).score).toBe(
      nabNullScore(sweep, costs),
    );
    expect(normaliseNabScore(-1, [sweep], costs)).toBe(0);
    expect(normaliseNabScore(1, [sweep], costs)).toBe(100);
  });

  it("picks the threshold that separates the window's detection from weaker false alarms", () => {
    const scores = new Float64Array(200).fill(0.1);
    scores[60] = 0.4;
    scores[102] = 0.7;
    const best = optimiseNabThreshold([{ sweep, anomalyScores: scores }], costs);
    expect(best.threshold).toBe(0.7);
    expect(best.score).toBeCloseTo(scoreNabFile({ sweep, anomalyScores: scores }, 0.7, costs).score, 12);
  });
});
