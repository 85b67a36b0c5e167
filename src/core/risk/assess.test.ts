import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assessPost,
  combineThreat,
  createRiskEngine,
  onRuleScale,
  othersOnly,
  priorityOf,
  type RiskEngine,
} from "./assess.ts";
import { loadModels } from "./classify/classify.load.ts";
import { classifiedCategories } from "./classify/classify.schema.ts";
import { type RiskCategory, type RiskResult, riskCategories } from "./risk.types.ts";

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

describe("combineThreat: the rules and the learned threat model", () => {
  const span = (start: number, end: number, reason: string) => ({ start, end, reason });
  const rules = (score: number) => ({
    score,
    flagged: score >= 0.5,
    spans: score > 0 ? [span(0, 5, "threat.kill")] : [],
  });
  const learned = (score: number, threshold: number) => ({
    score,
    flagged: score >= threshold,
    spans: score >= threshold ? [span(3, 8, "model.threat"), span(10, 14, "model.threat")] : [],
  });

  it("maps the model's threshold onto the rules' 0.5, so one score flags either way", () => {
    expect(combineThreat(rules(0), learned(0.6, 0.6), 0.6)).toMatchObject({ score: 0.5, flagged: true });
    expect(combineThreat(rules(0), learned(0.3, 0.6), 0.6)).toMatchObject({ score: 0.25, flagged: false });
    expect(combineThreat(rules(0), learned(0.8, 0.6), 0.6)).toMatchObject({ score: 0.75, flagged: true });
    expect(combineThreat(rules(0), learned(1, 0.6), 0.6).score).toBe(1);
  });

  it("keeps the rules' verdict where it is the surer one, and their spans first", () => {
    expect(combineThreat(rules(0.9), learned(0.7, 0.6), 0.6)).toEqual(rules(0.9));
    const both = combineThreat(rules(0.3), learned(0.9, 0.6), 0.6);
    expect(both.flagged).toBe(true);
    // The model's first span overlaps the rule's and is dropped; its second one is kept.
    expect(both.spans).toEqual([span(0, 5, "threat.kill"), span(10, 14, "model.threat")]);
  });

  it("is the rules alone without a model or with a zero score", () => {
    expect(combineThreat(rules(0.6), undefined, 0.5)).toEqual(rules(0.6));
    expect(combineThreat(rules(0), learned(0, 0.6), 0.6)).toEqual(rules(0));
  });

  it("is flagged exactly when one of the two is, for any scores (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (r, m, t) => {
          const result = combineThreat(rules(r), learned(m, t), t);
          expect(result.flagged).toBe(rules(r).flagged || learned(m, t).flagged);
          expect(result.score).toBeGreaterThanOrEqual(r);
          expect(result.score).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("priorityOf: learned scores read against their model's threshold", () => {
  const none = Object.fromEntries(
    riskCategories.map((category): [RiskCategory, RiskResult] => [
      category,
      { score: 0, flagged: false, spans: [] },
    ]),
  ) as Record<RiskCategory, RiskResult>;
  const risks = (changes: Partial<Record<RiskCategory, RiskResult>>) => ({ ...none, ...changes });

  it("ranks a complaint just over its threshold above a question the rules flag at 0.6", () => {
    const complaint = risks({ complaint: { score: 0.38, flagged: true, spans: [] } });
    const question = risks({ opportunity_question: { score: 0.6, flagged: true, spans: [] } });
    const thresholds = { complaint: 0.33 };
    expect(priorityOf(complaint, thresholds)).toBeGreaterThan(priorityOf(question, thresholds));
    // Read as raw probabilities, as before, the question came first.
    expect(priorityOf(complaint)).toBeLessThan(priorityOf(question));
  });

  it("maps a threshold to 0.5 and keeps the order of scores (property)", () => {
    expect(onRuleScale(0.33, 0.33)).toBe(0.5);
    expect(onRuleScale(1, 0.33)).toBe(1);
    expect(onRuleScale(0, 0.33)).toBe(0);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (a, b, t) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(onRuleScale(low, t)).toBeLessThanOrEqual(onRuleScale(high, t));
          expect(onRuleScale(a, t) >= 0.5).toBe(a >= t);
        },
      ),
    );
  });
});
