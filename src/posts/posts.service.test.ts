import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { riskCategories } from "../core/risk/risk.types.ts";
import { storedCategories } from "./posts.service.ts";

const span = { start: 4, end: 11, reason: "model.toxic", detail: '"Idioten" +0.93' };

describe("storedCategories", () => {
  it("keeps what scored, was flagged or has spans, with scores to four decimals, and drops the rest", () => {
    const stored = storedCategories({
      toxic: { score: 0.9312345678901234, flagged: true, spans: [span] },
      negative: { score: 0.2151987372762722, flagged: false, spans: [] },
      opportunity_question: {
        score: 0.3,
        flagged: false,
        spans: [{ start: 54, end: 55, reason: "question.mark" }],
      },
      scam: { score: 0, flagged: false, spans: [] },
      leak_pii: { score: 0, flagged: false, spans: [] },
      threat: { score: 0.00001, flagged: false, spans: [] },
    });
    expect(stored).toEqual({
      toxic: { score: 0.9312, flagged: true, spans: [span] },
      negative: { score: 0.2152, flagged: false, spans: [] },
      opportunity_question: {
        score: 0.3,
        flagged: false,
        spans: [{ start: 54, end: 55, reason: "question.mark" }],
      },
      threat: { score: 0, flagged: false, spans: [] },
    });
  });

  it("keeps every flag and every span of any verdict (property)", () => {
    const result = fc.record({
      score: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
      flagged: fc.boolean(),
      spans: fc.array(fc.record({ start: fc.nat(500), end: fc.nat(500), reason: fc.string() }), {
        maxLength: 3,
      }),
    });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...riskCategories), result), (categories) => {
        const stored = storedCategories(categories);
        for (const [category, r] of Object.entries(categories)) {
          const kept = stored[category];
          if (r.flagged || r.spans.length > 0 || r.score > 0) {
            expect(kept?.flagged).toBe(r.flagged);
            expect(kept?.spans).toEqual(r.spans);
            expect(Math.abs((kept?.score ?? -1) - r.score)).toBeLessThanOrEqual(0.00005);
          } else expect(kept).toBeUndefined();
        }
        expect(Object.keys(stored).every((c) => c in categories)).toBe(true);
      }),
    );
  });
});
