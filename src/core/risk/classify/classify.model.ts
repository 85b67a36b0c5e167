import { createHash } from "node:crypto";
import {
  bigramHash,
  createUnitBuffer,
  type EmbeddingVocabulary,
  type FeatureConfig,
  foldForFeatures,
  isWordUnit,
  negatorClass,
  normaliseInto,
  type PolarityLexicon,
  wordHash,
} from "./classify.features.ts";
import type {
  ClassifiedCategory,
  ClassifierLanguage,
  EmbeddingFile,
  FeatureConfigFile,
  LexiconModelFile,
  LinearModelFile,
  ModelFile,
  PolarityFile,
} from "./classify.schema.ts";

interface ModelBase {
  name: string;
  category: ClassifiedCategory;
  lang: ClassifierLanguage;
  features: FeatureConfig;
  bias: number;
  calibration: { slope: number; intercept: number };
  threshold: number;
  metadata: Record<string, unknown>;
}

/** A hashed linear model ready to score: int8 weights, one per bucket. */
export interface LinearClassifier extends ModelBase {
  kind: "linear";
  weights: Int8Array;
  weightScale: number;
  /**
   * With an embedding vocabulary in the space: one int8 score per vocabulary row (the word's vector times the
   * model's weights on the mean vector), times `wordScoreScale`; the logit adds their mean over the post's
   * words that have a row. Empty (scale 0) without one.
   */
  wordScores: Int8Array;
  wordScoreScale: number;
}

/** A lexicon model ready to score: the 32-bit hash of each word or bigram mapped to its weight. */
export interface LexiconClassifier extends ModelBase {
  kind: "lexicon";
  terms: ReadonlyMap<number, number>;
  /** The readable terms, for model cards and explanations. */
  termList: ReadonlyArray<readonly [string, number]>;
}

/** Any classifier model. */
export type ClassifierModel = LinearClassifier | LexiconClassifier;

/** Polarity word lists by name, read from the model folder (`polarity-de` ← `polarity-de.json`). */
export type PolarityFiles = ReadonlyMap<string, PolarityFile>;

/**
 * The word lists a feature space can name, by file name, read from the model folder: polarity lists
 * (`polarity-de` ← `polarity-de.json`) and embedding vocabularies (`embedding-en` ← `embedding-en.json`).
 */
export interface SpaceFiles {
  polarity?: PolarityFiles;
  embedding?: ReadonlyMap<string, EmbeddingFile>;
}

/** Builds a linear classifier from its parsed JSON file and its weight bytes; throws when they disagree. */
export function decodeLinearModel(
  file: LinearModelFile,
  weightBytes: Uint8Array,
  files: SpaceFiles = {},
): LinearClassifier {
  const features = featureSpaceOf(file.name, file.features, files);
  const buckets = 1 << file.features.hashBits;
  const rows = features.embedding?.size ?? 0;
  if (weightBytes.byteLength !== buckets + rows) {
    const expected =
      rows > 0 ? `${buckets + rows} (${buckets} weights and ${rows} word scores)` : `${buckets}`;
    throw new Error(`${file.name}: weights file has ${weightBytes.byteLength} bytes, expected ${expected}`);
  }
  if (rows > 0 !== (file.wordScoreScale !== undefined)) {
    throw new Error(
      rows > 0
        ? `${file.name}: wordScoreScale missing (its feature space has ${features.embedding?.name})`
        : `${file.name}: wordScoreScale given, but its feature space has no embedding vocabulary`,
    );
  }
  const weights = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, buckets);
  const wordScores = new Int8Array(weightBytes.buffer, weightBytes.byteOffset + buckets, rows);
  return {
    ...baseOf(file, features),
    kind: "linear",
    weights,
    weightScale: file.weightScale,
    wordScores,
    wordScoreScale: file.wordScoreScale ?? 0,
  };
}

/** Builds a lexicon classifier from its parsed JSON file, hashing each term as extraction would. */
export function decodeLexiconModel(file: LexiconModelFile, files: SpaceFiles = {}): LexiconClassifier {
  return lexiconInSpace(file, featureSpaceOf(file.name, file.features, files));
}

/** A lexicon classifier in a feature space already resolved (training builds the space itself). */
export function lexiconInSpace(file: LexiconModelFile, features: FeatureConfig): LexiconClassifier {
  const base = baseOf(file, features);
  const terms = new Map<number, number>();
  for (const [term, weight] of file.terms) {
    const hash = termHash(base.features, term);
    terms.set(hash, (terms.get(hash) ?? 0) + weight);
  }
  return { ...base, kind: "lexicon", terms, termList: file.terms };
}

/** Builds either classifier from a parsed model file (weight bytes needed for linear models). */
export function decodeModel(
  file: ModelFile,
  weightBytes?: Uint8Array,
  files: SpaceFiles = {},
): ClassifierModel {
  if (file.kind === "lexicon") return decodeLexiconModel(file, files);
  if (!weightBytes) throw new Error(`${file.name}: linear model without weights`);
  return decodeLinearModel(file, weightBytes, files);
}

// One resolved lexicon per file and seed, so the models of a language share one (and one extractor).
const decodedPolarity = new WeakMap<PolarityFile, Map<number, PolarityLexicon>>();

/** A polarity word list hashed for a feature space's seed: word hash → class, negators included. */
export function decodePolarity(file: PolarityFile, config: Pick<FeatureConfig, "seed">): PolarityLexicon {
  return perSeed(decodedPolarity, file, config.seed, () => hashPolarity(file, config));
}

/** A word list resolved once per file and seed: the cached one, or `build`'s, kept for next time. */
function perSeed<F extends object, T>(
  cache: WeakMap<F, Map<number, T>>,
  file: F,
  seed: number,
  build: () => T,
): T {
  let bySeed = cache.get(file);
  if (!bySeed) {
    bySeed = new Map();
    cache.set(file, bySeed);
  }
  let resolved = bySeed.get(seed);
  if (resolved === undefined) {
    resolved = build();
    bySeed.set(seed, resolved);
  }
  return resolved;
}

function hashPolarity(file: PolarityFile, config: Pick<FeatureConfig, "seed">): PolarityLexicon {
  const classOf = new Map<number, number>();
  const lists = [
    [file.negative, 0],
    [file.stronglyNegative, 1],
    [file.positive, 2],
    [file.stronglyPositive, 3],
    [file.negators, negatorClass],
  ] as const;
  for (const [words, polarityClass] of lists) {
    for (const word of words) classOf.set(wordHash(config, normalWord(file.name, word)), polarityClass);
  }
  return { name: file.name, digest: polarityDigest(file), weight: file.weight, classOf };
}

/**
 * The feature space of a model file, its polarity word list and embedding vocabulary resolved; throws when one
 * is missing or another version.
 */
export function featureSpaceOf(name: string, config: FeatureConfigFile, files: SpaceFiles): FeatureConfig {
  const { polarity, embedding, ...space } = config;
  const resolved: FeatureConfig = { ...space };
  if (polarity !== undefined) {
    resolved.polarity = resolveList(name, polarity, files.polarity, (file) => decodePolarity(file, space));
  }
  if (embedding !== undefined) {
    resolved.embedding = resolveList(name, embedding, files.embedding, (file) =>
      decodeEmbedding(file, space),
    );
  }
  return resolved;
}

/** The word list a model's space names, decoded; throws when it is not there or is another version. */
function resolveList<F, T extends { digest: string }>(
  model: string,
  wanted: { name: string; digest: string },
  lists: ReadonlyMap<string, F> | undefined,
  decode: (file: F) => T,
): T {
  const file = lists?.get(wanted.name);
  if (file === undefined) {
    throw new Error(`${model}: its feature space needs ${wanted.name}.json, which is not there`);
  }
  const found = decode(file);
  if (found.digest !== wanted.digest) {
    throw new Error(
      `${model}: trained with ${wanted.name} ${wanted.digest}, but ${wanted.name}.json is ${found.digest}; train the models again (npm run train)`,
    );
  }
  return found;
}

/** The feature space as a model file stores it (word lists by name and digest). */
export function featureSpaceFile(config: FeatureConfig): FeatureConfigFile {
  const { polarity, embedding, ...space } = config;
  return {
    ...space,
    ...(polarity && { polarity: { name: polarity.name, digest: polarity.digest } }),
    ...(embedding && { embedding: { name: embedding.name, digest: embedding.digest } }),
  };
}

// One resolved vocabulary per file and seed, so the models of a language share one (and one extractor).
const decodedEmbedding = new WeakMap<EmbeddingFile, Map<number, EmbeddingVocabulary>>();

/** An embedding vocabulary hashed for a feature space's seed: word hash → row; throws on a word listed twice. */
export function decodeEmbedding(
  file: EmbeddingFile,
  config: Pick<FeatureConfig, "seed">,
): EmbeddingVocabulary {
  return perSeed(decodedEmbedding, file, config.seed, () => hashEmbedding(file, config));
}

function hashEmbedding(file: EmbeddingFile, config: Pick<FeatureConfig, "seed">): EmbeddingVocabulary {
  const rowOf = new Map<number, number>();
  file.words.forEach((word, row) => {
    const hash = wordHash(config, normalWord(file.name, word));
    if (rowOf.has(hash)) throw new Error(`${file.name}: words.${row} "${word}" is listed twice`);
    rowOf.set(hash, row);
  });
  return { name: file.name, digest: embeddingDigest(file), rowOf, size: file.words.length };
}

/** A digest of what an embedding vocabulary puts into the feature space: its words in order, weight and dimensions. */
export function embeddingDigest(file: EmbeddingFile): string {
  return shortDigest([file.dimensions, file.weight, file.words]);
}

/** A digest of what a polarity list puts into the feature space: its weight, words and classes (16 hex digits of SHA-256). */
export function polarityDigest(file: PolarityFile): string {
  return shortDigest([
    file.weight,
    file.negative,
    file.stronglyNegative,
    file.positive,
    file.stronglyPositive,
    file.negators,
  ]);
}

/** The first 16 hex digits of the SHA-256 of a value's JSON. */
function shortDigest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}

/** A word as extraction sees it: folded and normalised; throws unless it is exactly one word. */
function normalWord(list: string, word: string): string {
  const normal = featureWord(word);
  if (normal === undefined)
    throw new Error(`${list}: "${word}" is not one word as the feature extractor splits text`);
  return normal;
}

/** A word as extraction reads it (folded and normalised), or undefined when `text` is not exactly one word. */
export function featureWord(text: string): string | undefined {
  const normal = normalisedUnits(text);
  if (normal.length === 0) return undefined;
  for (let i = 0; i < normal.length; i++) if (!isWordUnit(normal.charCodeAt(i))) return undefined;
  return normal;
}

/** Text folded and normalised as extraction does it, without the spaces extraction puts around it. */
function normalisedUnits(text: string): string {
  // One scratch buffer for all calls (a vocabulary of 50,000 words is normalised word by word at load time).
  normaliseInto(unitScratch, foldForFeatures(text));
  let normal = "";
  for (let i = 0; i < unitScratch.length; i++) normal += String.fromCharCode(unitScratch.buffer[i] ?? 0);
  if (unitScratch.buffer.length > 4096) unitScratch = createUnitBuffer(64);
  return normal.trim();
}

let unitScratch = createUnitBuffer(64);

/**
 * Hash of a lexicon term ("frechheit" or "warte seit") as the extractor hashes the same word or
 * bigram in a post, so a lexicon needs no tokenisation at scoring time.
 */
export function termHash(config: FeatureConfig, term: string): number {
  const words = normalisedUnits(term)
    .split(" ")
    .filter((word) => word.length > 0);
  const [first, second] = words;
  if (first === undefined || words.length > 2) {
    throw new Error(`lexicon term "${term}" must be one word or two words`);
  }
  const firstHash = wordHash(config, first);
  return second === undefined ? firstHash : bigramHash(firstHash, wordHash(config, second));
}

function baseOf(file: ModelFile, features: FeatureConfig): ModelBase {
  return {
    name: file.name,
    category: file.category,
    lang: file.lang,
    features,
    bias: file.bias,
    calibration: file.calibration,
    threshold: file.threshold,
    metadata: file.metadata,
  };
}
