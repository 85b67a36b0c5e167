import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { featureSpaceFile, type LinearClassifier } from "../../src/core/risk/classify/classify.model.ts";
import type {
  EmbeddingFile,
  FeatureConfigFile,
  LinearModelFile,
  PolarityFile,
} from "../../src/core/risk/classify/classify.schema.ts";
import type { BinaryMetrics } from "./evaluate.ts";
import { blendMargin, blendWeights } from "./fit.ts";
import { flagCapOf, type Recipe } from "./recipes.ts";

/** Writes `<name>.json` and `<name>.bin` (int8 weights, then the int8 word scores if any) of a linear model. */
export function writeLinearModel(dir: string, model: LinearClassifier): void {
  const file: LinearModelFile = {
    format: 1,
    kind: "linear",
    name: model.name,
    category: model.category,
    lang: model.lang,
    features: featureSpaceFile(model.features),
    bias: model.bias,
    calibration: model.calibration,
    threshold: model.threshold,
    weightScale: model.weightScale,
    weightsFile: `${model.name}.bin`,
    ...(model.wordScores.length > 0 && { wordScoreScale: model.wordScoreScale }),
    metadata: model.metadata,
  };
  const bytes = new Uint8Array(model.weights.length + model.wordScores.length);
  bytes.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength));
  bytes.set(
    new Uint8Array(model.wordScores.buffer, model.wordScores.byteOffset, model.wordScores.byteLength),
    model.weights.length,
  );
  writeFileSync(join(dir, file.weightsFile), bytes);
  writeFileSync(join(dir, `${model.name}.json`), `${JSON.stringify(file, null, 1)}\n`);
}

/** Writes a polarity word list, `<name>.json` (one line per class, so a change reads well in a diff). */
export function writePolarityFile(dir: string, file: PolarityFile): void {
  const lines = Object.entries(file).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  writeFileSync(join(dir, `${file.name}.json`), `{\n${lines.join(",\n")}\n}\n`);
}

/** Writes an embedding vocabulary, `<name>.json` (the words a hundred to a line, so a change reads in a diff). */
export function writeEmbeddingFile(dir: string, file: EmbeddingFile): void {
  const { words, ...rest } = file;
  const head = Object.entries(rest).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  const lines: string[] = [];
  for (let at = 0; at < words.length; at += 100)
    lines.push(
      `    ${words
        .slice(at, at + 100)
        .map((w) => JSON.stringify(w))
        .join(", ")}`,
    );
  writeFileSync(
    join(dir, `${file.name}.json`),
    `{\n${head.join(",\n")},\n  "words": [\n${lines.join(",\n")}\n  ]\n}\n`,
  );
}

/** What a card says about the language's feature space: its word lists, and whether the model uses the vectors. */
interface CardSpace {
  polarity?: PolarityFile | undefined;
  embedding?: EmbeddingFile | undefined;
  vectorsUsed?: boolean;
}

/** Writes the model card `<name>.md` from the recipe's text and the measured metadata. */
export function writeCard(
  dir: string,
  recipe: Recipe,
  model: { threshold: number; bias: number; features: FeatureConfigFile },
  metadata: Record<string, unknown>,
  space: CardSpace = {},
): void {
  writeFileSync(join(dir, `${recipe.name}.md`), renderCard(recipe, model, metadata, space));
}

/** The card's line on the polarity features of the language's feature space. */
function polarityLine(file: PolarityFile): string {
  const words =
    file.negative.length + file.stronglyNegative.length + file.positive.length + file.stronglyPositive.length;
  return `- Plus four polarity features (negative, strongly negative, positive, strongly positive) from \`${file.name}.json\`: ${words.toLocaleString("en")} word forms (${file.source}); each class's feature weighs ${file.weight}× an n-gram seen as often; a negator (${file.negators.slice(0, 4).join(", ")} …) flips the polarity of the next three words. Shared by every model of the language.`;
}

/** The card's line on the embedding vocabulary of the language's feature space. */
function embeddingLine(file: EmbeddingFile, used: boolean): string {
  const space = `the mean word vector (${file.dimensions} dimensions, × ${file.weight}) of the post's words in \`${file.name}.json\`: ${file.words.length.toLocaleString("en")} words (${file.source})`;
  return used
    ? `- Plus ${space}. The model's weights on it are stored as one score per word (the word's vector times those weights), so scoring adds the mean of the post's word scores and an explanation credits each word with its share.`
    : `- The language's feature space also offers ${space}; this model is trained without it (its word scores are all 0): see the recipe's \`wordVectors\` in scripts/train/recipes.ts.`;
}

function renderCard(
  recipe: Recipe,
  model: { threshold: number; bias: number; features: FeatureConfigFile },
  metadata: Record<string, unknown>,
  space: CardSpace,
): string {
  const { polarity, embedding, vectorsUsed } = space;
  const lines: string[] = [
    `# Model card: ${recipe.name}`,
    "",
    `Category \`${recipe.category}\`, language \`${recipe.lang}\`, kind \`${recipe.kind}\`. Generated by \`npm run train\` (scripts/train/); do not edit by hand.`,
    "",
    "## What it flags",
    "",
    recipe.card.definition,
    "",
    "## Data and licence",
    "",
    ...recipe.card.data.map((line) => `- ${line}`),
    "",
  ];
  const m = metadata as unknown as LinearMetadata;
  const features = model.features;
  const macroOperating = recipe.operatingPoint === "macroF1";
  const flagCap = flagCapOf(recipe);
  const capText =
    flagCap === undefined
      ? ""
      : `, raised where needed so that at most ${finePct(flagCap)} of the ordinary posts' dev part are flagged (a false alarm of this category costs a team more than a miss of one post among many)`;
  lines.push(
    "## Features and training",
    "",
    "- Text folded with `foldText` (lowercase, ä→ae, ö→oe, ü→ue, ß→ss, diacritics removed); @mentions, URLs and numbers replaced by placeholders; zero-width characters dropped; runs of one character capped at two.",
    `- Hashed character ${features.charMin}–${features.charMax}-grams (spaces included) plus word unigrams${features.wordBigrams ? " and bigrams" : ""}, 2^${features.hashBits} buckets, signed hashing (murmur3 fmix32 over FNV-1a), sublinear tf (1 + ln count), L2-normalised. All models of the language share this feature space, so a post is hashed once for all its classifiers.`,
    ...(polarity ? [polarityLine(polarity)] : []),
    ...(embedding ? [embeddingLine(embedding, vectorsUsed === true)] : []),
    `- L2-regularised logistic regression (L-BFGS, at most ${m.maxIterations ?? 100} iterations), positives weighted to balance the classes; NB log-count-ratio scaling (NB-LR, Wang & Manning 2012) at λ ∈ {3e-6, 1e-5} and plain LR at λ = 1e-5 were compared for every data variant, and blends of two variants' best models (${blendWeights.slice(0, -1).join(", ")} or ${blendWeights.at(-1)} of the first, each model's weights divided by the spread of its dev logits: one linear model again); the best by dev average precision is kept, a blend only when it gains at least ${blendMargin} over the best single model.`,
    `- Selected: ${m.trainedWith}; ${m.selected.trainSize} training texts (dev texts removed from training data).`,
    m.ordinary
      ? `- Ordinary posts: ${m.ordinary.trainSize} everyday posts (all negatives) join every training variant, and the ${m.ordinary.size} of their dev part join the dev set for selection, calibration and the threshold (${m.tuning.size} texts), so the model is tuned for everyday traffic, not only for the debate its labelled data came from.`
      : "- No ordinary posts were added: selection, calibration and the threshold use the dev set alone.",
    `- Weights stored as int8 with one scale (99.99th-percentile clipping); Platt scaling fitted on dev turns the logit into a probability; the operating threshold maximises ${macroOperating ? "dev macro-F1 (both classes' errors weigh alike, so the share of flagged posts is not inflated)" : "dev F1 of the positive class"}${capText}.`,
    "",
    "## Dev-split results",
    "",
    `Dev set: ${m.dev.name}, ${m.dev.size} texts, ${m.dev.positives} positive (${(100 * 0.15).toFixed(0)} % stratified hold-out of the training files, fixed seed, unless the dataset ships a dev split). All figures measured with the quantised production scorer.`,
    "",
    "| setting | threshold | precision | recall | F1 (positive) | macro-F1 | AUC |",
    "|---|---|---|---|---|---|---|",
    metricRow(
      flagCap === undefined
        ? `operating point (max ${macroOperating ? "macro-F1" : "F1 positive"})`
        : `operating point (max F1 positive, at most ${finePct(flagCap)} of everyday posts flagged)`,
      model.threshold,
      m.devMetrics,
    ),
    metricRow("probability 0.5", 0.5, m.devMetricsAtHalf),
    metricRow("best macro-F1 threshold", m.devBestMacroF1.threshold, m.devBestMacroF1),
    "",
    `Average precision on dev: ${m.devAveragePrecision}. The threshold and the calibration were chosen on this same dev set, so these figures are slightly optimistic; dev is not the official test split.`,
    "",
    ...(m.ordinary
      ? [
          `False alarms on everyday posts: ${m.ordinary.flagRate < 0.01 ? finePct(m.ordinary.flagRate) : pct(m.ordinary.flagRate)} of ${m.ordinary.size} ${m.ordinary.name} are flagged at the operating threshold.`,
          "",
        ]
      : []),
  );
  if (m.extraDevs.length > 0) {
    lines.push(
      "Other held-out sets (at the operating threshold; in brackets macro-F1 at that set's own best threshold):",
      "",
      "| set | texts | positive | precision | recall | F1 | macro-F1 | AUC |",
      "|---|---|---|---|---|---|---|---|",
      ...m.extraDevs.map(
        (extra) =>
          `| ${extra.name} | ${extra.size} | ${extra.positives} | ${fmt(extra.atThreshold.precision)} | ${fmt(extra.atThreshold.recall)} | ${fmt(extra.atThreshold.f1)} | ${fmt(extra.atThreshold.macroF1)} (${fmt(extra.bestMacroF1.macroF1)}) | ${fmt(extra.atThreshold.auc)} |`,
      ),
      "",
    );
  }
  lines.push(
    "Training variants and hyperparameters compared (dev average precision):",
    "",
    "| data variant | training texts | model | λ | dev AP | dev AUC |",
    "|---|---|---|---|---|---|",
    ...m.grid.map((row) =>
      row.blendWeight === undefined
        ? `| ${row.variant} | ${row.trainSize} | ${row.nb ? "NB-LR" : "LR"} | ${row.lambda} | ${fmt(row.devAveragePrecision)} | ${fmt(row.devAuc)} |`
        : `| ${row.variant} | ${row.trainSize} | blend | – | ${fmt(row.devAveragePrecision)} | ${fmt(row.devAuc)} |`,
    ),
    "",
  );
  if (recipe.card.anchors) {
    lines.push(
      "## Published anchors",
      "",
      ...recipe.card.anchors.map((line) => `- ${line}`),
      "- These are official test-split figures; the figures above are from our own dev split, so they are indicative, not comparable.",
      "",
    );
  }
  lines.push("## Known limits", "", ...recipe.card.limits.map((line) => `- ${line}`), "");
  return `${lines.join("\n")}`;
}

interface LinearMetadata {
  trainedWith: string;
  maxIterations?: number;
  selected: { trainSize: number };
  dev: { name: string; size: number; positives: number };
  tuning: { name: string; size: number; positives: number };
  ordinary?: { name: string; size: number; trainSize: number; flagRate: number };
  devMetrics: BinaryMetrics;
  devMetricsAtHalf: BinaryMetrics;
  devBestMacroF1: BinaryMetrics & { threshold: number };
  devAveragePrecision: number;
  extraDevs: Array<{
    name: string;
    size: number;
    positives: number;
    atThreshold: BinaryMetrics;
    bestMacroF1: BinaryMetrics;
  }>;
  grid: Array<{
    variant: string;
    trainSize: number;
    nb: boolean;
    lambda: number;
    devAveragePrecision: number;
    devAuc: number;
    blendWeight?: number;
  }>;
}

function metricRow(label: string, threshold: number, metrics: BinaryMetrics): string {
  return `| ${label} | ${fmt(threshold)} | ${fmt(metrics.precision)} | ${fmt(metrics.recall)} | ${fmt(metrics.f1)} | ${fmt(metrics.macroF1)} | ${fmt(metrics.auc)} |`;
}

function fmt(value: number): string {
  return value.toFixed(3);
}

/** A share with two decimals, for shares under one in a hundred (0.05 %, not 0.1 %). */
function finePct(value: number): string {
  return `${(100 * value).toFixed(2)} %`;
}

function pct(value: number): string {
  return `${(100 * value).toFixed(1)} %`;
}
