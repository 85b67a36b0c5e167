import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negatorClass, wordHash } from "./classify.features.ts";
import { testEmbeddingFile, testPolarityFile } from "./classify.fixture.ts";
import { type ClassifierModels, loadModels } from "./classify.load.ts";
import { embeddingDigest, polarityDigest } from "./classify.model.ts";
import { scoreText, scoreWithSet } from "./classify.score.ts";
import { buildLanguageClassifiers, classifiersForLanguage } from "./classify.select.ts";

const modelsDir = fileURLToPath(new URL("../../../../models", import.meta.url));

describe("the trained models in models/", () => {
  let models: ClassifierModels;
  let loadMs = 0;
  beforeAll(async () => {
    const started = performance.now();
    models = await loadModels(modelsDir);
    loadMs = performance.now() - started;
  });

  it("loads all twelve models in well under a second", () => {
    expect(Object.keys(models).sort()).toEqual([
      "complaint-de",
      "complaint-en",
      "fact_claim-de",
      "fact_claim-en",
      "hate-de",
      "hate-en",
      "negative-de",
      "negative-en",
      "threat-de",
      "threat-en",
      "toxic-de",
      "toxic-en",
    ]);
    expect(loadMs).toBeLessThan(1000);
  });

  it.each([
    [
      "toxic-de",
      "Halt die Fresse, du dummes Arschloch!",
      "Vielen Dank für die schnelle Hilfe, schönen Abend noch!",
    ],
    [
      "toxic-en",
      "@USER shut up you stupid fucking idiot",
      "Thanks so much for the quick help, have a lovely evening!",
    ],
    [
      "negative-de",
      "Das ist einfach nur traurig und schlecht, ich bin total enttäuscht.",
      "Was für ein schöner Tag, ich freue mich sehr!",
    ],
    ["negative-en", "This is terrible, I hate it and I am so angry.", "What a wonderful day, I love it!"],
    [
      "threat-de",
      "Ich weiß, wo dein Sachbearbeiter wohnt. Nächste Woche steh ich mit nem Messer vor seiner Tür.",
      "Danke an den Sachbearbeiter, nächste Woche bring ich die Unterlagen vorbei.",
    ],
    [
      "threat-en",
      "I know where your manager lives. Next week I'm turning up at his door with a knife.",
      "Thanks to your manager, next week I'll drop the paperwork off at the branch.",
    ],
    [
      "complaint-en",
      "@VerizonSupport my internet has been down for 3 days and nobody answers, worst service ever",
      "@VerizonSupport thank you, all sorted now!",
    ],
    [
      "complaint-de",
      "Ich warte seit zwei Wochen auf meine Lieferung, keine Antwort vom Kundenservice. Eine Zumutung!",
      "Danke, Paket ist heute gut angekommen.",
    ],
    [
      "fact_claim-en",
      "According to the report, unemployment rose by 12 percent in 2023.",
      "I love this song so much",
    ],
  ])("%s flags %j and not %j", (name, positive, negative) => {
    const model = models[name];
    if (!model) throw new Error(`missing ${name}`);
    const flagged = scoreText(model, positive);
    expect(flagged.flagged).toBe(true);
    expect(flagged.spans.length).toBeGreaterThan(0);
    for (const span of flagged.spans) expect(span.reason).toBe(`model.${model.category}`);
    expect(scoreText(model, negative).flagged).toBe(false);
  });

  it("scores the German models in one space with the polarity list, the English ones with the embedding", () => {
    const german = ["toxic-de", "hate-de", "negative-de", "complaint-de", "fact_claim-de", "threat-de"];
    const english = ["toxic-en", "hate-en", "negative-en", "complaint-en", "fact_claim-en", "threat-en"];
    const lists = new Set(german.map((name) => models[name]?.features.polarity));
    expect(lists.size).toBe(1);
    expect([...lists][0]?.name).toBe("polarity-de");
    const vocabularies = new Set(english.map((name) => models[name]?.features.embedding));
    expect(vocabularies.size).toBe(1);
    expect([...vocabularies][0]?.name).toBe("embedding-en");
    expect([...vocabularies][0]?.size).toBeGreaterThan(10_000);
    for (const name of german) expect(models[name]?.features.embedding).toBeUndefined();
    for (const name of english) {
      const model = models[name];
      expect(model?.features.polarity).toBeUndefined();
      if (model?.kind === "linear") expect(model.wordScores.length).toBe([...vocabularies][0]?.size);
    }
  });

  it("scores a post with every classifier of its language and English for other languages", () => {
    const classifiers = buildLanguageClassifiers(models);
    const scores = scoreWithSet(classifiersForLanguage(classifiers, "de"), "Du bist so ein Vollidiot!");
    expect(Object.keys(scores).sort()).toEqual([
      "complaint",
      "fact_claim",
      "hate",
      "negative",
      "threat",
      "toxic",
    ]);
    expect(scores.toxic?.flagged).toBe(true);
    expect(classifiersForLanguage(classifiers, "other")).toBe(classifiers.en);
  });
});

// A small feature space and a linear model file in it, for model folders written by the tests below.
const space = { hashBits: 8, charMin: 2, charMax: 3, wordBigrams: true, seed: 7 };

function linearModelFile(
  name: string,
  features: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const [category, lang] = name.split("-");
  return {
    format: 1,
    kind: "linear",
    name,
    category,
    lang,
    features: { ...space, ...features },
    bias: 0,
    calibration: { slope: 1, intercept: 0 },
    threshold: 0.5,
    weightScale: 0.1,
    weightsFile: `${name}.bin`,
    ...extra,
    metadata: {},
  };
}

/** A model folder in a temporary folder of its own, with one weights file and the given JSON files. */
function modelFolders(prefix: string) {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return async (weights: [string, Uint8Array], files: Record<string, unknown>) => {
    const at = await mkdtemp(join(dir, "m-"));
    await writeFile(join(at, weights[0]), weights[1]);
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(at, name), typeof content === "string" ? content : JSON.stringify(content));
    }
    return at;
  };
}

describe("loadModels with a polarity list", () => {
  const polarityFile = testPolarityFile;
  const modelFile = (polarity: unknown) => linearModelFile("negative-de", { polarity });
  const folders = modelFolders("bw-polarity-");
  const folder = (files: Record<string, unknown>) => folders(["negative-de.bin", new Uint8Array(256)], files);
  const digest = polarityDigest(polarityFile);

  it("resolves the list a model was trained with into its feature space", async () => {
    const models = await loadModels(
      await folder({
        "polarity-de.json": polarityFile,
        "negative-de.json": modelFile({ name: "polarity-de", digest }),
      }),
    );
    const polarity = models["negative-de"]?.features.polarity;
    expect(polarity?.name).toBe("polarity-de");
    expect(polarity?.weight).toBe(3);
    expect(polarity?.classOf.get(wordHash(space, "gut"))).toBe(3);
    expect(polarity?.classOf.get(wordHash(space, "nicht"))).toBe(negatorClass);
  });

  it("refuses a model whose list is missing or another version, naming the files", async () => {
    await expect(
      loadModels(await folder({ "negative-de.json": modelFile({ name: "polarity-de", digest }) })),
    ).rejects.toThrow("negative-de: its feature space needs polarity-de.json, which is not there");
    await expect(
      loadModels(
        await folder({
          "polarity-de.json": { ...polarityFile, negative: ["langsam", "teuer"] },
          "negative-de.json": modelFile({ name: "polarity-de", digest }),
        }),
      ),
    ).rejects.toThrow(`negative-de: trained with polarity-de ${digest}, but polarity-de.json is`);
  });

  it("refuses a broken list, naming the file and the field or word", async () => {
    const model = modelFile({ name: "polarity-de", digest });
    await expect(
      loadModels(await folder({ "polarity-de.json": "{ nope", "negative-de.json": model })),
    ).rejects.toThrow(/^polarity-de\.json: not JSON/);
    await expect(
      loadModels(
        await folder({ "polarity-de.json": { ...polarityFile, weight: -1 }, "negative-de.json": model }),
      ),
    ).rejects.toThrow("polarity-de.json: weight");
    await expect(
      loadModels(
        await folder({
          "polarity-de.json": { ...polarityFile, positive: ["sehr gut"] },
          "negative-de.json": model,
        }),
      ),
    ).rejects.toThrow('polarity-de: "sehr gut" is not one word as the feature extractor splits text');
  });
});

describe("loadModels with an embedding vocabulary", () => {
  const digest = embeddingDigest(testEmbeddingFile);
  const rows = testEmbeddingFile.words.length;
  const modelFile = (embedding: unknown, wordScoreScale: number | null = 0.05) =>
    linearModelFile("toxic-en", { embedding }, wordScoreScale === null ? {} : { wordScoreScale });
  const folders = modelFolders("bw-embedding-");
  // 256 weights, then the word scores -20, -10, 0, 10, 20 (as many as fit).
  const folder = (files: Record<string, unknown>, weightBytes = 256 + rows) => {
    const bytes = new Int8Array(weightBytes);
    for (let row = 0; row < rows && 256 + row < weightBytes; row++) bytes[256 + row] = row * 10 - 20;
    return folders(["toxic-en.bin", new Uint8Array(bytes.buffer)], files);
  };

  it("reads the word scores after the weights and resolves the vocabulary into the feature space", async () => {
    const models = await loadModels(
      await folder({
        "embedding-en.json": testEmbeddingFile,
        "toxic-en.json": modelFile({ name: "embedding-en", digest }),
      }),
    );
    const model = models["toxic-en"];
    if (model?.kind !== "linear") throw new Error("not loaded");
    expect(model.weights.length).toBe(256);
    expect(Array.from(model.wordScores)).toEqual([-20, -10, 0, 10, 20]);
    expect(model.wordScoreScale).toBe(0.05);
    expect(model.features.embedding?.rowOf.get(wordHash(space, "idiot"))).toBe(2);
    expect(model.features.embedding?.size).toBe(rows);
  });

  it("refuses a model whose vocabulary is missing or another version, or whose scores do not fit it", async () => {
    const model = modelFile({ name: "embedding-en", digest });
    await expect(loadModels(await folder({ "toxic-en.json": model }))).rejects.toThrow(
      "toxic-en: its feature space needs embedding-en.json, which is not there",
    );
    await expect(
      loadModels(
        await folder({
          "embedding-en.json": { ...testEmbeddingFile, words: ["you", "are", "idiot", "great", "dumb"] },
          "toxic-en.json": model,
        }),
      ),
    ).rejects.toThrow(`toxic-en: trained with embedding-en ${digest}, but embedding-en.json is`);
    await expect(
      loadModels(await folder({ "embedding-en.json": testEmbeddingFile, "toxic-en.json": model }, 256)),
    ).rejects.toThrow("toxic-en: weights file has 256 bytes, expected 261 (256 weights and 5 word scores)");
    await expect(
      loadModels(
        await folder({
          "embedding-en.json": testEmbeddingFile,
          "toxic-en.json": modelFile({ name: "embedding-en", digest }, null),
        }),
      ),
    ).rejects.toThrow("toxic-en: wordScoreScale missing (its feature space has embedding-en)");
  });

  it("refuses a broken vocabulary, naming the file and the field or word", async () => {
    const model = modelFile({ name: "embedding-en", digest });
    await expect(
      loadModels(
        await folder({ "embedding-en.json": { ...testEmbeddingFile, words: [] }, "toxic-en.json": model }),
      ),
    ).rejects.toThrow("embedding-en.json: words");
    await expect(
      loadModels(
        await folder({
          "embedding-en.json": { ...testEmbeddingFile, words: ["you", "You"] },
          "toxic-en.json": model,
        }),
      ),
    ).rejects.toThrow('embedding-en: words.1 "You" is listed twice');
    await expect(
      loadModels(
        await folder({
          "embedding-en.json": { ...testEmbeddingFile, words: ["you", "thank you"] },
          "toxic-en.json": model,
        }),
      ),
    ).rejects.toThrow('embedding-en: "thank you" is not one word as the feature extractor splits text');
  });
});
