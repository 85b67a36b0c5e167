import { foldText } from "../../text/normalize.ts";
import { type RiskSpan, spansOverlap } from "../risk.types.ts";
import {
  createFeatureExtractor,
  extractFolded,
  type FeatureConfig,
  type FeatureExtractor,
  wordField,
  wordStride,
} from "./classify.features.ts";
import type { ClassifierModel } from "./classify.model.ts";

interface Candidate {
  start: number;
  end: number;
  contribution: number;
}

// Contributions below this (in logit units) do not explain anything worth showing.
const minimumContribution = 0.05;

/**
 * Where the linear models' weights can also be read: the set's interleaved copy (weight of column c
 * for bucket b at `b * stride + c`), which scoring has just pulled into the CPU cache.
 */
export interface InterleavedWeights {
  interleaved: Int8Array;
  stride: number;
  /** The column of each explained model (ignored for lexicons). */
  columns: readonly number[];
  /**
   * With four columns: the four weights of each touched bucket as one little-endian int32, in the order of
   * the extractor's `touched` (kept by scoring), read in place of `interleaved`.
   */
  touchedPacked?: Int32Array | undefined;
}

/**
 * Finds the words and word pairs of `text` that raised each model's logit most, from the features
 * scoring has just extracted (`extractor` must hold the features of `text`; it is read, not changed).
 *
 * The logit of a linear model is a sum over feature occurrences, so it splits exactly: each
 * occurrence of a feature gets its weight times its value, shared among the feature's occurrences in
 * the post. Extraction recorded which feature each character n-gram occurrence and each word hit, so
 * this needs no second tokenisation: a word is credited with its unigram and with every character
 * n-gram that lies within the word and at most one unit on each side of it (n-grams across two words
 * explain neither), with the polarity feature it added (if any) and with its share of the embedding term
 * (its word score over the number of words that have one), a pair of neighbouring words with its bigram.
 * Lexicons credit their words and pairs as they matched. Offsets are UTF-16 indices into `text`.
 */
export function explainScores(
  models: readonly ClassifierModel[],
  text: string,
  extractor: FeatureExtractor,
  maxSpans: number,
  shared?: InterleavedWeights,
): RiskSpan[][] {
  if (models.length === 0) return [];
  const { features, inPlace } = foldedPlaces(text, extractor);
  const { words, wordCount } = features;
  const startOf = (w: number) => textStartOf(features, inPlace, w);
  const endOf = (w: number) => textEndOf(features, inPlace, w);
  // Every linear model's word sums in one pass over the features: column c of `sums` (word w at
  // `w * linearCount + c`) belongs to the c-th linear model of `models`.
  let linearCount = 0;
  const columnOf = models.map((model) => (model.kind === "linear" ? linearCount++ : -1));
  // The weights scoring kept follow the scored features; features extracted again here need the table.
  const weights = features === extractor || !shared ? shared : { ...shared, touchedPacked: undefined };
  const sums = linearCount > 0 ? linearWordSums(models, features, linearCount, weights) : wordScratch;
  const spans = models.map((model, m) => {
    const candidates: Candidate[] = [];
    const column = columnOf[m] ?? -1;
    const wordSum =
      model.kind === "lexicon"
        ? (w: number) => model.terms.get(words[w * wordStride + wordField.unigramHash] ?? 0) ?? 0
        : (w: number) => sums[w * linearCount + column] ?? 0;
    const pairSum = (w: number): number => {
      const bigram = words[w * wordStride + wordField.bigram] ?? -1;
      if (bigram < 0) return 0;
      return model.kind === "lexicon"
        ? (model.terms.get(words[w * wordStride + wordField.bigramHash] ?? 0) ?? 0)
        : (contributionScratch[bigram * linearCount + column] ?? 0);
    };
    for (let w = 0; w < wordCount; w++) {
      // Only candidates that can be shown are kept; the ranking drops the others anyway.
      const contribution = wordSum(w);
      if (contribution >= minimumContribution) {
        candidates.push({ start: startOf(w), end: endOf(w), contribution });
      }
      const pair = w > 0 ? pairSum(w) : 0;
      if (pair >= minimumContribution) {
        candidates.push({ start: startOf(w - 1), end: endOf(w), contribution: pair });
      }
    }
    return pickSpans(candidates, maxSpans).map((candidate) => ({
      start: candidate.start,
      end: candidate.end,
      reason: `model.${model.category}`,
      detail: `"${text.slice(candidate.start, candidate.end)}" +${candidate.contribution.toFixed(2)}`,
    }));
  });
  if (
    contributionScratch.length > LARGE_SCRATCH ||
    wordOfUnit.length > LARGE_SCRATCH ||
    textStart.length > LARGE_SCRATCH
  )
    releaseScratch();
  return spans;
}

// Scratch arrays beyond this many entries (an outsized text) are given back after its explanation.
const LARGE_SCRATCH = 1 << 18;

let contributionScratch = new Float64Array(1024);
let wordScratch = new Float64Array(256);
let wordOfUnit = new Int32Array(512);
// Where each unit of the folded text came from in the original: [textStart, textEnd).
let textStart = new Int32Array(512);
let textEnd = new Int32Array(512);

function releaseScratch(): void {
  contributionScratch = new Float64Array(1024);
  wordScratch = new Float64Array(256);
  wordOfUnit = new Int32Array(512);
  textStart = new Int32Array(512);
  textEnd = new Int32Array(512);
}

/**
 * The word sums of the linear models among `models` (word w, linear model c at `w * count + c`), and in
 * `contributionScratch` the logit contribution of one occurrence of each touched feature (feature k at
 * `k * count + c`): the feature's value divided among its occurrences (a feature seen several times in the
 * post shares its weight among them; one whose signed occurrences cancelled out contributes nothing), times
 * the model's weight. A word is credited with its unigram and with every character n-gram that lies within
 * it and at most one unit on either side of it.
 */
function linearWordSums(
  models: readonly ClassifierModel[],
  features: FeatureExtractor,
  count: number,
  shared: InterleavedWeights | undefined,
): Float64Array {
  const { touched, counts, values, touchedCount, words, wordCount } = features;
  if (contributionScratch.length < touchedCount * count)
    contributionScratch = new Float64Array(touchedCount * count * 2);
  const contributions = contributionScratch;
  let c = 0;
  for (let m = 0; m < models.length; m++) {
    const model = models[m] as ClassifierModel;
    if (model.kind !== "linear") continue;
    const scale = model.weightScale;
    const packed = shared?.touchedPacked;
    if (packed !== undefined && shared?.stride === 4) {
      // The column's byte of each packed int32, sign-extended.
      const shift = 24 - 8 * (shared.columns[m] ?? 0);
      for (let k = 0; k < touchedCount; k++) {
        const n = counts[k] ?? 0;
        const share = shareOf(n, values[k] ?? 0);
        contributions[k * count + c] = scale * (((packed[k] ?? 0) << shift) >> 24) * share;
      }
    } else {
      const weights = shared ? shared.interleaved : model.weights;
      const stride = shared ? shared.stride : 1;
      const column = shared ? (shared.columns[m] ?? 0) : 0;
      for (let k = 0; k < touchedCount; k++) {
        const n = counts[k] ?? 0;
        const share = shareOf(n, values[k] ?? 0);
        contributions[k * count + c] = scale * (weights[(touched[k] ?? 0) * stride + column] ?? 0) * share;
      }
    }
    c++;
  }
  if (wordScratch.length < wordCount * count) wordScratch = new Float64Array(wordCount * count * 2);
  const sums = wordScratch;
  sums.fill(0, 0, wordCount * count);
  creditGrams(features, contributions, sums, count);
  for (let w = 0; w < wordCount; w++) {
    const unigram = (words[w * wordStride + wordField.unigram] ?? 0) * count;
    for (let j = 0; j < count; j++)
      sums[w * count + j] = (sums[w * count + j] ?? 0) + (contributions[unigram + j] ?? 0);
    // A polarity word is credited with its share of its class's feature.
    const polarity = words[w * wordStride + wordField.polarity] ?? -1;
    if (polarity >= 0) {
      for (let j = 0; j < count; j++)
        sums[w * count + j] = (sums[w * count + j] ?? 0) + (contributions[polarity * count + j] ?? 0);
    }
  }
  // A word of the embedding vocabulary is credited with its score's share of the mean.
  if (features.embeddedCount > 0) {
    let j = 0;
    for (const model of models) {
      if (model.kind !== "linear") continue;
      const scale = model.wordScoreScale / features.embeddedCount;
      for (let w = 0; w < wordCount; w++) {
        const row = words[w * wordStride + wordField.embedding] ?? -1;
        if (row >= 0) sums[w * count + j] = (sums[w * count + j] ?? 0) + scale * (model.wordScores[row] ?? 0);
      }
      j++;
    }
  }
  return sums;
}

/** A feature's value divided among its `n` signed occurrences (most features occur once: no division). */
function shareOf(n: number, value: number): number {
  if (n === 1 || n === -1) return value;
  return n === 0 ? 0 : value / (n < 0 ? -n : n);
}

/**
 * Adds each character n-gram occurrence's contributions to the word it is credited to, in the order
 * extraction recorded the occurrences (start position by start position, shortest first). An n-gram
 * belongs to the word at its first unit, or (a separator first) at its second, when it lies within that
 * word and at most one unit on either side of it; so all n-grams of one start position belong to the same
 * word, the shortest ones up to the unit after the word.
 */
function creditGrams(
  features: FeatureExtractor,
  contributions: Float64Array,
  sums: Float64Array,
  count: number,
): void {
  const { length, words, wordCount, gramTouched, config } = features;
  if (wordOfUnit.length < length) wordOfUnit = new Int32Array(length * 2);
  const wordOf = wordOfUnit;
  wordOf.fill(-1, 0, length);
  for (let w = 0; w < wordCount; w++)
    wordOf.fill(w, words[w * wordStride + wordField.start] ?? 0, words[w * wordStride + wordField.end] ?? 0);
  const { charMin, charMax } = config;
  let o = 0;
  for (let start = 0; start + charMin <= length; start++) {
    const last = Math.min(length, start + charMax);
    const first = start + charMin;
    let w = wordOf[start] ?? -1;
    // An n-gram that starts on a separator is credited by its second unit, so it needs one.
    let from = first;
    if (w < 0) {
      w = wordOf[start + 1] ?? -1;
      from = Math.max(first, start + 2);
    }
    if (w >= 0 && start >= (words[w * wordStride + wordField.start] ?? 0) - 1) {
      const upTo = Math.min(last, (words[w * wordStride + wordField.end] ?? 0) + 1);
      if (count === 1) {
        let sum = sums[w] ?? 0;
        for (let end = from; end <= upTo; end++) sum += contributions[gramTouched[o + end - first] ?? 0] ?? 0;
        sums[w] = sum;
      } else {
        for (let end = from; end <= upTo; end++) {
          const k = (gramTouched[o + end - first] ?? 0) * count;
          for (let j = 0; j < count; j++)
            sums[w * count + j] = (sums[w * count + j] ?? 0) + (contributions[k + j] ?? 0);
        }
      }
    }
    o += last - first + 1;
  }
}

function textStartOf(features: FeatureExtractor, inPlace: boolean, w: number): number {
  const folded = features.sourceStart[features.words[w * wordStride + wordField.start] ?? 0] ?? 0;
  return inPlace ? folded : (textStart[folded] ?? 0);
}

function textEndOf(features: FeatureExtractor, inPlace: boolean, w: number): number {
  const folded = features.sourceEnd[(features.words[w * wordStride + wordField.end] ?? 1) - 1] ?? 0;
  return inPlace ? folded : (textEnd[folded - 1] ?? 0);
}

/**
 * The features to explain with, and where their folded text came from in `text`: `inPlace` when a
 * folded index is the text's own, otherwise as set in `textStart`/`textEnd`. ASCII text folds unit
 * for unit. Other text is folded again code point by code point, recording where each piece came
 * from; that gives the scored folding in all but rare cases (a letter followed by a combining accent
 * folds differently as a pair). Then the explanation extracts the features of the code-point folding
 * once more, so its spans still point at the right text, while the scores stay those of the scored
 * folding.
 */
function foldedPlaces(
  text: string,
  extractor: FeatureExtractor,
): { features: FeatureExtractor; inPlace: boolean } {
  if (extractor.foldedInPlace) return { features: extractor, inPlace: true };
  if (foldsOnto(text, extractor.folded)) return { features: extractor, inPlace: false };
  const folded = foldByCodePoint(text);
  foldsOnto(text, folded); // true by construction: records where each unit came from
  return { features: extractFolded(fallbackExtractorFor(extractor.config), folded, false), inPlace: false };
}

/**
 * Whether `text` folded code point by code point gives `folded`, recording in `textStart`/`textEnd` where
 * each unit came from: `foldByCodePoint` compared with the scored folding, without building a string.
 */
function foldsOnto(text: string, folded: string): boolean {
  if (textStart.length < folded.length + 1) {
    textStart = new Int32Array(Math.max(folded.length + 1, textStart.length * 2));
    textEnd = new Int32Array(textStart.length);
  }
  let at = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (at >= folded.length || folded.charCodeAt(at) !== (c >= 0x41 && c <= 0x5a ? c + 0x20 : c))
        return false;
      textStart[at] = i;
      textEnd[at] = i + 1;
      at++;
      i++;
      continue;
    }
    const point = text.codePointAt(i) ?? c;
    const width = point > 0xffff ? 2 : 1;
    const piece = foldPiece(point);
    if (at + piece.length > folded.length) return false;
    for (let j = 0; j < piece.length; j++) {
      if (folded.charCodeAt(at + j) !== piece.charCodeAt(j)) return false;
      textStart[at + j] = i;
      textEnd[at + j] = i + width;
    }
    at += piece.length;
    i += width;
  }
  return at === folded.length;
}

/** Folds `text` code point by code point (`foldsOnto` records where each unit of the result came from). */
function foldByCodePoint(text: string): string {
  let folded = "";
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    folded += point < 0x80 ? character.toLowerCase() : foldPiece(point);
  }
  return folded;
}

const pieces = new Map<number, string>();

function foldPiece(point: number): string {
  let piece = pieces.get(point);
  if (piece === undefined) {
    piece = foldText(String.fromCodePoint(point));
    if (pieces.size >= 4096) pieces.clear();
    pieces.set(point, piece);
  }
  return piece;
}

const fallbackExtractors = new WeakMap<FeatureConfig, FeatureExtractor>();

function fallbackExtractorFor(config: FeatureConfig): FeatureExtractor {
  let extractor = fallbackExtractors.get(config);
  if (!extractor) {
    extractor = createFeatureExtractor(config);
    fallbackExtractors.set(config, extractor);
  }
  return extractor;
}

function pickSpans(candidates: Candidate[], maxSpans: number): Candidate[] {
  const picked: Candidate[] = [];
  const ranked = candidates.sort((a, b) => b.contribution - a.contribution || a.start - b.start);
  for (const candidate of ranked) {
    if (picked.length >= maxSpans) break;
    if (picked.some((other) => spansOverlap(other, candidate))) continue;
    picked.push(candidate);
  }
  return picked;
}
