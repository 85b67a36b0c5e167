// Measures the rule-based threat detector on posts written for the purpose (scripts/train/data/threats-*.jsonl):
// sets a and a2 are the development sets the rules are written against, set b was written apart and is only
// measured (--show-misses never prints its posts).
// Run: npm run --silent eval:threats [-- --show-misses]
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectThreat } from "../src/core/risk/detectors/index.ts";
import { DEFAULT_THRESHOLD } from "../src/core/risk/detectors/scoring.ts";
import type { OrgRiskConfig } from "../src/core/risk/risk.types.ts";
import { scriptArgs } from "./lib/args.ts";
import { loadWrittenPosts } from "./train/datasets.ts";
import { metricsAt } from "./train/evaluate.ts";

const values = scriptArgs(
  "npm run --silent eval:threats --",
  "Measures the threat detector (rules) on the written threat sets of scripts/train/data: precision, recall and\nF1 per set and language, recall per kind of threat and false alarms per kind of harmless post. The last line\nis one JSON object.",
  { "show-misses": { type: "boolean", description: "print the missed threats and the false alarms" } },
);

// An organisation the posts are not about: the sets use invented names, so no rule may lean on the org's names.
const org: OrgRiskConfig = {
  brandNames: [],
  domains: [],
  officialAccounts: [],
  executives: [],
  watchlist: [],
};

interface SetFigures {
  posts: number;
  threats: number;
  precision: number;
  recall: number;
  f1: number;
  missedByKind: Record<string, string>;
  falseAlarmsByKind: Record<string, string>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function measure(name: string, lang: "de" | "en", showMisses: boolean): SetFigures | undefined {
  const file = fileURLToPath(new URL(`./train/data/${name}.jsonl`, import.meta.url));
  if (!existsSync(file)) return undefined;
  const rows = loadWrittenPosts(file, "threat");
  const lines: string[] = [];
  const scores = new Float64Array(rows.length);
  const labels = new Uint8Array(rows.length);
  const missed: Record<string, [number, number]> = {};
  const alarms: Record<string, [number, number]> = {};
  rows.forEach((row, i) => {
    const [label, kind = ""] = row.label.split("/");
    const isThreat = label === "1";
    const result = detectThreat(row.text, { lang, org, direction: "incoming" });
    scores[i] = result.score;
    labels[i] = isThreat ? 1 : 0;
    const tally = isThreat ? missed : alarms;
    const counts = tally[kind] ?? [0, 0];
    counts[1] += 1;
    if (isThreat !== result.flagged) {
      counts[0] += 1;
      if (showMisses) lines.push(`  ${isThreat ? "missed" : "false alarm"} (${kind}): ${row.text}`);
    }
    tally[kind] = counts;
  });
  // The detector flags a score at or above DEFAULT_THRESHOLD, so these are the figures of its flags.
  const { positives, precision, recall, f1 } = metricsAt(scores, labels, DEFAULT_THRESHOLD);
  const shown = (tally: Record<string, [number, number]>) =>
    Object.fromEntries(Object.entries(tally).map(([kind, [n, of]]) => [kind, `${n}/${of}`]));
  const figures = {
    posts: rows.length,
    threats: positives,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    missedByKind: shown(missed),
    falseAlarmsByKind: shown(alarms),
  };
  console.log(
    `${name.padEnd(14)} ${String(figures.posts).padStart(4)} posts, ${figures.threats} threats: precision ${figures.precision.toFixed(3)}, recall ${figures.recall.toFixed(3)}, F1 ${figures.f1.toFixed(3)}`,
  );
  console.log(`  missed by kind: ${JSON.stringify(figures.missedByKind)}`);
  console.log(`  false alarms by kind: ${JSON.stringify(figures.falseAlarmsByKind)}`);
  for (const line of lines) console.log(line);
  return figures;
}

const results: Record<string, SetFigures> = {};
// Only the development sets' misses are ever printed: set b stays unread, so that its figure measures.
for (const [name, lang, development] of [
  ["threats-de-a", "de", true],
  ["threats-de-a2", "de", true],
  ["threats-en-a", "en", true],
  ["threats-de-b", "de", false],
  ["threats-en-b", "en", false],
] as const) {
  const figures = measure(name, lang, development && values["show-misses"] === true);
  if (figures) results[name] = figures;
}
console.log(JSON.stringify(results));
