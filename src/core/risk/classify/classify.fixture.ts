import type { EmbeddingFile, PolarityFile } from "./classify.schema.ts";

/** A small German polarity list for tests: a word or two per class, and two negators. */
export const testPolarityFile: PolarityFile = {
  format: 1,
  name: "polarity-de",
  lang: "de",
  source: "test",
  weight: 3,
  negative: ["langsam"],
  stronglyNegative: ["schlecht", "enttäuscht"],
  positive: ["freundlich"],
  stronglyPositive: ["gut", "großartig"],
  negators: ["nicht", "kein"],
};

/** A small English embedding vocabulary for tests (the vectors stay at training; models keep word scores). */
export const testEmbeddingFile: EmbeddingFile = {
  format: 1,
  name: "embedding-en",
  lang: "en",
  source: "test",
  dimensions: 4,
  weight: 0.25,
  words: ["you", "are", "idiot", "great", "stupid"],
};
