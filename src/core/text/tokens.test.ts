import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText } from "./normalize.ts";
import { tokenize } from "./tokens.ts";

describe("tokenize", () => {
  it.each([
    ["Störung bei Nordwind!", ["stoerung", "bei", "nordwind"]],
    ["e-mail, 24/7", ["e", "mail", "24", "7"]],
    ["don't", ["don", "t"]],
    ["  ", []],
    ["Преступление 123", ["преступление", "123"]],
  ])("splits %j into %j", (text, words) => {
    expect(tokenize(text).map((token) => token.text)).toEqual(words);
  });

  it("keeps offsets into the original string when folding makes a word longer", () => {
    const text = "Die Straße ist gesperrt";
    const [, street, is] = tokenize(text);
    expect(street).toEqual({ text: "strasse", start: 4, end: 10 });
    expect(text.slice(street?.start, street?.end)).toBe("Straße");
    expect(is).toMatchObject({ text: "ist", start: 11, end: 14 });
  });

  it("marks hashtags and mentions and leaves the sign out of the word", () => {
    expect(tokenize("#Bahnstreik @nordwind_mobil heute")).toEqual([
      { text: "bahnstreik", start: 1, end: 11, prefix: "#" },
      { text: "nordwind_mobil", start: 13, end: 27, prefix: "@" },
      { text: "heute", start: 28, end: 33 },
    ]);
  });

  it("finds no mention inside an e-mail address", () => {
    expect(tokenize("max@example.de").map((token) => token.prefix)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("keeps a decomposed umlaut inside its word", () => {
    expect(tokenize("Mu\u0308ller kommt").map((token) => token.text)).toEqual(["mueller", "kommt"]);
  });

  it("gives offsets that slice the original text to something that folds to the token", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        for (const token of tokenize(text)) {
          expect(token.start).toBeGreaterThanOrEqual(0);
          expect(token.end).toBeLessThanOrEqual(text.length);
          expect(foldText(text.slice(token.start, token.end))).toBe(token.text);
          if (token.prefix) expect(text[token.start - 1]).toBe(token.prefix);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same words for German text whatever its case", () => {
    const germanText = fc.string({ unit: fc.constantFrom(..."aäbdeginoöprsßtuüwzAÄÖÜ #@.,-") });
    fc.assert(
      fc.property(germanText, (text) => {
        const words = (value: string) => tokenize(value).map((token) => [token.text, token.prefix]);
        expect(words(text.toUpperCase())).toEqual(words(text.toLowerCase()));
      }),
    );
  });
});
