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
  const modelCount = models.length;
  // Where each model's weight of a bucket is read: weights[bucket * stride + column].
  const weightsOf: Int8Array[] = [];
  const strides = new Int32Array(modelCount);
  const columns = new Int32Array(modelCount);
  const scales = new Float64Array(modelCount);
  const lexicons: Array<ReadonlyMap<number, number> | undefined> = [];
  let lexiconCount = 0;
  for (let m = 0; m < modelCount; m++) {
    const model = models[m] as ClassifierModel;
    if (model.kind === "lexicon") {
      weightsOf.push(noWeights);
      lexicons.push(model.terms);
      lexiconCount++;
    } else {
      weightsOf.push(shared ? shared.interleaved : model.weights);
      strides[m] = shared ? shared.stride : 1;
      columns[m] = shared ? (shared.columns[m] ?? 0) : 0;
      scales[m] = model.weightScale;
      lexicons.push(undefined);
    }
  }
  const candidates: Candidate[][] = models.map(() => []);
  const sums = new Float64Array(modelCount);
  const { mask, norm } = extractor;
  // Adds the contributions of hashes[from..to) to every model's sum, in order: each model sees the
  // same additions in the same order as one feature at a time would give it, so figures stay put.
  const credit = (hashes: Int32Array, from: number, to: number, lexiconsToo: boolean): void => {
    for (let k = from; k < to; k++) {
      const hash = hashes[k] ?? 0;
      const bucket = hash & mask;
      let magnitude = 0;
      let value = 0;
      if (norm !== 0) {
        const count = countOf(extractor, bucket);
        magnitude = count < 0 ? -count : count;
        if (magnitude !== 0) value = (Math.sign(count) * onePlusLog(magnitude)) / norm;
      }
      if (magnitude !== 0) {
        for (let m = 0; m < modelCount; m++) {
          const terms = lexicons[m];
          if (terms !== undefined) {
            if (lexiconsToo) sums[m] = (sums[m] ?? 0) + (terms.get(hash) ?? 0);
          } else {
            const weight = (weightsOf[m] as Int8Array)[bucket * (strides[m] ?? 1) + (columns[m] ?? 0)] ?? 0;
            // A feature seen several times in the post shares its weight among its occurrences.
            sums[m] = (sums[m] ?? 0) + ((scales[m] ?? 0) * weight * value) / magnitude;
          }
        }
      } else if (lexiconsToo && lexiconCount > 0) {
        // Absent from the post's vector: only lexicons (which look at words, not buckets) count.
        for (let m = 0; m < modelCount; m++) {
          const terms = lexicons[m];
          if (terms !== undefined) sums[m] = (sums[m] ?? 0) + (terms.get(hash) ?? 0);
        }
      }
    }
  };
  const tokens = tokenCacheFor(features);
  const pairHash = new Int32Array(1);
  let previousLastWord = 0;
  let havePrevious = false;
  let previousStart = 0;
  scanWords(text, (tokenStart, tokenEnd, prefix) => {
    const hashes = tokens.get(text, prefix ? tokenStart - 1 : tokenStart, tokenEnd);
    const unigrams = hashes[0] ?? 0;
    const words = unigrams + (hashes[1] ?? 0);
    const end = 3 + words + (hashes[2] ?? 0);
    sums.fill(0);
    // Unigrams, bigrams, then n-grams: the order of additions of one model alone, so figures stay put.
    credit(hashes, 3, 3 + words, true);
    credit(hashes, 3 + words, end, false);
    for (let m = 0; m < modelCount; m++) {
      const contribution = sums[m] ?? 0;
      // Only candidates that can be shown are kept; the ranking drops the others anyway.
      if (contribution >= minimumContribution) {
        candidates[m]?.push({ start: tokenStart, end: tokenEnd, contribution });
      }
    }
    if (features.wordBigrams && havePrevious && unigrams > 0) {
      sums.fill(0);
      pairHash[0] = bigramHash(previousLastWord, hashes[3] ?? 0);
      credit(pairHash, 0, 1, true);
      for (let m = 0; m < modelCount; m++) {
        const pair = sums[m] ?? 0;
        if (pair >= minimumContribution) {
          candidates[m]?.push({ start: previousStart, end: tokenEnd, contribution: pair });
        }
      }
    }
    havePrevious = unigrams > 0;
    if (havePrevious) previousLastWord = hashes[3 + unigrams - 1] ?? 0;
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

const noWeights = new Int8Array(0);
// 1 + ln(n) for small n, the same doubles Math.log gives (occurrence counts are small).
const onePlusLogTable = Float64Array.from({ length: 256 }, (_, n) => 1 + Math.log(n));

function onePlusLog(magnitude: number): number {
  return magnitude < 256 ? (onePlusLogTable[magnitude] ?? 0) : 1 + Math.log(magnitude);
}

const TOKEN_CACHE_LIMIT = 16_384;

/**
 * Memoised feature hashes of words as written, looked up by a range of the post's text so that a
 * hit needs no substring: open addressing over (word, hashes) with an FNV-1a hash of the code units.
 */
class TokenCache {
  private readonly slots = TOKEN_CACHE_LIMIT * 2;
  private readonly mask = this.slots - 1;
  private words: Array<string | undefined> = new Array(this.slots).fill(undefined);
  private entries: Array<Int32Array | undefined> = new Array(this.slots).fill(undefined);
  private size = 0;

  constructor(private readonly features: FeatureConfig) {}

  /** The hashes of `text.slice(start, end)` (see `tokenHashes`). */
  get(text: string, start: number, end: number): Int32Array {
    let hash = 0x811c9dc5;
    for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
    const length = end - start;
    const words = this.words;
    let slot = hash & this.mask;
    for (let word = words[slot]; word !== undefined; word = words[slot]) {
      if (word.length === length && sameUnits(word, text, start)) return this.entries[slot] as Int32Array;
      slot = (slot + 1) & this.mask;
    }
    const word = text.slice(start, end);
    const hashes = tokenHashes(this.features, word);
    // Long "words" (base64 blobs, a megabyte of one letter) are rare and would only fill the cache.
    if (length <= maxExplainedWordLength) {
      if (this.size >= TOKEN_CACHE_LIMIT) {
        this.words.fill(undefined);
        this.entries.fill(undefined);
        this.size = 0;
        slot = hash & this.mask;
      }
      words[slot] = word;
      this.entries[slot] = hashes;
      this.size++;
    }
    return hashes;
  }
}

function sameUnits(word: string, text: string, start: number): boolean {
  for (let index = 0; index < word.length; index++) {
    if (word.charCodeAt(index) !== text.charCodeAt(start + index)) return false;
  }
  return true;
}

const tokenCaches = new WeakMap<FeatureConfig, TokenCache>();

function tokenCacheFor(features: FeatureConfig): TokenCache {
  let cache = tokenCaches.get(features);
  if (!cache) {
    cache = new TokenCache(features);
    tokenCaches.set(features, cache);
  }
  return cache;
}

/**
 * The feature hashes of one word as written (with its # or @): the counts of unigrams, bigrams and
 * character n-grams, then the hashes in that order.
 */
function tokenHashes(features: FeatureConfig, word: string): Int32Array {
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
