import { foldText } from "../../text/normalize.ts";
import type { RiskSpan } from "../risk.types.ts";
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
 * explain neither), a pair of neighbouring words with its bigram. Lexicons credit their words and
 * pairs as they matched. Offsets are UTF-16 indices into `text`.
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
  const gramWord = creditGramsToWords(features);
  let wordSums = wordScratch;
  if (wordSums.length < wordCount) wordSums = wordScratch = new Float64Array(wordCount * 2);
  const sums = wordSums;
  const share = occurrenceShares(features);
  const spans = models.map((model, m) => {
    const candidates: Candidate[] = [];
    // The contribution of each touched feature for this model, or undefined for a lexicon.
    let contributions: Float64Array | undefined;
    if (model.kind === "lexicon") {
      for (let w = 0; w < wordCount; w++)
        sums[w] = model.terms.get(words[w * wordStride + wordField.unigramHash] ?? 0) ?? 0;
    } else {
      contributions = contributionsOf(
        features,
        share,
        shared ? shared.interleaved : model.weights,
        shared ? shared.stride : 1,
        shared ? (shared.columns[m] ?? 0) : 0,
        model.weightScale,
      );
      sums.fill(0, 0, wordCount);
      const { gramTouched, gramCount } = features;
      for (let o = 0; o < gramCount; o++) {
        const w = gramWord[o] ?? -1;
        if (w >= 0) sums[w] = (sums[w] ?? 0) + (contributions[gramTouched[o] ?? 0] ?? 0);
      }
      for (let w = 0; w < wordCount; w++) {
        sums[w] = (sums[w] ?? 0) + (contributions[words[w * wordStride + wordField.unigram] ?? 0] ?? 0);
      }
    }
    const pairSum = (w: number): number => {
      const bigram = words[w * wordStride + wordField.bigram] ?? -1;
      if (bigram < 0) return 0;
      if (contributions !== undefined) return contributions[bigram] ?? 0;
      return model.kind === "lexicon"
        ? (model.terms.get(words[w * wordStride + wordField.bigramHash] ?? 0) ?? 0)
        : 0;
    };
    for (let w = 0; w < wordCount; w++) {
      // Only candidates that can be shown are kept; the ranking drops the others anyway.
      const contribution = sums[w] ?? 0;
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
  if (gramWordScratch.length > LARGE_SCRATCH) releaseScratch();
  return spans;
}

// Scratch arrays beyond this many entries (an outsized text) are given back after its explanation.
const LARGE_SCRATCH = 1 << 18;

let contributionScratch = new Float64Array(1024);
let shareScratch = new Float64Array(1024);
let wordScratch = new Float64Array(256);
let gramWordScratch = new Int32Array(2048);
let wordOfUnit = new Int32Array(512);
// Where each unit of the folded text came from in the original: [textStart, textEnd).
let textStart = new Int32Array(512);
let textEnd = new Int32Array(512);

function releaseScratch(): void {
  contributionScratch = new Float64Array(1024);
  shareScratch = new Float64Array(1024);
  wordScratch = new Float64Array(256);
  gramWordScratch = new Int32Array(2048);
  wordOfUnit = new Int32Array(512);
  textStart = new Int32Array(512);
  textEnd = new Int32Array(512);
}

/**
 * Each touched feature's value divided among its occurrences (0 for a feature whose signed occurrences
 * cancelled out): a feature seen several times in the post shares its weight among them. The same for
 * every model, so computed once per explanation (scratch memory).
 */
function occurrenceShares(features: FeatureExtractor): Float64Array {
  const { counts, values, touchedCount } = features;
  if (shareScratch.length < touchedCount) shareScratch = new Float64Array(touchedCount * 2);
  const share = shareScratch;
  for (let k = 0; k < touchedCount; k++) {
    const count = counts[k] ?? 0;
    share[k] = count === 0 ? 0 : (values[k] ?? 0) / (count < 0 ? -count : count);
  }
  return share;
}

/** The logit contribution of one occurrence of each touched feature, for one linear model (scratch memory). */
function contributionsOf(
  features: FeatureExtractor,
  share: Float64Array,
  weights: Int8Array,
  stride: number,
  column: number,
  scale: number,
): Float64Array {
  const { touched, touchedCount } = features;
  if (contributionScratch.length < touchedCount) contributionScratch = new Float64Array(touchedCount * 2);
  const contributions = contributionScratch;
  for (let k = 0; k < touchedCount; k++) {
    const weight = weights[(touched[k] ?? 0) * stride + column] ?? 0;
    contributions[k] = scale * weight * (share[k] ?? 0);
  }
  return contributions;
}

/**
 * The word each character n-gram occurrence is credited to (-1: none), in the order extraction
 * recorded them: an n-gram belongs to a word when it lies within the word and at most one unit on
 * either side of it.
 */
function creditGramsToWords(features: FeatureExtractor): Int32Array {
  const { length, words, wordCount, gramCount, config } = features;
  if (wordOfUnit.length < length) wordOfUnit = new Int32Array(length * 2);
  if (gramWordScratch.length < gramCount) gramWordScratch = new Int32Array(gramCount * 2);
  const wordOf = wordOfUnit;
  const gramWord = gramWordScratch;
  wordOf.fill(-1, 0, length);
  for (let w = 0; w < wordCount; w++)
    wordOf.fill(w, words[w * wordStride + wordField.start] ?? 0, words[w * wordStride + wordField.end] ?? 0);
  const { charMin, charMax } = config;
  let o = 0;
  for (let start = 0; start + charMin <= length; start++) {
    const last = Math.min(length, start + charMax);
    for (let end = start + charMin; end <= last; end++) {
      // The n-gram [start, end): its word is the one at its first unit, or (a separator first) at its second.
      let w = wordOf[start] ?? -1;
      if (w < 0 && start + 1 < end) w = wordOf[start + 1] ?? -1;
      const inWindow =
        w >= 0 &&
        start >= (words[w * wordStride + wordField.start] ?? 0) - 1 &&
        end <= (words[w * wordStride + wordField.end] ?? 0) + 1;
      gramWord[o++] = inWindow ? w : -1;
    }
  }
  return gramWord;
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
  const folded = foldByCodePoint(text);
  if (folded === extractor.folded) return { features: extractor, inPlace: false };
  return { features: extractFolded(fallbackExtractorFor(extractor.config), folded, false), inPlace: false };
}

/** Folds `text` code point by code point, recording in `textStart`/`textEnd` where each unit came from. */
function foldByCodePoint(text: string): string {
  let folded = "";
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let piece: string;
    let width = 1;
    if (c < 0x80) {
      piece = c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : text.charAt(i);
    } else {
      const point = text.codePointAt(i) ?? c;
      width = point > 0xffff ? 2 : 1;
      piece = foldPiece(point);
    }
    const at = folded.length;
    const end = at + piece.length;
    if (textStart.length < end + 1) {
      const size = Math.max(end + 1, text.length * 2, textStart.length * 2);
      const starts = new Int32Array(size);
      const ends = new Int32Array(size);
      starts.set(textStart.subarray(0, at));
      ends.set(textEnd.subarray(0, at));
      textStart = starts;
      textEnd = ends;
    }
    for (let f = at; f < end; f++) {
      textStart[f] = i;
      textEnd[f] = i + width;
    }
    folded += piece;
    i += width;
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
    if (picked.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    picked.push(candidate);
  }
  return picked;
}
