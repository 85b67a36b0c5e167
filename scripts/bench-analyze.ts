// Speed of the full risk assessment on one core, against two npm sentiment analysers on the same corpus.
// Usage: npm run bench:analyze [-- --posts 100000] [--stages]
// Corpus: German and English dataset texts (training files only) when ../shared/datasets is there,
// filled up with posts of the demo scenario, so the benchmark also runs on a fresh clone.
import { createRequire } from "node:module";
import { assessPost, createRiskEngine } from "../src/core/risk/assess.ts";
import { loadModels } from "../src/core/risk/classify/classify.load.ts";
import { scoreWithSet } from "../src/core/risk/classify/classify.score.ts";
import { classifiersForLanguage } from "../src/core/risk/classify/classify.select.ts";
import type { DetectContext, PreparedPost } from "../src/core/risk/detectors/index.ts";
import * as detectors from "../src/core/risk/detectors/index.ts";
import { planScenario } from "../src/core/scenario/scenario.plan.ts";
import { detectLanguage } from "../src/core/text/language.ts";
import { defaultModelsDir } from "../src/risk/risk.service.ts";
import { demoScenarioPath, loadScenarioFile } from "../src/scenarios/scenarios.files.ts";
import { datasetsDir, positiveNumber, scriptArgs } from "./lib/args.ts";
import {
  detokenise,
  type LabelledText,
  loadComplaints,
  loadGermEval2018,
  loadGermEval2019,
  loadGermEval2021,
  loadHasoc2019,
  loadPotts,
  loadSb10k,
  loadTweetEval,
} from "./train/datasets.ts";

const require = createRequire(import.meta.url);
// Neither peer ships type declarations; these are the calls their READMEs document.
const vader = require("vader-sentiment") as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): unknown };
};
const Sentiment = require("sentiment") as new () => { analyze(text: string): unknown };

const values = scriptArgs(
  "npm run bench:analyze --",
  "Assesses a mixed German/English corpus with the full risk engine on one core, and the peers\nvader-sentiment and sentiment on the same corpus; prints posts/s, p99 and peak memory, the last line\none JSON object.",
  {
    posts: { type: "string", value: "N", default: "100000", description: "posts in the corpus" },
    stages: {
      type: "boolean",
      description: "also print the CPU time a post spends in each stage of the assessment (best of 5)",
    },
  },
);
const wanted = positiveNumber("bench:analyze", "posts", values.posts);
const datasets = datasetsDir;

/**
 * The training parts of the German and English datasets (never a test split), each distinct text once, in
 * a fixed order: posts as people write them, from debate, customer service, everyday chatter and abuse.
 * A dataset that is not there is left out (a fresh clone without ../shared/datasets runs on demo posts).
 */
function datasetTexts(): string[] {
  const parts: (() => LabelledText[])[] = [
    () => loadGermEval2018(datasets),
    () => loadGermEval2019(datasets),
    () => loadGermEval2021(datasets),
    () => loadHasoc2019(datasets, "de"),
    () => loadSb10k(datasets, "train").map((row) => ({ ...row, text: detokenise(row.text) })),
    () => loadPotts(datasets, "train").map((row) => ({ ...row, text: detokenise(row.text) })),
    () => loadTweetEval(datasets, "offensive"),
    () => loadTweetEval(datasets, "hate"),
    () => loadHasoc2019(datasets, "en"),
    () => loadComplaints(datasets),
  ];
  const texts = new Set<string>();
  for (const part of parts) {
    let rows: LabelledText[] = [];
    try {
      rows = part();
    } catch (error) {
      // Only a dataset that is not there is left out; one that is there but unreadable stops the run.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    for (const row of rows) if (row.text.trim() !== "") texts.add(row.text);
  }
  return [...texts];
}

async function corpus(): Promise<{ texts: string[]; from: string }> {
  const texts = datasetTexts();
  const fromDatasets = texts.length;
  const loaded = await loadScenarioFile(demoScenarioPath);
  if (!loaded.ok) throw new Error("demo scenario invalid");
  for (let hour = 0; texts.length < wanted; hour++) {
    const planned = planScenario(loaded.scenario, {
      fromMs: hour * 3_600_000,
      toMs: (hour + 1) * 3_600_000,
      startedAt: new Date("2026-11-25T08:00:00Z"),
    });
    for (const p of planned) texts.push(p.post.text);
  }
  const chosen = texts.slice(0, wanted);
  const fromScenario = Math.max(0, chosen.length - fromDatasets);
  return {
    texts: chosen,
    from: `${chosen.length - fromScenario} dataset texts + ${fromScenario} demo scenario posts; ${new Set(chosen).size} distinct`,
  };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const { texts, from } = await corpus();
const loadStart = performance.now();
const engine = createRiskEngine(await loadModels(defaultModelsDir));
const loadMs = performance.now() - loadStart;
const org = {
  brandNames: ["Nordwind", "Nordwind Mobil"],
  domains: ["nordwind-mobil.de"],
  officialAccounts: [{ handle: "nordwindmobil" }, { handle: "nordwind_hilfe" }],
  executives: ["Anke Petersen"],
  watchlist: ["Leuchtturm"],
};
const inputs = { org, knownBadHosts: new Set(["bad-host.example"]) };

// Warm-up so the JIT has compiled the hot paths before timing.
for (let i = 0; i < 2000; i++) assessPost(engine, { text: texts[i % texts.length] ?? "" }, inputs);

const latencies = new Float64Array(texts.length);
let flagged = 0;
const start = performance.now();
for (let i = 0; i < texts.length; i++) {
  const t0 = performance.now();
  const a = assessPost(engine, { text: texts[i] ?? "" }, inputs);
  latencies[i] = performance.now() - t0;
  if (a.priority >= 0.5) flagged++;
}
const seconds = (performance.now() - start) / 1000;
latencies.sort();
const p50 = latencies[Math.floor(latencies.length * 0.5)] ?? 0;
const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
const postsPerSec = Math.round(texts.length / seconds);

function throughput(fn: (text: string) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(texts[i % texts.length] ?? "");
  const t0 = performance.now();
  for (const text of texts) fn(text);
  return Math.round(texts.length / ((performance.now() - t0) / 1000));
}
const sentiment = new Sentiment();
const vaderPerSec = throughput((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t));
const sentimentPerSec = throughput((t) => sentiment.analyze(t));
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * CPU time per post of each stage of `assessPost`, each run alone over the whole corpus (`process.cpuUsage`,
 * best of five rounds): where the time goes, for whoever works on the engine's speed. The stages share
 * work in the real assessment, so their sum differs from the whole: each detector alone includes the words
 * and links it asks the prepared post for (worked out once a post for all of them in `ruleDetectors`), and
 * the whole also builds the results, maps the learned spans and weighs the priority.
 */
function stageCosts(): Record<string, number> {
  const cpuPerPost = (run: () => void) => {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 5; round++) {
      const before = process.cpuUsage();
      run();
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / texts.length);
    }
    return Math.round(best * 100) / 100;
  };
  const prepared: PreparedPost[] = texts.map((text) => detectors.preparePost(text));
  const langs = prepared.map((p) => detectLanguage(p.visible.text));
  // A detector asks the prepared post for its words and links, which are worked out on first use and kept;
  // so each post is prepared afresh inside the timed loop, and the preparation alone is subtracted.
  const contextOf = (i: number): DetectContext => ({
    lang: langs[i] ?? "other",
    org,
    prepared: detectors.preparePost(texts[i] ?? ""),
    knownBadHosts: inputs.knownBadHosts,
  });

  const sets = langs.map((lang) => classifiersForLanguage(engine.classifiers, lang));
  const perDetector = {
    maliciousLink: detectors.detectMaliciousLinks,
    pii: detectors.detectPii,
    secrets: detectors.detectSecrets,
    confidential: detectors.detectConfidential,
    impersonation: detectors.detectImpersonation,
    scam: detectors.detectScam,
    threat: detectors.detectThreat,
    opportunities: detectors.detectOpportunities,
    factualAccusation: detectors.detectFactualAccusation,
  };
  const costs: Record<string, number> = {
    assessPost: cpuPerPost(() => {
      for (const text of texts) assessPost(engine, { text }, inputs);
    }),
    visibleText: cpuPerPost(() => {
      for (const text of texts) detectors.preparePost(text);
    }),
    language: cpuPerPost(() => {
      for (const p of prepared) detectLanguage(p.visible.text);
    }),
    classifierScores: cpuPerPost(() => {
      for (let i = 0; i < texts.length; i++)
        scoreWithSet(sets[i] ?? engine.classifiers.en, prepared[i]?.visible.text ?? "", { explain: "never" });
    }),
    classifiersExplained: cpuPerPost(() => {
      for (let i = 0; i < texts.length; i++)
        scoreWithSet(sets[i] ?? engine.classifiers.en, prepared[i]?.visible.text ?? "", {
          explain: "flagged",
        });
    }),
    ruleDetectors: cpuPerPost(() => {
      for (let i = 0; i < texts.length; i++) detectors.runRuleDetectors(texts[i] ?? "", contextOf(i));
    }),
  };
  for (const [name, detect] of Object.entries(perDetector)) {
    costs[name] = cpuPerPost(() => {
      for (let i = 0; i < texts.length; i++) detect(texts[i] ?? "", contextOf(i));
    });
  }
  const preparing = costs.visibleText ?? 0;
  for (const name of ["ruleDetectors", ...Object.keys(perDetector)])
    costs[name] = Math.round(((costs[name] ?? 0) - preparing) * 100) / 100;
  return costs;
}
const stages = values.stages ? stageCosts() : null;
process.stdout.write(`corpus: ${texts.length} posts (${from})\n`);
process.stdout.write(`models loaded in ${round(loadMs, 0)} ms\n`);
process.stdout.write(
  `brandwache assessPost (17 categories): ${postsPerSec} posts/s, p50 ${round(p50)} ms, p99 ${round(p99)} ms, ${flagged} posts with priority >= 0.5\n`,
);
process.stdout.write(
  `vader-sentiment (sentiment only): ${vaderPerSec} posts/s (brandwache is ${round(postsPerSec / vaderPerSec, 2)}x)\n`,
);
process.stdout.write(
  `sentiment (AFINN, sentiment only): ${sentimentPerSec} posts/s (brandwache is ${round(postsPerSec / sentimentPerSec, 2)}x)\n`,
);
process.stdout.write(`peak RSS: ${Math.round(peakRss / 1e6)} MB\n`);
if (stages) {
  process.stdout.write("CPU µs a post by stage (each alone, best of 5 rounds over the corpus):\n");
  for (const [name, us] of Object.entries(stages)) process.stdout.write(`  ${name}: ${us}\n`);
}
process.stdout.write(
  `${JSON.stringify({
    postsPerSec,
    p99Ms: round(p99),
    peakRssMb: Math.round(peakRss / 1e6),
    peers: { "vader-sentiment": vaderPerSec, sentiment: sentimentPerSec },
    ratios: {
      "vader-sentiment": round(postsPerSec / vaderPerSec, 2),
      sentiment: round(postsPerSec / sentimentPerSec, 2),
    },
    posts: texts.length,
    modelLoadMs: round(loadMs, 0),
    ...(stages ? { cpuMicrosecondsPerPost: stages } : {}),
  })}\n`,
);
