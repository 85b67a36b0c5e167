import {
  bigramHash,
  createUnitBuffer,
  type FeatureConfig,
  foldForFeatures,
  normaliseInto,
  wordHash,
} from "./classify.features.ts";
import type {
  ClassifiedCategory,
  ClassifierLanguage,
  LexiconModelFile,
  LinearModelFile,
  ModelFile,
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

/** Builds a linear classifier from its parsed JSON file and its weight bytes; throws when they disagree. */
export function decodeLinearModel(file: LinearModelFile, weightBytes: Uint8Array): LinearClassifier {
  const expected = 1 << file.features.hashBits;
  if (weightBytes.byteLength !== expected) {
    throw new Error(`${file.name}: weights file has ${weightBytes.byteLength} bytes, expected ${expected}`);
  }
  const weights = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  return { ...baseOf(file), kind: "linear", weights, weightScale: file.weightScale };
}

/** Builds a lexicon classifier from its parsed JSON file, hashing each term as extraction would. */
export function decodeLexiconModel(file: LexiconModelFile): LexiconClassifier {
  const terms = new Map<number, number>();
  for (const [term, weight] of file.terms) {
    const hash = termHash(file.features, term);
    terms.set(hash, (terms.get(hash) ?? 0) + weight);
  }
  return { ...baseOf(file), kind: "lexicon", terms, termList: file.terms };
}

/** Builds either classifier from a parsed model file (weight bytes needed for linear models). */
export function decodeModel(file: ModelFile, weightBytes?: Uint8Array): ClassifierModel {
  if (file.kind === "lexicon") return decodeLexiconModel(file);
  if (!weightBytes) throw new Error(`${file.name}: linear model without weights`);
  return decodeLinearModel(file, weightBytes);
}

/**
 * Hash of a lexicon term ("frechheit" or "warte seit") as the extractor hashes the same word or
 * bigram in a post, so a lexicon needs no tokenisation at scoring time.
 */
export function termHash(config: FeatureConfig, term: string): number {
  const target = createUnitBuffer(term.length + 2);
  normaliseInto(target, foldForFeatures(term));
  const words = String.fromCharCode(...target.buffer.subarray(0, target.length))
    .trim()
    .split(" ")
    .filter((word) => word.length > 0);
  const [first, second] = words;
  if (first === undefined || words.length > 2) {
    throw new Error(`lexicon term "${term}" must be one word or two words`);
  }
  const firstHash = wordHash(config, first);
  return second === undefined ? firstHash : bigramHash(firstHash, wordHash(config, second));
}

function baseOf(file: ModelFile): ModelBase {
  return {
    name: file.name,
    category: file.category,
    lang: file.lang,
    features: file.features,
    bias: file.bias,
    calibration: file.calibration,
    threshold: file.threshold,
    metadata: file.metadata,
  };
}
