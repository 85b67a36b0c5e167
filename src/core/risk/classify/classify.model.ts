import { createHash } from "node:crypto";
import {
  bigramHash,
  createUnitBuffer,
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

/** Builds a linear classifier from its parsed JSON file and its weight bytes; throws when they disagree. */
export function decodeLinearModel(
  file: LinearModelFile,
  weightBytes: Uint8Array,
  polarity: PolarityFiles = new Map(),
): LinearClassifier {
  const expected = 1 << file.features.hashBits;
  if (weightBytes.byteLength !== expected) {
    throw new Error(`${file.name}: weights file has ${weightBytes.byteLength} bytes, expected ${expected}`);
  }
  const weights = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  const features = featureSpaceOf(file.name, file.features, polarity);
  return { ...baseOf(file, features), kind: "linear", weights, weightScale: file.weightScale };
}

/** Builds a lexicon classifier from its parsed JSON file, hashing each term as extraction would. */
export function decodeLexiconModel(
  file: LexiconModelFile,
  polarity: PolarityFiles = new Map(),
): LexiconClassifier {
  return lexiconInSpace(file, featureSpaceOf(file.name, file.features, polarity));
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
  polarity: PolarityFiles = new Map(),
): ClassifierModel {
  if (file.kind === "lexicon") return decodeLexiconModel(file, polarity);
  if (!weightBytes) throw new Error(`${file.name}: linear model without weights`);
  return decodeLinearModel(file, weightBytes, polarity);
}

// One resolved lexicon per file and seed, so the models of a language share one (and one extractor).
const decodedPolarity = new WeakMap<PolarityFile, Map<number, PolarityLexicon>>();

/** A polarity word list hashed for a feature space's seed: word hash → class, negators included. */
export function decodePolarity(file: PolarityFile, config: Pick<FeatureConfig, "seed">): PolarityLexicon {
  let bySeed = decodedPolarity.get(file);
  if (!bySeed) {
    bySeed = new Map();
    decodedPolarity.set(file, bySeed);
  }
  const known = bySeed.get(config.seed);
  if (known) return known;
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
  const lexicon: PolarityLexicon = {
    name: file.name,
    digest: polarityDigest(file),
    weight: file.weight,
    classOf,
  };
  bySeed.set(config.seed, lexicon);
  return lexicon;
}

/** The feature space of a model file, its polarity word list resolved; throws when the list is missing or another. */
export function featureSpaceOf(
  name: string,
  config: FeatureConfigFile,
  polarity: PolarityFiles,
): FeatureConfig {
  const { polarity: wanted, ...space } = config;
  if (wanted === undefined) return space;
  const file = polarity.get(wanted.name);
  if (!file) throw new Error(`${name}: its feature space needs ${wanted.name}.json, which is not there`);
  const lexicon = decodePolarity(file, space);
  if (lexicon.digest !== wanted.digest) {
    throw new Error(
      `${name}: trained with ${wanted.name} ${wanted.digest}, but ${wanted.name}.json is ${lexicon.digest}; train the models again (npm run train)`,
    );
  }
  return { ...space, polarity: lexicon };
}

/** The feature space as a model file stores it (the polarity word list by name and digest). */
export function featureSpaceFile(config: FeatureConfig): FeatureConfigFile {
  const { polarity, ...space } = config;
  return polarity === undefined
    ? space
    : { ...space, polarity: { name: polarity.name, digest: polarity.digest } };
}

/** A digest of what a polarity list puts into the feature space: its weight, words and classes (16 hex digits of SHA-256). */
export function polarityDigest(file: PolarityFile): string {
  const space = [
    file.weight,
    file.negative,
    file.stronglyNegative,
    file.positive,
    file.stronglyPositive,
    file.negators,
  ];
  return createHash("sha256").update(JSON.stringify(space)).digest("hex").slice(0, 16);
}

/** A word as extraction sees it: folded and normalised; throws unless it is exactly one word. */
function normalWord(list: string, word: string): string {
  const normal = normalisedUnits(word);
  if (normal.length === 0 || ![...normal].every((unit) => isWordUnit(unit.charCodeAt(0)))) {
    throw new Error(`${list}: "${word}" is not one word as the feature extractor splits text`);
  }
  return normal;
}

/** Text folded and normalised as extraction does it, without the spaces extraction puts around it. */
function normalisedUnits(text: string): string {
  const target = createUnitBuffer(text.length + 2);
  normaliseInto(target, foldForFeatures(text));
  return String.fromCharCode(...target.buffer.subarray(0, target.length)).trim();
}

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
