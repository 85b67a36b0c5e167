import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { excerpt } from "./excerpt.ts";

describe("excerpt", () => {
  it("keeps a short text, on one line, and cuts a long one with an ellipsis", () => {
    expect(excerpt("  Netz\n weg  ")).toBe("Netz weg");
    expect(excerpt("a".repeat(200), 160)).toBe(`${"a".repeat(160)}…`);
    expect(excerpt("👍👍👍", 3)).toBe("👍…");
  });

  it("keeps the text on one line and never splits a surrogate pair", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (text, max) => {
          const out = excerpt(text, max);
          expect(out).not.toMatch(/[\r\n]/u);
          expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
          expect([...out].length).toBeLessThanOrEqual(max + 1);
        },
      ),
    );
  });
});
