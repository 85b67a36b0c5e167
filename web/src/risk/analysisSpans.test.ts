import { describe, expect, it } from "vitest";
import { RiskCategory } from "../../../src/posts/posts.schema.ts";
import type { AnalysisRead } from "../../../src/risk/risk.schema.ts";
import { flaggedSpans } from "./analysisSpans.ts";

/** Every category unflagged, as the engine answers for a harmless text. */
function quietRisks(): AnalysisRead["risks"] {
  const risks: Partial<AnalysisRead["risks"]> = {};
  for (const c of RiskCategory.options) risks[c] = { score: 0.01, flagged: false, spans: [] };
  return risks as AnalysisRead["risks"];
}

describe("flaggedSpans", () => {
  it("keeps only flagged categories and tags each span with its category", () => {
    const result = flaggedSpans({
      lang: "de",
      priority: 0.8,
      risks: {
        ...quietRisks(),
        leak_pii: { score: 0.97, flagged: true, spans: [{ start: 12, end: 39, reason: "pii.iban" }] },
        complaint: { score: 0.2, flagged: false, spans: [{ start: 0, end: 5, reason: "model.complaint" }] },
        leak_confidential: {
          score: 0.9,
          flagged: true,
          spans: [{ start: 44, end: 52, reason: "watchlist", detail: "Projekt Möwe" }],
        },
      },
    });
    expect(result.flags).toEqual(["leak_pii", "leak_confidential"]);
    expect(result.spans).toEqual([
      { category: "leak_pii", start: 12, end: 39, reason: "pii.iban" },
      { category: "leak_confidential", start: 44, end: 52, reason: "watchlist", detail: "Projekt Möwe" },
    ]);
  });
});
