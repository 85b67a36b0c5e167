import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText } from "./normalize.ts";

describe("foldText", () => {
  it.each([
    ["Müller", "mueller"],
    ["Mueller", "mueller"],
    ["MÜLLER", "mueller"],
    ["MUELLER", "mueller"],
    ["Straße", "strasse"],
    ["STRASSE", "strasse"],
    ["GROẞE", "grosse"],
    ["Gebühren", "gebuehren"],
    ["Öffnungszeiten", "oeffnungszeiten"],
    ["Ärger", "aerger"],
    ["Café", "cafe"],
    ["naïve", "naive"],
    ["Łódź", "lodz"],
    ["Ørsted", "orsted"],
    ["ﬁnanz", "finanz"],
    ["Ｎｏｒｄｗｉｎｄ", "nordwind"],
    ["Mu\u0308ller", "mueller"],
  ])("folds %s to %s", (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it("folds the three German spellings of a name to the same text", () => {
    expect(new Set(["Müller", "Mueller", "MÜLLER"].map(foldText)).size).toBe(1);
  });

  it("is idempotent on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const once = foldText(text);
        expect(foldText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it("is idempotent on German and European text", () => {
    const letters = fc.constantFrom(..."aäbcdeéfghijklłmnoöøpqrsßtuüvwxyzAÄÖÜẞÉ -");
    fc.assert(
      fc.property(fc.string({ unit: letters }), (text) => {
        expect(foldText(foldText(text))).toBe(foldText(text));
      }),
    );
  });
});
