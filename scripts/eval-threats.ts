// Measures threat detection on posts written for the purpose (scripts/train/data/threats-*.jsonl): the rules
// alone, the learned model alone and both together as the engine combines them. Sets a and a2 are the
// development sets the rules are written against and the model is tuned on, set b was written apart and is only
// measured (--show-misses never prints its posts); the training files t1-t3 are not measured. With the datasets
// folder at hand it also counts how many posts of the datasets' dev parts (everyday and offensive) each flags.
// Run: npm run --silent eval:threats [-- --show-misses] [-- --show-everyday] [-- --models DIR]
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assessPost, createRiskEngine, type RiskEngine } from "../src/core/risk/assess.ts";
import { loadModels } from "../src/core/risk/classify/classify.load.ts";
import { scoreWithSet } from "../src/core/risk/classify/classify.score.ts";
import { classifiersForLanguage } from "../src/core/risk/classify/classify.select.ts";
import { detectThreat } from "../src/core/risk/detectors/index.ts";
import { defaultModelsDir } from "../src/risk/risk.service.ts";
import { scriptArgs } from "./lib/args.ts";
import {
  defaultDataDir,
  type LabelledText,
  loadComplaints,
  loadGermEval2018,
  loadGermEval2019,
  loadGermEval2021,
  loadHasoc2019,
  loadPotts,
  loadSb10k,
  loadSmsSpam,
  loadTweetEval,
  loadWrittenPosts,
} from "./train/datasets.ts";
import { metricsAt } from "./train/evaluate.ts";
import { devFraction, noOrg, splitSeed } from "./train/recipes.ts";
import { stratifiedSplit } from "./train/split.ts";

const values = scriptArgs(
  "npm run --silent eval:threats --",
  "Measures threat detection on the written threat sets of scripts/train/data — the rules, the learned model and\nboth as the engine combines them: precision, recall and F1 per set, recall per kind of threat and false alarms\nper kind of harmless post — and, where the datasets folder is, how many posts of its dev parts each flags. The last line\nis one JSON object.",
  {
    "show-misses": {
      type: "boolean",
      description: "print the development sets' missed threats and false alarms (combined)",
    },
    "show-everyday": {
      type: "boolean",
      description: "print the dev posts of the datasets that the combination flags",
    },
    models: { type: "string", value: "DIR", default: defaultModelsDir, description: "the models folder" },
    data: { type: "string", value: "DIR", default: defaultDataDir, description: "the datasets folder" },
  },
);

type Lang = "de" | "en";
type Judge = (text: string, lang: Lang) => { score: number; flagged: boolean };

const engine: RiskEngine = createRiskEngine(await loadModels(String(values.models)));
const judges: Record<"rules" | "model" | "combined", Judge> = {
  rules: (text, lang) => detectThreat(text, { lang, org: noOrg, direction: "incoming" }),
  model: (text, lang) =>
    scoreWithSet(classifiersForLanguage(engine.classifiers, lang), text, { explain: "never" }).threat ?? {
      score: 0,
      flagged: false,
    },
  combined: (text, lang) => assessPost(engine, { text, lang }, { org: noOrg }).risks.threat,
};

interface Figures {
  precision: number;
  recall: number;
  f1: number;
}
interface SetFigures {
  posts: number;
  threats: number;
  rules: Figures;
  model: Figures;
  combined: Figures;
  missedByKind: Record<string, string>;
  falseAlarmsByKind: Record<string, string>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function figuresOf(judge: Judge, rows: readonly LabelledText[], lang: Lang, labels: Uint8Array): Figures {
  const flags = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    flags[i] = judge(row.text, lang).flagged ? 1 : 0;
  });
  // Each judge flags by its own threshold, so the figures are those of its flags.
  const { precision, recall, f1 } = metricsAt(flags, labels, 1);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}

function measure(name: string, lang: Lang, showMisses: boolean): SetFigures | undefined {
  const file = fileURLToPath(new URL(`./train/data/${name}.jsonl`, import.meta.url));
  if (!existsSync(file)) return undefined;
  const rows = loadWrittenPosts(file, "threat");
  const labels = Uint8Array.from(rows, (row) => (row.label.startsWith("1/") ? 1 : 0));
  const lines: string[] = [];
  const missed: Record<string, [number, number]> = {};
  const alarms: Record<string, [number, number]> = {};
  rows.forEach((row, i) => {
    const kind = row.label.slice(2);
    const isThreat = labels[i] === 1;
    const flagged = judges.combined(row.text, lang).flagged;
    const tally = isThreat ? missed : alarms;
    const counts = tally[kind] ?? [0, 0];
    counts[1] += 1;
    if (isThreat !== flagged) {
      counts[0] += 1;
      if (showMisses) lines.push(`  ${isThreat ? "missed" : "false alarm"} (${kind}): ${row.text}`);
    }
    tally[kind] = counts;
  });
  const shown = (tally: Record<string, [number, number]>) =>
    Object.fromEntries(Object.entries(tally).map(([kind, [n, of]]) => [kind, `${n}/${of}`]));
  const figures: SetFigures = {
    posts: rows.length,
    threats: labels.reduce((sum, label) => sum + label, 0),
    rules: figuresOf(judges.rules, rows, lang, labels),
    model: figuresOf(judges.model, rows, lang, labels),
    combined: figuresOf(judges.combined, rows, lang, labels),
    missedByKind: shown(missed),
    falseAlarmsByKind: shown(alarms),
  };
  console.log(`${name.padEnd(14)} ${String(figures.posts).padStart(4)} posts, ${figures.threats} threats`);
  for (const judge of ["rules", "model", "combined"] as const) {
    const f = figures[judge];
    console.log(
      `  ${judge.padEnd(9)} precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}, F1 ${f.f1.toFixed(3)}`,
    );
  }
  console.log(`  combined, missed by kind: ${JSON.stringify(figures.missedByKind)}`);
  console.log(`  combined, false alarms by kind: ${JSON.stringify(figures.falseAlarmsByKind)}`);
  for (const line of lines) console.log(line);
  return figures;
}

/**
 * The datasets' dev parts, split as the training recipes split them: the threat models learn from the training
 * parts (as everyday negatives), so only the dev parts measure how often they flag posts they have not seen.
 */
function datasetPosts(dir: string): Array<{ text: string; lang: Lang; source: string }> {
  const dev = (lang: Lang, rows: LabelledText[]) =>
    stratifiedSplit(rows, devFraction, splitSeed).dev.map((row) => ({
      text: row.text,
      lang,
      source: row.source,
    }));
  const shipped = (lang: Lang, rows: LabelledText[]) =>
    rows.map((row) => ({ text: row.text, lang, source: row.source }));
  return [
    ...dev("de", loadGermEval2018(dir)),
    ...dev("de", loadGermEval2019(dir)),
    ...dev("de", loadGermEval2021(dir)),
    ...dev("de", loadHasoc2019(dir, "de")),
    ...shipped("de", loadSb10k(dir, "dev")),
    ...shipped("de", loadPotts(dir, "dev")),
    ...dev("en", loadHasoc2019(dir, "en")),
    ...dev("en", loadTweetEval(dir, "offensive")),
    ...dev("en", loadTweetEval(dir, "hate")),
    ...dev("en", loadComplaints(dir)),
    ...dev("en", loadSmsSpam(dir)),
  ];
}

const results: Record<string, unknown> = {};
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

const dataDir = String(values.data);
if (existsSync(dataDir)) {
  const posts = datasetPosts(dataDir);
  const flagged = { rules: 0, model: 0, combined: 0 };
  const bySource: Record<string, number> = {};
  for (const post of posts) {
    const rules = judges.rules(post.text, post.lang).flagged;
    const model = judges.model(post.text, post.lang).flagged;
    const combined = judges.combined(post.text, post.lang).flagged;
    if (rules) flagged.rules += 1;
    if (model) flagged.model += 1;
    if (combined) {
      flagged.combined += 1;
      bySource[post.source] = (bySource[post.source] ?? 0) + 1;
      if (values["show-everyday"] === true)
        console.log(
          `  flagged (${post.source}${rules ? ", rules" : ""}${model ? ", model" : ""}): ${post.text}`,
        );
    }
  }
  const share = (n: number) => `${n} (${((100 * n) / posts.length).toFixed(2)} %)`;
  console.log(
    `dataset dev posts: ${posts.length}; flagged by the rules ${share(flagged.rules)}, the model ${share(flagged.model)}, combined ${share(flagged.combined)}`,
  );
  console.log(`  combined by source: ${JSON.stringify(bySource)}`);
  results.datasets = { posts: posts.length, ...flagged, combinedBySource: bySource };
} else {
  console.log(`dataset dev posts: not measured (no datasets folder at ${dataDir})`);
}
console.log(JSON.stringify(results));
