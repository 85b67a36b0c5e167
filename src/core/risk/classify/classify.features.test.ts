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
  polarityClasses,
  polarityHash,
  urlMark,
  wordField,
  wordHash,
  wordStride,
} from "./classify.features.ts";
import { testEmbeddingFile, testPolarityFile } from "./classify.fixture.ts";
import { decodeEmbedding, decodePolarity } from "./classify.model.ts";

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

  it("counts each n-gram and word in its bucket with its hash's sign, however many features a text has", () => {
    // A reference of the hashing (FNV-1a per start position, murmur3's fmix32, length mixed in), counted in
    // a Map: texts from a few features to more than the bucket table starts with, and to every bucket.
    const fmix = (hash: number) => {
      let h = hash ^ (hash >>> 16);
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      return h ^ (h >>> 16);
    };
    const letters = "abcdefghijklmnopqrstuvwxyzäöü!? ";
    let state = 7;
    const random = (length: number) =>
      Array.from({ length }, () => {
        state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
        return letters[state % letters.length];
      }).join("");
    for (const text of ["kurz", random(300), random(5_000), random(20_000)]) {
      const extractor = extractFeatures(createFeatureExtractor(smallConfig), text);
      const expected = new Map<number, number>();
      const count = (hash: number) => {
        const bucket = hash & extractor.mask;
        expected.set(bucket, (expected.get(bucket) ?? 0) + (hash < 0 ? -1 : 1));
      };
      const { buffer, length } = extractor;
      let occurrence = 0;
      for (let start = 0; start + smallConfig.charMin <= length; start++) {
        let hash = smallConfig.seed ^ 0x811c9dc5;
        for (let j = start; j < Math.min(length, start + smallConfig.charMax); j++) {
          hash = Math.imul(hash ^ (buffer[j] ?? 0), 16777619);
          if (j - start + 1 < smallConfig.charMin) continue;
          const feature = fmix(hash ^ (j - start));
          count(feature);
          expect(extractor.touched[extractor.gramTouched[occurrence++] ?? -1]).toBe(feature & extractor.mask);
        }
      }
      for (let w = 0; w < extractor.wordCount; w++) {
        count(extractor.words[w * wordStride + wordField.unigramHash] ?? 0);
        if (w > 0) count(extractor.words[w * wordStride + wordField.bigramHash] ?? 0);
      }
      const counted = new Map(
        Array.from(extractor.touched.subarray(0, extractor.touchedCount), (bucket, k) => [
          bucket,
          extractor.counts[k] ?? 0,
        ]),
      );
      expect(counted.size).toBe(extractor.touchedCount);
      expect(counted).toEqual(expected);
    }
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

describe("polarity features", () => {
  const lexicon = decodePolarity(testPolarityFile, defaultFeatureConfig);
  // The full space, so that no n-gram of these short texts shares a bucket with a polarity class.
  const withPolarity: FeatureConfig = { ...defaultFeatureConfig, polarity: lexicon };
  const bucketOfClass = (polarityClass: number) =>
    polarityHash(defaultFeatureConfig.seed, polarityClass) & ((1 << defaultFeatureConfig.hashBits) - 1);
  /** The polarity classes a text's features hold, with their signed occurrence counts. */
  const classesOf = (text: string) => {
    const extractor = extractFeatures(createFeatureExtractor(withPolarity), text);
    const found: Record<string, number> = {};
    polarityClasses.forEach((name, c) => {
      const k = Array.from(extractor.touched.subarray(0, extractor.touchedCount)).indexOf(bucketOfClass(c));
      if (k >= 0) found[name] = Math.abs(extractor.counts[k] ?? 0);
    });
    return found;
  };

  it("adds one feature per polarity class, counting the class's words", () => {
    expect(classesOf("Der Support war gut, aber langsam und schlecht erreichbar. Schlecht!")).toEqual({
      negative: 1,
      "strongly negative": 2,
      "strongly positive": 1,
    });
    // Folded like the text: "Großartig" and "grossartig", "enttäuscht" and "enttaeuscht" are one word each.
    expect(classesOf("GROSSARTIG, nur etwas enttaeuscht")).toEqual({
      "strongly positive": 1,
      "strongly negative": 1,
    });
    expect(classesOf("Ein ganz normaler Dienstag")).toEqual({});
  });

  it("flips the polarity of the three words after a negator, keeping its strength", () => {
    expect(classesOf("Das war nicht gut")).toEqual({ "strongly negative": 1 });
    expect(classesOf("kein bisschen freundlich")).toEqual({ negative: 1 });
    expect(classesOf("Nicht schlecht, aber auch nicht großartig")).toEqual({
      "strongly positive": 1,
      "strongly negative": 1,
    });
    // Beyond three words the negator no longer reaches.
    expect(classesOf("nicht dass ich es je gesagt hätte: gut")).toEqual({ "strongly positive": 1 });
  });

  it("weighs a class's feature `weight` times an n-gram seen as often, then normalises", () => {
    const extractor = extractFeatures(createFeatureExtractor(withPolarity), "gut");
    const touched = Array.from(extractor.touched.subarray(0, extractor.touchedCount));
    const values = Array.from(extractor.values.subarray(0, extractor.touchedCount), Math.abs);
    const polarity = values[touched.indexOf(bucketOfClass(3))] ?? 0;
    const unigram = values[extractor.words[wordField.unigram] ?? 0] ?? 0;
    expect(polarity / unigram).toBeCloseTo(3, 5);
    expect(Math.hypot(...values)).toBeCloseTo(1, 5);
  });

  it("records which polarity feature each word added", () => {
    const extractor = extractFeatures(createFeatureExtractor(withPolarity), "gar nicht gut");
    const polarityOf = (w: number) => extractor.words[w * wordStride + wordField.polarity];
    expect([polarityOf(0), polarityOf(1)]).toEqual([-1, -1]);
    expect(extractor.touched[polarityOf(2) ?? -1]).toBe(bucketOfClass(1));
  });

  it("leaves a space without a polarity list as it was", () => {
    const text = "Der Support war gut, aber langsam und schlecht erreichbar.";
    const without = snapshot(text, defaultFeatureConfig);
    expect(snapshot(text, withPolarity).length).toBe(without.length + 3);
    expect(snapshot(text, defaultFeatureConfig)).toEqual(without);
  });

  it("never throws and keeps the vector normalised with a polarity list", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const extractor = extractFeatures(createFeatureExtractor(withPolarity), `${text} nicht gut`);
        const values = Array.from(extractor.values.subarray(0, extractor.touchedCount));
        expect(Math.hypot(...values)).toBeCloseTo(1, 4);
      }),
    );
  });
});

describe("extractFeatures with an embedding vocabulary", () => {
  const space: FeatureConfig = { ...smallConfig, embedding: decodeEmbedding(testEmbeddingFile, smallConfig) };

  it("records each word's row and counts the words that have one, leaving the vector as it was", () => {
    const text = "You are SO stupid, you idiot!!";
    const extractor = extractFeatures(createFeatureExtractor(space), text);
    const rows = Array.from(
      { length: extractor.wordCount },
      (_, w) => extractor.words[w * wordStride + wordField.embedding],
    );
    // you, are, so, stupid, you, idiot
    expect(rows).toEqual([0, 1, -1, 4, 0, 2]);
    expect(extractor.embeddedCount).toBe(5);
    expect(snapshot(text, space)).toEqual(snapshot(text, smallConfig));
    expect(extractFeatures(createFeatureExtractor(space), "nothing known here").embeddedCount).toBe(0);
    expect(extractFeatures(createFeatureExtractor(smallConfig), text).embeddedCount).toBe(0);
  });
});
