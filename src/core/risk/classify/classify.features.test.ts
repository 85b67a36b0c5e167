import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createFeatureExtractor,
  defaultFeatureConfig,
  extractFeatures,
  type FeatureConfig,
  hashCharGrams,
  hashWords,
  mentionMark,
  normaliseInto,
  urlMark,
  wordHash,
} from "./classify.features.ts";

const smallConfig: FeatureConfig = { ...defaultFeatureConfig, hashBits: 12 };

function normalised(text: string): string {
  const target = { buffer: new Uint16Array(8), length: 0 };
  normaliseInto(target, text);
  return String.fromCharCode(...target.buffer.subarray(0, target.length));
}

function snapshot(text: string, config = smallConfig) {
  const extractor = extractFeatures(createFeatureExtractor(config), text);
  const pairs = Array.from(extractor.touched.subarray(0, extractor.touchedCount), (bucket, k) => [
    bucket,
    extractor.values[k],
  ]);
  return pairs.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

describe("normaliseInto", () => {
  it.each([
    ["@nordwind_mobil du idiot", ` ${String.fromCharCode(mentionMark)} du idiot `],
    ["siehe https://t.co/abc123 jetzt", ` siehe ${String.fromCharCode(urlMark)} jetzt `],
    ["1.500,00 euro und 24 stunden", " 0 euro und 0 stunden "],
    ["i\u200bd\u200di\u2060ot", " idiot "],
    ["sooooo  schlecht!!!!", " soo schlecht!! "],
    ["max@example.de", " max@example.de "],
  ])("turns %j into %j", (text, expected) => {
    expect(normalised(text)).toBe(expected);
  });
});

describe("extractFeatures", () => {
  it("gives the same vector for the same text, also after other texts", () => {
    const text = "Die Bahn ist schon wieder zu spät, so eine Frechheit! 😡 @DB_Bahn";
    const first = snapshot(text);
    const extractor = createFeatureExtractor(smallConfig);
    extractFeatures(extractor, "etwas ganz anderes");
    extractFeatures(extractor, text);
    expect(first).toEqual(snapshot(text));
    expect(first.length).toBeGreaterThan(50);
  });

  it("treats umlaut spellings and case alike", () => {
    expect(snapshot("Müller ist GRÖßER")).toEqual(snapshot("mueller ist groesser"));
  });

  it("produces an L2-normalised vector, and none for empty text", () => {
    const extractor = extractFeatures(createFeatureExtractor(smallConfig), "Schönen Tag noch!");
    const values = extractor.values.subarray(0, extractor.touchedCount);
    expect(values.reduce((sum, value) => sum + value * value, 0)).toBeCloseTo(1, 5);
    expect(extractFeatures(extractor, "").touchedCount).toBe(0);
    expect(extractor.norm).toBe(0);
  });

  it("touches every n-gram and word bucket that explanations look up", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const extractor = extractFeatures(createFeatureExtractor(smallConfig), text);
        const units = { buffer: extractor.buffer, length: extractor.length };
        const grams: number[] = [];
        const unigrams: number[] = [];
        const bigrams: number[] = [];
        hashCharGrams(smallConfig, units, grams);
        hashWords(smallConfig, units, unigrams, bigrams);
        const touched = new Set(extractor.touched.subarray(0, extractor.touchedCount));
        for (const hash of [...grams, ...unigrams, ...bigrams])
          expect(touched.has(hash & extractor.mask)).toBe(true);
      }),
    );
  });

  it("hashes a word as wordHash does", () => {
    const extractor = extractFeatures(createFeatureExtractor(smallConfig), "Idiot");
    expect(Array.from(extractor.wordHashes.subarray(0, extractor.wordHashCount))).toEqual([
      wordHash(smallConfig, "idiot"),
    ]);
  });
});
