import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { assessPost, createRiskEngine, type RiskEngine } from "./assess.ts";
import { loadModels } from "./classify/classify.load.ts";
import { classifiedCategories } from "./classify/classify.schema.ts";

const modelsDir = fileURLToPath(new URL("../../../models", import.meta.url));
const inputs = {
  org: { brandNames: ["Nordwind"], domains: [], officialAccounts: [], executives: [], watchlist: [] },
};

describe("assessPost: learned spans in the original text", () => {
  let engine: RiskEngine;
  beforeAll(async () => {
    engine = createRiskEngine(await loadModels(modelsDir));
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
