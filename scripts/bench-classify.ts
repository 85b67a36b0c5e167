/**
 * Throughput of the learned classifiers alone: loads models/, scores a few thousand dataset posts
 * per language with all five classifiers of that language (spans only for flagged results, as the
 * engine runs them), and prints a last-line JSON with posts/s on one core.
 */
import { loadModels } from "../src/core/risk/classify/classify.load.ts";
import { scoreWithSet } from "../src/core/risk/classify/classify.score.ts";
import { buildLanguageClassifiers } from "../src/core/risk/classify/classify.select.ts";
import { scriptArgs } from "./lib/args.ts";
import { defaultDataDir, loadGermEval2018, loadTweetEval } from "./train/datasets.ts";

scriptArgs(
  "npm run bench:classify --",
  "Scores dataset posts per language with all classifiers of that language on one core and prints\nposts/s; the last line is one JSON object.",
  {},
);
const loadStarted = performance.now();
const models = await loadModels("models");
const loadMs = performance.now() - loadStarted;
const classifiers = buildLanguageClassifiers(models);
const postsPerLanguage = 3000;
const corpora = {
  de: loadGermEval2018(defaultDataDir)
    .slice(0, postsPerLanguage)
    .map((row) => row.text),
  en: loadTweetEval(defaultDataDir, "offensive")
    .slice(0, postsPerLanguage)
    .map((row) => row.text),
};

const results: Record<
  string,
  {
    postsPerSecond: number;
    microsecondsPerPost: number;
    scoresOnlyPostsPerSecond: number;
    flaggedShare: number;
    meanLength: number;
  }
> = {};
for (const lang of ["de", "en"] as const) {
  const set = classifiers[lang];
  const texts = corpora[lang];
  let flagged = 0;
  for (const text of texts) {
    const scores = scoreWithSet(set, text);
    if (Object.values(scores).some((result) => result?.flagged)) flagged++;
  }
  // As the engine runs them (spans for flagged results), and the scores alone (spans never).
  const postsPerSecond = measure(texts, (text) => scoreWithSet(set, text));
  const scoresOnly = measure(texts, (text) => scoreWithSet(set, text, { explain: "never" }));
  results[lang] = {
    postsPerSecond: Math.round(postsPerSecond),
    microsecondsPerPost: Number((1e6 / postsPerSecond).toFixed(2)),
    scoresOnlyPostsPerSecond: Math.round(scoresOnly),
    flaggedShare: Number((flagged / texts.length).toFixed(3)),
    meanLength: Math.round(texts.reduce((sum, text) => sum + text.length, 0) / texts.length),
  };
  console.log(
    `${lang}: ${set.models.map((model) => model.name).join(", ")}: ${results[lang]?.postsPerSecond} posts/s`,
  );
}
console.log(JSON.stringify({ loadMs: Math.round(loadMs), models: Object.keys(models).length, ...results }));

/** Posts per second over whole passes for at least two seconds (after the warm-up pass). */
function measure(texts: readonly string[], score: (text: string) => unknown): number {
  let posts = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    for (const text of texts) score(text);
    posts += texts.length;
  }
  return posts / ((performance.now() - started) / 1000);
}
