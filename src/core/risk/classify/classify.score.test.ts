import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createFeatureExtractor,
  defaultFeatureConfig,
  extractFeatures,
  type FeatureConfig,
  polarityHash,
  wordHash,
} from "./classify.features.ts";
import { testEmbeddingFile, testPolarityFile } from "./classify.fixture.ts";
import {
  decodeEmbedding,
  decodeLexiconModel,
  decodePolarity,
  type LinearClassifier,
} from "./classify.model.ts";
import { buildClassifierSet, rawLogit, scoreText, scoreWithSet } from "./classify.score.ts";

const config: FeatureConfig = { ...defaultFeatureConfig, hashBits: 18 };

// A model that knows one insult: the word "idiot" (folded) carries the whole weight.
function insultModel(words: string[] = ["idiot", "vollpfosten"]): LinearClassifier {
  const weights = new Int8Array(1 << config.hashBits);
  for (const word of words) {
    const hash = wordHash(config, word);
    weights[hash & ((1 << config.hashBits) - 1)] = hash < 0 ? -127 : 127;
  }
  return {
    kind: "linear",
    name: "toxic-de",
    category: "toxic",
    lang: "de",
    features: config,
    bias: -2,
    calibration: { slope: 1, intercept: 0 },
    threshold: 0.5,
    metadata: {},
    weights,
    weightScale: 0.2,
    wordScores: new Int8Array(0),
    wordScoreScale: 0,
  };
}

describe("scoreText", () => {
  it("flags a post with a weighted word and points at it in the original text", () => {
    const text = "Du bist so ein Idiot!";
    const result = scoreText(insultModel(), text);
    expect(result.flagged).toBe(true);
    expect(result.score).toBeGreaterThan(0.5);
    const [span] = result.spans;
    expect(span).toMatchObject({ reason: "model.toxic" });
    expect(text.slice(span?.start, span?.end)).toBe("Idiot");
    expect(span?.detail).toMatch(/^"Idiot" \+\d+\.\d\d$/);
  });

  it("keeps UTF-16 offsets right after umlauts, ß, emoji and surrogate pairs", () => {
    const text = "Größter 😡👨‍👩‍👧 Ärger: 𝔡𝔲 VOLLPFOSTEN, Straße";
    const result = scoreText(insultModel(), text, { explain: "always" });
    expect(result.spans.map((span) => text.slice(span.start, span.end))).toContain("VOLLPFOSTEN");
  });

  it("points at the right text when a letter and a combining accent fold differently as a pair", () => {
    // "a" + U+0308 folds to "ae" as a pair but to "a" + "" one code point at a time.
    const text = "Ka\u0308se gibt es keinen, du Vollpfosten!";
    const result = scoreText(insultModel(), text, { explain: "always" });
    expect(result.spans.map((span) => text.slice(span.start, span.end))).toContain("Vollpfosten");
  });

  it("shares a repeated word's weight among its occurrences and credits the whole of a mention", () => {
    const text = "Idiot! @nordwind_mobil IDIOT";
    const result = scoreText(insultModel(["idiot", "\ue000"]), text, { explain: "always" });
    const shown = result.spans.map((span) => [text.slice(span.start, span.end), span.detail?.split(" +")[1]]);
    const idiots = shown.filter(([word]) => word?.toLowerCase() === "idiot");
    expect(idiots).toHaveLength(2);
    expect(idiots[0]?.[1]).toBe(idiots[1]?.[1]);
    expect(shown.map(([word]) => word)).toContain("@nordwind_mobil");
  });

  it("does not flag a friendly post and gives no spans", () => {
    const result = scoreText(insultModel(), "Vielen Dank für die schnelle Hilfe, schönen Tag noch!");
    expect(result).toEqual({ score: expect.any(Number), flagged: false, spans: [] });
    expect(result.score).toBeLessThan(0.5);
  });

  it("never throws and returns a probability for hostile input", () => {
    const model = insultModel();
    const hostile = [
      "",
      "\ud800",
      "a\udc00b\ud83d",
      "Z̸̢̛̤̗̳̈́̈́a̵̢̠̓l̶̯̈́g̷̱̈o̸̗̊",
      "\u200b\u200c\u200d\ufeff",
      "x".repeat(1_000_000),
      "🙂".repeat(100_000),
    ];
    for (const text of hostile) {
      const result = scoreText(model, text, { explain: "always" });
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const result = scoreText(model, `${text} idiot`, { explain: "always" });
        for (const span of result.spans) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeLessThanOrEqual(text.length + 6);
          expect(span.start).toBeLessThan(span.end);
        }
      }),
    );
  });
});

describe("scoreWithSet", () => {
  it("scores linear and lexicon models of one language in one pass", () => {
    const lexicon = decodeLexiconModel({
      format: 1,
      kind: "lexicon",
      name: "complaint-de",
      category: "complaint",
      lang: "de",
      features: config,
      bias: -3,
      calibration: { slope: 1, intercept: 0 },
      threshold: 0.5,
      metadata: {},
      terms: [
        ["warte seit", 3.5],
        ["Lieferung", 1],
      ],
    });
    const set = buildClassifierSet("de", [insultModel(), lexicon]);
    const text = "Ich WARTE seit zwei Wochen auf die Lieferung, ihr Idioten";
    const scores = scoreWithSet(set, text);
    expect(scores.complaint?.flagged).toBe(true);
    expect(scores.complaint?.spans.map((span) => text.slice(span.start, span.end))).toEqual([
      "WARTE seit",
      "Lieferung",
    ]);
    expect(scores.toxic?.flagged).toBe(false);
    expect(scoreWithSet(set, "Alles bestens, danke!").complaint?.flagged).toBe(false);
  });

  it("explains each of four models in one set as it explains that model alone", () => {
    // Four linear models pack their weights into one int32 a bucket; explaining several at once reads the
    // packed weights scoring kept and sums every model's words in one pass. Each must match the model alone.
    const categories = ["toxic", "hate", "negative", "fact_claim"] as const;
    const models = categories.map((category, m) => ({
      ...insultModel([["idiot", "pack", "mist", "fakt"][m] ?? "", "\ue000"]),
      name: `${category}-de`,
      category,
      weightScale: 0.1 + 0.05 * m,
    }));
    const set = buildClassifierSet("de", models);
    expect(set.packed4).toBeDefined();
    const check = (text: string) => {
      const together = scoreWithSet(set, text, { explain: "always" });
      for (const model of models) {
        expect(together[model.category]).toEqual(scoreText(model, text, { explain: "always" }));
      }
    };
    check("Das Pack, dieser Idiot, so ein Mist! Fakt ist: @nordwind Idiot Größe 😡");
    check("Ka\u0308se, Pack und Mist");
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom("Idiot", "pack", "MIST", "fakt", "@nw", " ", ", "), fc.string()), {
          maxLength: 12,
        }),
        (parts) => check(parts.join(" ")),
      ),
      { numRuns: 200 },
    );
  });

  it.each([3, 4, 5, 6])("scores a set of %i linear models as each model alone", (count) => {
    // Four and six models take unrolled paths of their own (models/ ships six a language), three and five the
    // general loop: every path must give each model the score and the spans it gets alone.
    const categories = ["toxic", "hate", "negative", "fact_claim", "complaint", "threat"] as const;
    const words = ["idiot", "pack", "mist", "fakt", "warte", "messer"];
    const models = categories.slice(0, count).map((category, m) => ({
      ...insultModel([words[m] ?? "", "\ue000"]),
      name: `${category}-${m}`,
      category,
      weightScale: 0.1 + 0.05 * m,
    }));
    const set = buildClassifierSet("de", models);
    const check = (text: string) => {
      const together = scoreWithSet(set, text, { explain: "always" });
      for (const model of models) {
        expect(together[model.category]).toEqual(scoreText(model, text, { explain: "always" }));
      }
    };
    check("Du Idiot, das Pack, ein Mist, Fakt: ich warte mit dem Messer");
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, "Idiot", " ", ", "), { maxLength: 12 }), (parts) =>
        check(parts.join(" ")),
      ),
      { numRuns: 50 },
    );
  });

  it("refuses to group models of different feature spaces", () => {
    const other = { ...insultModel(), features: { ...config, seed: 7 } };
    expect(() => buildClassifierSet("de", [insultModel(), other])).toThrow(/feature space/);
  });
});

describe("polarity features in scoring and explanations", () => {
  const lexicon = decodePolarity(testPolarityFile, config);
  const space: FeatureConfig = { ...config, polarity: lexicon };
  // A model that knows only the "strongly negative" class: no word or n-gram carries weight of its own.
  function polarityModel(): LinearClassifier {
    const weights = new Int8Array(1 << space.hashBits);
    const hash = polarityHash(space.seed, 1);
    weights[hash & ((1 << space.hashBits) - 1)] = hash < 0 ? -127 : 127;
    return { ...insultModel([]), name: "negative-de", category: "negative", features: space, weights };
  }

  it("scores and explains a post by the words of a polarity class, negated ones included", () => {
    const text = "Ich bin echt enttäuscht, der Service ist nicht gut.";
    const result = scoreText(polarityModel(), text);
    expect(result.flagged).toBe(true);
    expect(result.spans.map((span) => text.slice(span.start, span.end)).sort()).toEqual([
      "enttäuscht",
      "gut",
    ]);
    expect(scoreText(polarityModel(), "Der Service ist gut.").flagged).toBe(false);
  });

  it("refuses to score models of one language in two feature spaces", () => {
    expect(() => buildClassifierSet("de", [polarityModel(), insultModel()])).toThrow(
      "toxic-de uses another feature space than negative-de",
    );
  });
});

describe("the embedding term in scoring and explanations", () => {
  const vocabulary = decodeEmbedding(testEmbeddingFile, config);
  const space: FeatureConfig = { ...config, embedding: vocabulary };
  // Word scores by row of ["you", "are", "idiot", "great", "stupid"]; no n-gram or word carries weight.
  function embeddingModel(scores = [0, 0, 120, -60, 100]): LinearClassifier {
    return {
      ...insultModel([]),
      lang: "en",
      name: "toxic-en",
      features: space,
      bias: -1,
      wordScores: Int8Array.from(scores),
      wordScoreScale: 0.05,
    };
  }

  it("adds the model's mean word score over the words that have a row", () => {
    const model = embeddingModel();
    // "you" 0, "are" 0, "idiot" 120 ("such" and "an" have no row): mean 40, times 0.05 = 2.
    const extractor = extractFeatures(createFeatureExtractor(space), "You are such an IDIOT");
    expect(extractor.embeddedCount).toBe(3);
    expect(rawLogit(model, extractor)).toBeCloseTo(-1 + 2, 12);
    const scored = scoreText(model, "You are such an IDIOT");
    expect(scored.score).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(scoreText(model, "such a lovely day").score).toBeCloseTo(1 / (1 + Math.exp(1)), 12);
  });

  it("scores the same in a set with other models of the space as alone", () => {
    const other = { ...embeddingModel([10, -20, 30, -40, 50]), name: "hate-en", category: "hate" as const };
    const set = buildClassifierSet("en", [embeddingModel(), other]);
    for (const text of ["you are great", "stupid stupid idiot", "nothing here", ""]) {
      const together = scoreWithSet(set, text);
      expect(together.toxic?.score).toBeCloseTo(scoreText(embeddingModel(), text).score, 12);
      expect(together.hate?.score).toBeCloseTo(scoreText(other, text).score, 12);
    }
  });

  it("credits each word with its share of the mean in an explanation", () => {
    const text = "you stupid idiot, you are great";
    const result = scoreText(embeddingModel(), text, { explain: "always" });
    // Six words with a row: "idiot" 120 / 6 × 0.05 = 1.0, "stupid" 100 / 6 × 0.05 ≈ 0.83.
    expect(result.spans.map((span) => [text.slice(span.start, span.end), span.detail])).toEqual([
      ["idiot", '"idiot" +1.00'],
      ["stupid", '"stupid" +0.83'],
    ]);
  });
});
