import { tokenize } from "../../text/tokens.ts";
import type { RiskSpan } from "../risk.types.ts";
import {
  bigramHash,
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
  const candidates: Candidate[] = [];
  const contributionOf = (hash: number) => featureContribution(model, extractor, hash);
  let previousLastWord: number | undefined;
  let previousStart = 0;
  for (const token of tokenize(text)) {
    const start = token.prefix ? token.start - 1 : token.start;
    normaliseInto(tokenBuffer, foldForFeatures(text.slice(start, token.end)));
    unigramScratch.length = 0;
    bigramScratch.length = 0;
    hashWords(model.features, tokenBuffer, unigramScratch, bigramScratch);
    let contribution = 0;
    for (const hash of unigramScratch) contribution += contributionOf(hash);
    for (const hash of bigramScratch) contribution += contributionOf(hash);
    if (model.kind === "linear" && tokenBuffer.length <= maxExplainedWordLength + 2) {
      gramScratch.length = 0;
      hashCharGrams(model.features, tokenBuffer, gramScratch);
      for (const hash of gramScratch) contribution += contributionOf(hash);
    }
    candidates.push({ start: token.start, end: token.end, contribution });
    const firstWord = unigramScratch[0];
    if (model.features.wordBigrams && previousLastWord !== undefined && firstWord !== undefined) {
      const pair = contributionOf(bigramHash(previousLastWord, firstWord));
      candidates.push({ start: previousStart, end: token.end, contribution: pair });
    }
    previousLastWord = unigramScratch[unigramScratch.length - 1];
    previousStart = token.start;
  }
  return pickSpans(candidates, maxSpans).map((candidate) => ({
    start: candidate.start,
    end: candidate.end,
    reason: `model.${model.category}`,
    detail: `"${text.slice(candidate.start, candidate.end)}" +${candidate.contribution.toFixed(2)}`,
  }));
}

function featureContribution(model: ClassifierModel, extractor: FeatureExtractor, hash: number): number {
  if (model.kind === "lexicon") return model.terms.get(hash) ?? 0;
  const bucket = hash & extractor.mask;
  if (extractor.stamp[bucket] !== extractor.epoch || extractor.norm === 0) return 0;
  const count = extractor.counts[bucket] ?? 0;
  const magnitude = Math.abs(count);
  if (magnitude === 0) return 0;
  const value = (Math.sign(count) * (1 + Math.log(magnitude))) / extractor.norm;
  // A feature seen several times in the post shares its weight among its occurrences.
  return (model.weightScale * (model.weights[bucket] ?? 0) * value) / magnitude;
}

function pickSpans(candidates: Candidate[], maxSpans: number): Candidate[] {
  const picked: Candidate[] = [];
  const ranked = candidates
    .filter((candidate) => candidate.contribution >= minimumContribution)
    .sort((a, b) => b.contribution - a.contribution || a.start - b.start);
  for (const candidate of ranked) {
    if (picked.length >= maxSpans) break;
    if (picked.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    picked.push(candidate);
  }
  return picked;
}
