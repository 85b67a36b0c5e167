import type { RiskResult } from "../risk.types.ts";
import { explainScores } from "./classify.explain.ts";
import {
  createFeatureExtractor,
  extractFeatures,
  type FeatureConfig,
  type FeatureExtractor,
  wordField,
  wordStride,
} from "./classify.features.ts";
import type { ClassifierModel, LexiconClassifier, LinearClassifier } from "./classify.model.ts";
import type { ClassifiedCategory, ClassifierLanguage } from "./classify.schema.ts";

/** When spans are computed: only for flagged results (default, keeps unflagged posts fast), always, never. */
export type ExplainMode = "flagged" | "always" | "never";

/** Options of scoring. */
export interface ScoreOptions {
  explain?: ExplainMode;
  /** Most spans per result (default 3). */
  maxSpans?: number;
}

/**
 * The classifiers of one language over one shared feature space: a post is hashed once and every
 * model's weights for a bucket sit next to each other, so six models cost little more than one.
 */
export interface ClassifierSet {
  readonly lang: ClassifierLanguage;
  readonly models: readonly ClassifierModel[];
  readonly extractor: FeatureExtractor;
  readonly linear: readonly LinearClassifier[];
  readonly lexicons: readonly LexiconClassifier[];
  /** Weight of linear model m for bucket b at `b * linear.length + m`. */
  readonly interleaved: Int8Array;
  /**
   * With four linear models: the same bytes as one int32 per bucket (little-endian CPUs), so a
   * bucket's four weights come in one load.
   */
  readonly packed4: Int32Array | undefined;
  /**
   * With `packed4`: the packed weights of each touched bucket of the post scored last (same order as the
   * extractor's `touched`), kept so an explanation reads them in order instead of from the whole table.
   */
  touchedPacked: Int32Array;
  readonly sums: Float64Array;
  /** With an embedding vocabulary: linear model m's score of row r at `r * linear.length + m` (else empty). */
  readonly wordScores: Int8Array;
  readonly wordSums: Float64Array;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The verdicts of a classifier set, keyed by category. */
export type ClassifierScores = Partial<Record<ClassifiedCategory, RiskResult>>;

const extractors = new Map<string, FeatureExtractor>();
const singleModelSets = new WeakMap<ClassifierModel, ClassifierSet>();

/** Groups models of one language and one feature space for joint scoring; throws when spaces differ. */
export function buildClassifierSet(
  lang: ClassifierLanguage,
  models: readonly ClassifierModel[],
): ClassifierSet {
  const first = models[0];
  const config = first?.features;
  for (const model of models) {
    if (config && featureKey(model.features) !== featureKey(config)) {
      throw new Error(`${model.name} uses another feature space than ${first?.name}`);
    }
  }
  const linear = models.filter((model): model is LinearClassifier => model.kind === "linear");
  const lexicons = models.filter((model): model is LexiconClassifier => model.kind === "lexicon");
  const size = config ? 1 << config.hashBits : 0;
  const stride = linear.length;
  const interleaved = new Int8Array(size * stride);
  linear.forEach((model, m) => {
    const weights = model.weights;
    for (let bucket = 0; bucket < size; bucket++) interleaved[bucket * stride + m] = weights[bucket] ?? 0;
  });
  const rows = config?.embedding?.size ?? 0;
  const wordScores = new Int8Array(rows * stride);
  linear.forEach((model, m) => {
    for (let row = 0; row < rows; row++) wordScores[row * stride + m] = model.wordScores[row] ?? 0;
  });
  return {
    lang,
    models,
    extractor: extractorFor(config ?? emptyConfig),
    linear,
    lexicons,
    interleaved,
    packed4: stride === 4 && littleEndian ? new Int32Array(interleaved.buffer, 0, size) : undefined,
    touchedPacked: new Int32Array(1024),
    sums: new Float64Array(stride),
    wordScores,
    wordSums: new Float64Array(stride),
  };
}

/** Scores one post with every classifier of a set; spans as `options.explain` says. */
export function scoreWithSet(set: ClassifierSet, text: string, options: ScoreOptions = {}): ClassifierScores {
  const extractor = extractFeatures(set.extractor, text);
  const { touched, values, touchedCount } = extractor;
  const { interleaved, sums, linear } = set;
  const stride = linear.length;
  sums.fill(0);
  if (stride === 6) {
    // The common case (six linear models of one language, as models/ ships them), unrolled for the JIT.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    for (let k = 0; k < touchedCount; k++) {
      const value = values[k] ?? 0;
      const base = (touched[k] ?? 0) * 6;
      s0 += value * (interleaved[base] ?? 0);
      s1 += value * (interleaved[base + 1] ?? 0);
      s2 += value * (interleaved[base + 2] ?? 0);
      s3 += value * (interleaved[base + 3] ?? 0);
      s4 += value * (interleaved[base + 4] ?? 0);
      s5 += value * (interleaved[base + 5] ?? 0);
    }
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
    sums[4] = s4;
    sums[5] = s5;
  } else if (stride === 4 && set.packed4 !== undefined) {
    // Four linear models: one load per bucket (a random access into a megabyte, the cost of scoring), the
    // int8 weights by shifts.
    const packed = set.packed4;
    if (set.touchedPacked.length < touchedCount) set.touchedPacked = new Int32Array(touched.length);
    const kept = set.touchedPacked;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < touchedCount; k++) {
      const value = values[k] ?? 0;
      const four = packed[touched[k] ?? 0] ?? 0;
      kept[k] = four;
      s0 += value * ((four << 24) >> 24);
      s1 += value * ((four << 16) >> 24);
      s2 += value * ((four << 8) >> 24);
      s3 += value * (four >> 24);
    }
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
  } else {
    for (let k = 0; k < touchedCount; k++) {
      const value = values[k] ?? 0;
      const base = (touched[k] ?? 0) * stride;
      for (let m = 0; m < stride; m++) sums[m] = (sums[m] ?? 0) + value * (interleaved[base + m] ?? 0);
    }
  }
  // The embedding term: each model's mean word score over the words that have one.
  const wordSums = set.wordSums;
  wordSums.fill(0);
  if (extractor.embeddedCount > 0) {
    const { words, wordCount } = extractor;
    const wordScores = set.wordScores;
    for (let at = wordField.embedding; at < wordCount * wordStride; at += wordStride) {
      const row = words[at] ?? -1;
      if (row < 0) continue;
      for (let m = 0; m < stride; m++) wordSums[m] = (wordSums[m] ?? 0) + (wordScores[row * stride + m] ?? 0);
    }
    for (let m = 0; m < stride; m++) wordSums[m] = (wordSums[m] ?? 0) / extractor.embeddedCount;
  }
  const scores: ClassifierScores = {};
  const mode = options.explain ?? "flagged";
  const toExplain: ClassifierModel[] = [];
  const judge = (model: ClassifierModel, logit: number) => {
    const score = calibrate(model, logit);
    const flagged = score >= model.threshold;
    scores[model.category] = { score, flagged, spans: [] };
    if (mode === "always" || (mode === "flagged" && flagged)) toExplain.push(model);
  };
  for (let m = 0; m < stride; m++) {
    const model = linear[m] as LinearClassifier;
    judge(model, model.bias + model.weightScale * (sums[m] ?? 0) + model.wordScoreScale * (wordSums[m] ?? 0));
  }
  for (const model of set.lexicons) judge(model, lexiconLogit(model, extractor));
  if (toExplain.length > 0) {
    // One pass over the words for every model that needs spans (explanations dominate flagged posts).
    const columns = toExplain.map((model) => linear.indexOf(model as LinearClassifier));
    const spans = explainScores(toExplain, text, extractor, options.maxSpans ?? 3, {
      interleaved,
      stride,
      columns,
      touchedPacked: set.packed4 !== undefined ? set.touchedPacked : undefined,
    });
    toExplain.forEach((model, k) => {
      const result = scores[model.category];
      if (result) result.spans = spans[k] ?? [];
    });
  }
  return scores;
}

/** Scores one post with one model: calibrated probability, flag at the model's threshold, explaining spans. */
export function scoreText(model: ClassifierModel, text: string, options: ScoreOptions = {}): RiskResult {
  let set = singleModelSets.get(model);
  if (!set) {
    set = buildClassifierSet(model.lang, [model]);
    singleModelSets.set(model, set);
  }
  return scoreWithSet(set, text, options)[model.category] ?? { score: 0, flagged: false, spans: [] };
}

/** The raw logit of a model for a post (before calibration), for training-time evaluation. */
export function rawLogit(model: ClassifierModel, extractor: FeatureExtractor): number {
  if (model.kind === "lexicon") return lexiconLogit(model, extractor);
  let sum = 0;
  const { touched, values, touchedCount } = extractor;
  for (let k = 0; k < touchedCount; k++) sum += (values[k] ?? 0) * (model.weights[touched[k] ?? 0] ?? 0);
  return model.bias + model.weightScale * sum + model.wordScoreScale * meanWordScore(model, extractor);
}

/** A linear model's mean int8 word score over the words of the extracted text that have a row (0 if none). */
function meanWordScore(model: LinearClassifier, extractor: FeatureExtractor): number {
  if (extractor.embeddedCount === 0) return 0;
  let sum = 0;
  const { words, wordCount } = extractor;
  for (let at = wordField.embedding; at < wordCount * wordStride; at += wordStride) {
    const row = words[at] ?? -1;
    if (row >= 0) sum += model.wordScores[row] ?? 0;
  }
  return sum / extractor.embeddedCount;
}

/** Calibrated probability of a raw logit. */
export function calibrate(model: ClassifierModel, logit: number): number {
  const z = model.calibration.slope * logit + model.calibration.intercept;
  return 1 / (1 + Math.exp(-z));
}

function lexiconLogit(model: LexiconClassifier, extractor: FeatureExtractor): number {
  let logit = model.bias;
  const { words, wordCount } = extractor;
  // Each word's unigram, then its bigram with the word before (the order extraction hashed them in).
  for (let at = 0; at < wordCount * wordStride; at += wordStride) {
    logit += model.terms.get(words[at + wordField.unigramHash] ?? 0) ?? 0;
    if ((words[at + wordField.bigram] ?? -1) >= 0)
      logit += model.terms.get(words[at + wordField.bigramHash] ?? 0) ?? 0;
  }
  return logit;
}

function extractorFor(config: FeatureConfig): FeatureExtractor {
  const key = featureKey(config);
  let extractor = extractors.get(key);
  if (!extractor) {
    extractor = createFeatureExtractor(config);
    extractors.set(key, extractor);
  }
  return extractor;
}

function featureKey(config: FeatureConfig): string {
  return `${config.hashBits}:${config.charMin}:${config.charMax}:${config.wordBigrams}:${config.seed}:${config.polarity?.digest ?? ""}:${config.embedding?.digest ?? ""}`;
}

const emptyConfig: FeatureConfig = { hashBits: 8, charMin: 2, charMax: 5, wordBigrams: true, seed: 0 };
