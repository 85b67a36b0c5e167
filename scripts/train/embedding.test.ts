import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { featureWord } from "../../src/core/risk/classify/classify.model.ts";
import { EmbeddingFileSchema } from "../../src/core/risk/classify/classify.schema.ts";
import { embeddingPackage, embeddingVocabularySize, englishEmbedding } from "./embedding.ts";

const shipped = fileURLToPath(new URL("../../models/embedding-en.json", import.meta.url));
const haveVectors = (() => {
  try {
    createRequire(import.meta.url).resolve(`${embeddingPackage}/package.json`);
    return true;
  } catch {
    return false;
  }
})();
if (!haveVectors)
  console.warn(
    `notice: ${embeddingPackage} is not installed; the English embedding vocabulary is not rebuilt here.`,
  );

describe("the shipped embedding vocabulary models/embedding-en.json", () => {
  const file = EmbeddingFileSchema.parse(JSON.parse(readFileSync(shipped, "utf8")));

  it("lists distinct words, each one word as the extractor reads it, most frequent first", () => {
    expect(existsSync(shipped)).toBe(true);
    expect(file.words.length).toBe(embeddingVocabularySize);
    expect(new Set(file.words).size).toBe(file.words.length);
    for (const word of file.words) expect(featureWord(word)).toBe(word);
    expect(file.words.slice(0, 3)).toEqual(["the", "of", "to"]);
    expect(file.words).toContain("idiot");
  });

  it.skipIf(!haveVectors)("is what the training builds from the GloVe vectors", () => {
    const built = englishEmbedding();
    expect(built.file).toEqual(file);
    expect(built.vectors.length).toBe(file.words.length * file.dimensions);
  });
});
