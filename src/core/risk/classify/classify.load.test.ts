import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type ClassifierModels, loadModels } from "./classify.load.ts";
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

  it("scores a post with every classifier of its language and English for other languages", () => {
    const classifiers = buildLanguageClassifiers(models);
    const scores = scoreWithSet(classifiersForLanguage(classifiers, "de"), "Du bist so ein Vollidiot!");
    expect(Object.keys(scores).sort()).toEqual(["complaint", "fact_claim", "hate", "negative", "toxic"]);
    expect(scores.toxic?.flagged).toBe(true);
    expect(classifiersForLanguage(classifiers, "other")).toBe(classifiers.en);
  });
});
