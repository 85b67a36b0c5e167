import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createFeatureExtractor,
  createUnitBuffer,
  defaultFeatureConfig,
  extractFeatures,
  type FeatureConfig,
  isWordUnit,
  mentionMark,
  normaliseInto,
  urlMark,
  wordField,
  wordHash,
  wordStride,
} from "./classify.features.ts";

const smallConfig: FeatureConfig = { ...defaultFeatureConfig, hashBits: 12 };

function normalised(text: string): string {
  const target = createUnitBuffer(8);
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

  it("records every n-gram occurrence and word with its feature, for explanations", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: "grapheme" }), (text) => {
        const extractor = extractFeatures(createFeatureExtractor(smallConfig), text);
        const { length, charMin, charMax } = { length: extractor.length, ...smallConfig };
        let grams = 0;
        for (let start = 0; start + charMin <= length; start++)
          grams += Math.min(length, start + charMax) - start - charMin + 1;
        expect(extractor.gramCount).toBe(grams);
        for (let o = 0; o < extractor.gramCount; o++) {
          expect(extractor.gramTouched[o]).toBeGreaterThanOrEqual(0);
          expect(extractor.gramTouched[o]).toBeLessThan(extractor.touchedCount);
        }
        // The words are the runs of word units, in order, each with its unigram (and bigram) feature.
        const runs: number[][] = [];
        for (let u = 0; u < length; u++) {
          if (!isWordUnit(extractor.buffer[u] ?? 0)) continue;
          const start = u;
          while (u < length && isWordUnit(extractor.buffer[u] ?? 0)) u++;
          runs.push([start, u]);
        }
        const recorded = Array.from({ length: extractor.wordCount }, (_, w) =>
          Array.from(extractor.words.subarray(w * wordStride, w * wordStride + 2)),
        );
        expect(recorded).toEqual(runs);
        for (let w = 0; w < extractor.wordCount; w++) {
          const at = w * wordStride;
          const [start = 0, end = 0, unigram = -1, bigram = 0] = extractor.words.subarray(at, at + 4);
          expect(start).toBeLessThan(end);
          expect(extractor.touched[unigram]).toBe((extractor.words[at + 4] ?? 0) & extractor.mask);
          if (w === 0) expect(bigram).toBe(-1);
          else expect(extractor.touched[bigram]).toBe((extractor.words[at + 5] ?? 0) & extractor.mask);
          // Each unit points back at the part of the folded text it came from.
          for (let u = start; u < end; u++) {
            expect(extractor.sourceStart[u]).toBeLessThan(extractor.sourceEnd[u] ?? 0);
            expect(extractor.sourceEnd[u]).toBeLessThanOrEqual(extractor.folded.length);
          }
        }
      }),
    );
  });

  it("points each normalised unit back at the folded text it came from", () => {
    const extractor = extractFeatures(
      createFeatureExtractor(smallConfig),
      "Sooooo @nordwind_mobil: 1.500,00!",
    );
    const folded = extractor.folded;
    const parts = Array.from({ length: extractor.length }, (_, u) =>
      folded.slice(extractor.sourceStart[u], extractor.sourceEnd[u]),
    );
    expect(parts).toEqual(["", "s", "o", "oooo", " ", "@nordwind_mobil", ":", " ", "1.500,00", "!", ""]);
  });

  it("gives the memory of an outsized text back at the next ordinary one, with the same features", () => {
    const extractor = createFeatureExtractor(smallConfig);
    extractFeatures(extractor, "ab ".repeat(300_000));
    expect(extractor.gramTouched.length).toBeGreaterThan(1 << 20);
    const text = "Die Bahn ist schon wieder zu spät 😡 @DB_Bahn";
    extractFeatures(extractor, text);
    expect(extractor.gramTouched.length).toBeLessThan(1 << 12);
    expect(extractor.sourceStart.length).toBeLessThan(1 << 12);
    const fresh = extractFeatures(createFeatureExtractor(smallConfig), text);
    expect(Array.from(extractor.touched.subarray(0, extractor.touchedCount))).toEqual(
      Array.from(fresh.touched.subarray(0, fresh.touchedCount)),
    );
    expect(Array.from(extractor.values.subarray(0, extractor.touchedCount))).toEqual(
      Array.from(fresh.values.subarray(0, fresh.touchedCount)),
    );
  });

  it("hashes a word as wordHash does", () => {
    const extractor = extractFeatures(createFeatureExtractor(smallConfig), "Idiot");
    expect(extractor.wordCount).toBe(1);
    expect(extractor.words[wordField.unigramHash]).toBe(wordHash(smallConfig, "idiot"));
    expect(extractor.words[wordField.bigram]).toBe(-1);
  });
});
