import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { negatorClass, wordHash } from "./classify.features.ts";
import { testPolarityFile } from "./classify.fixture.ts";
import { type ClassifierModels, loadModels } from "./classify.load.ts";
import { polarityDigest } from "./classify.model.ts";
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

  it("loads all ten models in well under a second", () => {
    expect(Object.keys(models).sort()).toEqual([
      "complaint-de",
      "complaint-en",
      "fact_claim-de",
      "fact_claim-en",
      "hate-de",
      "hate-en",
      "negative-de",
      "negative-en",
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

  it("scores the German models in one space with the polarity list, the English ones without", () => {
    const german = ["toxic-de", "hate-de", "negative-de", "complaint-de", "fact_claim-de"];
    const lists = new Set(german.map((name) => models[name]?.features.polarity));
    expect(lists.size).toBe(1);
    expect([...lists][0]?.name).toBe("polarity-de");
    for (const name of ["toxic-en", "hate-en", "negative-en", "complaint-en", "fact_claim-en"]) {
      expect(models[name]?.features.polarity).toBeUndefined();
    }
  });

  it("scores a post with every classifier of its language and English for other languages", () => {
    const classifiers = buildLanguageClassifiers(models);
    const scores = scoreWithSet(classifiersForLanguage(classifiers, "de"), "Du bist so ein Vollidiot!");
    expect(Object.keys(scores).sort()).toEqual(["complaint", "fact_claim", "hate", "negative", "toxic"]);
    expect(scores.toxic?.flagged).toBe(true);
    expect(classifiersForLanguage(classifiers, "other")).toBe(classifiers.en);
  });
});

describe("loadModels with a polarity list", () => {
  const polarityFile = testPolarityFile;
  const space = { hashBits: 8, charMin: 2, charMax: 3, wordBigrams: true, seed: 7 };
  const modelFile = (polarity: unknown) => ({
    format: 1,
    kind: "linear",
    name: "negative-de",
    category: "negative",
    lang: "de",
    features: { ...space, polarity },
    bias: 0,
    calibration: { slope: 1, intercept: 0 },
    threshold: 0.5,
    weightScale: 0.1,
    weightsFile: "negative-de.bin",
    metadata: {},
  });
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "bw-polarity-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const folder = async (files: Record<string, unknown>) => {
    const at = await mkdtemp(join(dir, "m-"));
    await writeFile(join(at, "negative-de.bin"), new Uint8Array(256));
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(at, name), typeof content === "string" ? content : JSON.stringify(content));
    }
    return at;
  };
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
