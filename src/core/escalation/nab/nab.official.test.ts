import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNabCsv } from "./nab.csv.ts";
import { type NabProfileName, nabProfileNames, nabProfiles } from "./nab.profiles.ts";
import { type NabScoredFile, optimiseNabThreshold, scoreNabFile } from "./nab.score.ts";
import { parseNabWindows, sweepNabFile } from "./nab.sweep.ts";

// The corpus is not in the repository; it lies beside the checkout in ../shared/datasets.
const nabDir = path.resolve(import.meta.dirname, "../../../../../shared/datasets/nab");
const resultsDir = path.join(nabDir, "results/numenta");
const haveNab = fs.existsSync(resultsDir);
if (!haveNab) console.warn(`NAB scorer check skipped: ${resultsDir} not found`);

interface OfficialRow {
  threshold: number;
  score: number;
  counts: [number, number, number, number, number];
}

function officialRows(profile: NabProfileName): Map<string, OfficialRow> {
  const text = fs.readFileSync(path.join(resultsDir, `numenta_${profile}_scores.csv`), "utf8");
  const rows = new Map<string, OfficialRow>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [, , file, threshold, score, tp, tn, fp, fn, total] = line.split(",");
    if (!file) continue; // the Totals row, summed over the full corpus with realTweets
    rows.set(file, {
      threshold: Number(threshold),
      score: Number(score),
      counts: [Number(tp), Number(tn), Number(fp), Number(fn), Number(total)],
    });
  }
  return rows;
}

function numentaFiles(): Map<string, NabScoredFile> {
  const labels = JSON.parse(
    fs.readFileSync(path.join(nabDir, "labels/combined_windows.json"), "utf8"),
  ) as Record<string, [string, string][]>;
  const files = new Map<string, NabScoredFile>();
  for (const [key, windows] of Object.entries(labels)) {
    const [group, name] = key.split("/");
    const resultFile = path.join(resultsDir, group ?? "", `numenta_${name}`);
    if (!fs.existsSync(resultFile)) continue;
    const table = parseNabCsv(fs.readFileSync(resultFile, "utf8"));
    files.set(key, {
      sweep: sweepNabFile(table.timestamps, parseNabWindows(windows)),
      anomalyScores: table.columns.anomaly_score ?? new Float64Array(),
    });
  }
  return files;
}

describe.skipIf(!haveNab)("NAB scorer against the official results of the numenta detector", () => {
  const files = haveNab ? numentaFiles() : new Map<string, NabScoredFile>();
  const thresholds = haveNab
    ? (JSON.parse(fs.readFileSync(path.join(resultsDir, "thresholds.json"), "utf8")).numenta as Record<
        NabProfileName,
        { threshold: number }
      >)
    : undefined;

  it("uses the cost profiles of config/profiles.json", () => {
    const config = JSON.parse(fs.readFileSync(path.join(nabDir, "config/profiles.json"), "utf8")) as Record<
      string,
      { CostMatrix: { tpWeight: number; fpWeight: number; fnWeight: number } }
    >;
    for (const name of nabProfileNames) {
      const { tpWeight, fpWeight, fnWeight } = config[name]?.CostMatrix ?? {};
      expect(nabProfiles[name]).toEqual({ tpWeight, fpWeight, fnWeight });
    }
  });

  it.each(nabProfileNames)("reproduces every per-file score and count of the %s profile", (profile) => {
    const official = officialRows(profile);
    const threshold = thresholds?.[profile].threshold ?? Number.NaN;
    expect(official.size).toBeGreaterThanOrEqual(40);
    for (const [key, row] of official) {
      const file = files.get(key);
      expect(file, key).toBeDefined();
      if (!file) continue;
      // The CSV prints the threshold with 12 significant digits; thresholds.json holds it in full.
      expect(threshold).toBeCloseTo(row.threshold, 10);
      const mine = scoreNabFile(file, threshold, nabProfiles[profile]);
      expect(mine.score, key).toBeCloseTo(row.score, 9);
      expect([mine.tp, mine.tn, mine.fp, mine.fn, mine.total], key).toEqual(row.counts);
    }
  });

  it.each(nabProfileNames)(
    "finds a corpus threshold at least as good as NAB's own for the %s profile",
    (profile) => {
      const official = officialRows(profile);
      const corpus = [...official.keys()].flatMap((key) => files.get(key) ?? []);
      const officialSum = [...official.values()].reduce((sum, row) => sum + row.score, 0);
      const best = optimiseNabThreshold(corpus, nabProfiles[profile]);
      expect(best.score).toBeGreaterThanOrEqual(officialSum - 1e-6);
      const atBest = corpus.reduce(
        (sum, file) => sum + scoreNabFile(file, best.threshold, nabProfiles[profile]).score,
        0,
      );
      expect(atBest).toBeCloseTo(best.score, 9);
    },
  );
});
