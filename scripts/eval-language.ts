// Measures detectLanguage on German (GermEval 2018) and English (TweetEval offensive) training tweets.
// Run: npx tsx scripts/eval-language.ts [--show-misses]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { detectLanguage } from "../src/core/text/language.ts";
import { datasetsDir, scriptArgs } from "./lib/args.ts";

const datasets = datasetsDir;
const sampleSize = 2000;
const seed = 20_180_301;
const values = scriptArgs(
  "npx tsx scripts/eval-language.ts",
  "Measures the language detector on the dev texts of the German and English datasets.",
  { "show-misses": { type: "boolean", description: "print up to 40 misclassified texts" } },
);
const missesToShow = values["show-misses"] ? 40 : 0;

/** A small seeded generator (mulberry32), so the sample is the same on every run. */
function seededRandom(initial: number): () => number {
  let state = initial >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sample(lines: string[], size: number, random: () => number): string[] {
  const pool = [...lines];
  for (let i = pool.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, size);
}

function readLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

const random = seededRandom(seed);
const german = sample(
  readLines(join(datasets, "germeval2018/germeval2018.training.txt")).map(
    (line) => line.split("\t")[0] ?? "",
  ),
  sampleSize,
  random,
);
const english = sample(readLines(join(datasets, "tweeteval/offensive/train_text.txt")), sampleSize, random);

const results: Record<string, { accuracy: number; n: number; predicted: Record<string, number> }> = {};
for (const [expected, texts] of [
  ["de", german],
  ["en", english],
] as const) {
  const predicted: Record<string, number> = { de: 0, en: 0, other: 0 };
  const misses: string[] = [];
  for (const text of texts) {
    const language = detectLanguage(text);
    predicted[language] = (predicted[language] ?? 0) + 1;
    if (language !== expected && misses.length < missesToShow) {
      misses.push(`  ${language}: ${text}`);
    }
  }
  const accuracy = (predicted[expected] ?? 0) / texts.length;
  results[expected] = { accuracy, n: texts.length, predicted };
  console.log(
    `${expected}: ${(accuracy * 100).toFixed(1)} % of ${texts.length} (predicted ${JSON.stringify(predicted)})`,
  );
  for (const miss of misses) console.log(miss);
}
const overall = ((results.de?.accuracy ?? 0) + (results.en?.accuracy ?? 0)) / 2;
console.log(
  JSON.stringify({ seed, sampleSize, de: results.de?.accuracy, en: results.en?.accuracy, overall }),
);
