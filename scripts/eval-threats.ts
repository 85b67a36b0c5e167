// Measures the rule-based threat detector on posts written for the purpose (scripts/train/data/threats-*.jsonl):
// sets a and a2 are the development sets the rules are written against, set b was written apart and is only
// measured (--show-misses never prints its posts).
// Run: npm run --silent eval:threats [-- --show-misses]
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectThreat } from "../src/core/risk/detectors/index.ts";
import type { OrgRiskConfig } from "../src/core/risk/risk.types.ts";
import { scriptArgs } from "./lib/args.ts";
import { loadWrittenPosts } from "./train/datasets.ts";

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
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const missed: Record<string, [number, number]> = {};
  const alarms: Record<string, [number, number]> = {};
  for (const row of rows) {
    const [label, kind = ""] = row.label.split("/");
    const isThreat = label === "1";
    const flagged = detectThreat(row.text, { lang, org, direction: "incoming" }).flagged;
    const tally = isThreat ? missed : alarms;
    const counts = tally[kind] ?? [0, 0];
    counts[1] += 1;
    if (isThreat && flagged) tp += 1;
    else if (isThreat) {
      fn += 1;
      counts[0] += 1;
      if (showMisses) lines.push(`  missed (${kind}): ${row.text}`);
    } else if (flagged) {
      fp += 1;
      counts[0] += 1;
      if (showMisses) lines.push(`  false alarm (${kind}): ${row.text}`);
    }
    tally[kind] = counts;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const shown = (tally: Record<string, [number, number]>) =>
    Object.fromEntries(Object.entries(tally).map(([kind, [n, of]]) => [kind, `${n}/${of}`]));
  const figures = {
    posts: rows.length,
    threats: tp + fn,
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
