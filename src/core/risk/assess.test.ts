import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { assessPost, createRiskEngine, othersOnly, type RiskEngine } from "./assess.ts";
import { loadModels } from "./classify/classify.load.ts";
import { classifiedCategories } from "./classify/classify.schema.ts";

const modelsDir = fileURLToPath(new URL("../../../models", import.meta.url));
const inputs = {
  org: { brandNames: ["Nordwind"], domains: [], officialAccounts: [], executives: [], watchlist: [] },
};

/**
 * The shipped models with fact_claim-en replaced by a small word list in the same feature space that weighs
 * numbers: the span tests need an explanation that marks "¼" and "½", whatever the shipped model learnt.
 */
async function modelsMarkingNumbers() {
  const dir = mkdtempSync(join(tmpdir(), "brandwache-models-"));
  for (const file of readdirSync(modelsDir)) {
    if (file !== "fact_claim-en.json") symlinkSync(join(modelsDir, file), join(dir, file));
  }
  const shipped = JSON.parse(readFileSync(join(modelsDir, "fact_claim-en.json"), "utf8"));
  const lexicon = {
    format: 1,
    kind: "lexicon",
    name: "fact_claim-en",
    category: "fact_claim",
    lang: "en",
    features: shipped.features,
    bias: -3,
    calibration: { slope: 1, intercept: 0 },
    threshold: 0.5,
    metadata: {},
    terms: [
      ["0", 1.5],
      ["lied", 1],
      ["fact", 1.5],
    ],
  };
  writeFileSync(join(dir, "fact_claim-en.json"), JSON.stringify(lexicon));
  try {
    return await loadModels(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("assessPost: learned spans in the original text", () => {
  let engine: RiskEngine;
  beforeAll(async () => {
    engine = createRiskEngine(await modelsMarkingNumbers());
  });

  it("marks a character once when its visible form is two words ('¼' reads '1⁄4')", () => {
    const text = "They lied: ½ of all users lost data, ¼ of them for good. 100% fact.";
    const spans = assessPost(engine, { text }, inputs).risks.fact_claim.spans;
    const marked = spans.map((span) => text.slice(span.start, span.end));
    expect(marked).toContain("¼");
    expect(marked.filter((part) => part === "¼")).toHaveLength(1);
    expect(marked.filter((part) => part === "½")).toHaveLength(1);
  });

  it("never gives a learned result two overlapping spans", () => {
    const pieces = ["¼", "½", "ﬁ", "Ⅻ", "㎏", " ", "100", "Idiot", "lied", "Fakt", "du", "ß", "İ", "😡"];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string()), { maxLength: 12 }), (parts) => {
        const text = parts.join(" ");
        const { risks } = assessPost(engine, { text }, inputs);
        for (const category of classifiedCategories) {
          const spans = risks[category].spans;
          spans.forEach((span, i) => {
            expect(span.start).toBeLessThan(span.end);
            expect(span.end).toBeLessThanOrEqual(text.length);
            for (const other of spans.slice(i + 1)) {
              expect(span.start < other.end && other.start < span.end).toBe(false);
            }
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("assessPost: the organisation's own posts", () => {
  let engine: RiskEngine;
  beforeAll(async () => {
    engine = createRiskEngine(await loadModels(modelsDir));
  });
  const org = { ...inputs.org, officialAccounts: [{ handle: "nordwind_hilfe" }] };

  it("are neither complaints nor chances to answer, whoever else wrote the same words", () => {
    const text =
      "Just spent over an hour on hold with Nordwind and then the line dropped. Can anyone help? Thanks, great service 👍";
    expect(othersOnly).toEqual(
      expect.arrayContaining(["complaint", "opportunity_question", "opportunity_praise"]),
    );
    const customer = assessPost(engine, { text, author: { handle: "kunde_42" } }, { org });
    expect(customer.risks.complaint.flagged).toBe(true);
    expect(customer.risks.opportunity_question.flagged).toBe(true);
    for (const own of [
      assessPost(engine, { text, author: { handle: "@Nordwind_Hilfe", platform: "x" } }, { org }),
      assessPost(engine, { text, direction: "outgoing" }, { org }),
    ]) {
      for (const category of othersOnly) {
        expect(own.risks[category]).toEqual({ score: 0, flagged: false, spans: [] });
      }
      expect(own.risks.negative).toEqual(customer.risks.negative);
      expect(own.priority).toBeLessThan(customer.priority);
    }
  });

  it("are still checked for every risk an own account can bring (a hacked account insulting people)", () => {
    const text = "Ihr seid alle Idioten, ich weiß wo ihr wohnt.";
    const own = assessPost(engine, { text, author: { handle: "nordwind_hilfe" } }, { org });
    expect(own.risks.toxic.flagged).toBe(true);
    expect(own.risks.threat.flagged).toBe(true);
  });
});
