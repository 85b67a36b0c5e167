import { scanWords } from "../../text/tokens.ts";
import type { RiskSpan } from "../risk.types.ts";
import {
  bigramHash,
  countOf,
  type FeatureConfig,
  type FeatureExtractor,
  foldForFeatures,
  hashCharGrams,
  hashWords,
  normaliseInto,
  type UnitBuffer,
} from "./classify.features.ts";
import type { ClassifierModel } from "./classify.model.ts";

interface Candidate {
  start: number;
  end: number;
  contribution: number;
}

// Contributions below this (in logit units) do not explain anything worth showing.
const minimumContribution = 0.05;
// Character n-grams of longer "words" (base64 blobs, 1 MB of one letter) are not worth crediting.
const maxExplainedWordLength = 64;

const tokenBuffer: UnitBuffer = { buffer: new Uint16Array(64), length: 0 };
const unigramScratch: number[] = [];
const bigramScratch: number[] = [];
const gramScratch: number[] = [];

/**
 * Finds the words and word pairs of `text` that raised a model's logit most. Character n-grams are
 * credited to the word they lie in, word bigrams to the pair. `extractor` must hold the features of
 * `text` (it is read, not changed). Offsets are UTF-16 indices into the original text.
 */
export function explainScore(
  model: ClassifierModel,
  text: string,
  extractor: FeatureExtractor,
  maxSpans: number,
): RiskSpan[] {
  return explainScores([model], text, extractor, maxSpans)[0] ?? [];
}

/**
 * Where the linear models' weights can also be read: the set's interleaved copy (weight of column c
 * for bucket b at `b * stride + c`), which scoring has just pulled into the CPU cache.
 */
export interface InterleavedWeights {
  interleaved: Int8Array;
  stride: number;
  /** The column of each explained model (ignored for lexicons). */
  columns: readonly number[];
}

/**
 * `explainScore` for several models of one feature space at once: the words of `text` are found and
 * hashed once, and each model only looks up its weights. Returns the spans of each model in order.
 */
export function explainScores(
  models: readonly ClassifierModel[],
  text: string,
  extractor: FeatureExtractor,
  maxSpans: number,
  shared?: InterleavedWeights,
): RiskSpan[][] {
  const first = models[0];
  if (first === undefined) return [];
  const features = first.features;
  const candidates: Candidate[][] = models.map(() => []);
  const sums = new Float64Array(models.length);
  // Adds one feature's contribution to every model's sum; the post's part of it is computed once.
  const credit = (hash: number, lexiconsToo: boolean) => {
    const bucket = hash & extractor.mask;
    let magnitude = 0;
    let value = 0;
    if (extractor.norm !== 0) {
      const count = countOf(extractor, bucket);
      magnitude = Math.abs(count);
      if (magnitude !== 0) value = (Math.sign(count) * (1 + Math.log(magnitude))) / extractor.norm;
    }
    for (let m = 0; m < models.length; m++) {
      const model = models[m] as ClassifierModel;
      if (model.kind === "lexicon") {
        if (lexiconsToo) sums[m] = (sums[m] ?? 0) + (model.terms.get(hash) ?? 0);
      } else if (magnitude !== 0) {
        const weight = shared
          ? (shared.interleaved[bucket * shared.stride + (shared.columns[m] ?? 0)] ?? 0)
          : (model.weights[bucket] ?? 0);
        // A feature seen several times in the post shares its weight among its occurrences.
        sums[m] = (sums[m] ?? 0) + (model.weightScale * weight * value) / magnitude;
      } else {
        sums[m] = (sums[m] ?? 0) + 0;
      }
    }
  };
  let previousLastWord: number | undefined;
  let previousStart = 0;
  scanWords(text, (tokenStart, tokenEnd, prefix) => {
    const hashes = tokenHashes(features, text.slice(prefix ? tokenStart - 1 : tokenStart, tokenEnd));
    const words = (hashes[0] ?? 0) + (hashes[1] ?? 0);
    const end = 3 + words + (hashes[2] ?? 0);
    sums.fill(0);
    // Unigrams, bigrams, then n-grams: the order of additions of one model alone, so figures stay put.
    for (let k = 3; k < 3 + words; k++) credit(hashes[k] ?? 0, true);
    for (let k = 3 + words; k < end; k++) credit(hashes[k] ?? 0, false);
    for (let m = 0; m < models.length; m++) {
      const contribution = sums[m] ?? 0;
      // Only candidates that can be shown are kept; the ranking drops the others anyway.
      if (contribution >= minimumContribution) {
        candidates[m]?.push({ start: tokenStart, end: tokenEnd, contribution });
      }
    }
    const unigrams = hashes[0] ?? 0;
    const firstWord = unigrams > 0 ? hashes[3] : undefined;
    if (features.wordBigrams && previousLastWord !== undefined && firstWord !== undefined) {
      sums.fill(0);
      credit(bigramHash(previousLastWord, firstWord), true);
      for (let m = 0; m < models.length; m++) {
        const pair = sums[m] ?? 0;
        if (pair >= minimumContribution) {
          candidates[m]?.push({ start: previousStart, end: tokenEnd, contribution: pair });
        }
      }
    }
    previousLastWord = unigrams > 0 ? hashes[3 + unigrams - 1] : undefined;
    previousStart = tokenStart;
  });
  return models.map((model, m) =>
    pickSpans(candidates[m] as Candidate[], maxSpans).map((candidate) => ({
      start: candidate.start,
      end: candidate.end,
      reason: `model.${model.category}`,
      detail: `"${text.slice(candidate.start, candidate.end)}" +${candidate.contribution.toFixed(2)}`,
    })),
  );
}

const tokenHashCaches = new WeakMap<FeatureConfig, Map<string, Int32Array>>();
const TOKEN_CACHE_LIMIT = 16_384;

/**
 * The feature hashes of one word as written (with its # or @): the counts of unigrams, bigrams and
 * character n-grams, then the hashes in that order. Memoised per feature space, as words recur.
 */
function tokenHashes(features: FeatureConfig, word: string): Int32Array {
  let cache = tokenHashCaches.get(features);
  if (!cache) {
    cache = new Map();
    tokenHashCaches.set(features, cache);
  }
  const cached = cache.get(word);
  if (cached) return cached;
  normaliseInto(tokenBuffer, foldForFeatures(word));
  unigramScratch.length = 0;
  bigramScratch.length = 0;
  gramScratch.length = 0;
  hashWords(features, tokenBuffer, unigramScratch, bigramScratch);
  if (tokenBuffer.length <= maxExplainedWordLength + 2) hashCharGrams(features, tokenBuffer, gramScratch);
  const hashes = new Int32Array(3 + unigramScratch.length + bigramScratch.length + gramScratch.length);
  hashes[0] = unigramScratch.length;
  hashes[1] = bigramScratch.length;
  hashes[2] = gramScratch.length;
  hashes.set(unigramScratch, 3);
  hashes.set(bigramScratch, 3 + unigramScratch.length);
  hashes.set(gramScratch, 3 + unigramScratch.length + bigramScratch.length);
  // Long "words" (base64 blobs, a megabyte of one letter) are rare and would only fill the cache.
  if (word.length <= maxExplainedWordLength) {
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
    cache.set(word, hashes);
  }
  return hashes;
}

function pickSpans(candidates: Candidate[], maxSpans: number): Candidate[] {
  const picked: Candidate[] = [];
  const ranked = candidates.sort((a, b) => b.contribution - a.contribution || a.start - b.start);
  for (const candidate of ranked) {
    if (picked.length >= maxSpans) break;
    if (picked.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    picked.push(candidate);
  }
  return picked;
}
