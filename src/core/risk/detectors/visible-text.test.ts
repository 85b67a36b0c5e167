import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  foldVisibleText,
  mayNeedCleaning,
  needsCleaningPattern,
  prepareVisibleText,
} from "./visible-text.ts";

describe("prepareVisibleText", () => {
  it.each([
    ["i\u200Bdiot", "idiot"],
    ["i\u00ADdi\u2060o\uFEFFt", "idiot"],
    ["ⓘⓓⓘⓞⓣ", "idiot"],
    ["ｉｄｉｏｔ", "idiot"],
    ["𝐢𝐝𝐢𝐨𝐭", "idiot"],
    ["\u202Etoidi\u202C!", "idiot!"],
    ["\u2066idiot\u2069", "idiot"],
    ["e\u0301", "é"],
    ["i\uFE0Fdiot", "idiot"],
  ])("shows %j as %j", (input, shown) => {
    expect(prepareVisibleText(input).text).toBe(shown);
  });

  it("keeps at most two combining marks per letter", () => {
    const zalgo = "z\u0337\u0328\u031B\u0334\u0335a\u0338\u0336";
    const visible = prepareVisibleText(zalgo).text;
    expect(
      [...visible.normalize("NFD")].filter((character) => /\p{M}/u.test(character)).length,
    ).toBeLessThanOrEqual(4);
    expect(visible.normalize("NFD").replace(/\p{M}/gu, "")).toBe("za");
  });

  it("maps a word hidden with zero-width spaces back to its span in the original", () => {
    const original = "Du bist ein i\u200Bd\u200Bi\u200Bo\u200Bt!";
    const visible = prepareVisibleText(original);
    const at = visible.text.indexOf("idiot");
    const span = visible.toOriginalSpan(at, at + 5);
    expect(original.slice(span.start, span.end)).toBe("i\u200Bd\u200Bi\u200Bo\u200Bt");
  });

  it("maps a word reversed by a right-to-left override to the original characters", () => {
    const original = "ok \u202Etoidi\u202C ok";
    const visible = prepareVisibleText(original);
    const at = visible.text.indexOf("idiot");
    const span = visible.toOriginalSpan(at, at + 5);
    expect(original.slice(span.start, span.end)).toBe("toidi");
    expect(visible.hadBidiOverride).toBe(true);
  });

  it("maps NFKC expansions to the character they came from", () => {
    const original = "x ﬁle y";
    const visible = prepareVisibleText(original);
    expect(visible.text).toBe("x file y");
    expect(visible.toOriginalSpan(2, 6)).toEqual({ start: 2, end: 5 });
  });

  it("returns plain ASCII unchanged", () => {
    const visible = prepareVisibleText("Hallo Welt");
    expect(visible.text).toBe("Hallo Welt");
    expect(visible.toOriginalSpan(6, 10)).toEqual({ start: 6, end: 10 });
  });

  it.each([["\uD800"], ["a\uDC00b"], ["😀😀🎉"], [""], ["\u0301\u0301\u0301"], ["a".repeat(1_000_000)]])(
    "does not throw on %#",
    (input) => {
      expect(() => foldVisibleText(prepareVisibleText(input))).not.toThrow();
    },
  );
});

describe("foldVisibleText", () => {
  it("folds umlauts and case and keeps offsets into the original", () => {
    const original = "GROẞE Grüße";
    const folded = foldVisibleText(prepareVisibleText(original));
    expect(folded.text).toBe("grosse gruesse");
    const at = folded.text.indexOf("gruesse");
    const span = folded.toOriginalSpan(at, at + 7);
    expect(original.slice(span.start, span.end)).toBe("Grüße");
  });
});

describe("mayNeedCleaning", () => {
  it("answers what the cleaning pattern answers, for any text", () => {
    const pieces = fc.constantFrom(
      "a",
      "ä",
      "ß",
      "€",
      "“",
      "–",
      "…",
      "😀",
      "👍🏽",
      "1",
      "\ufe0f",
      "\u20e3",
      "\u0301",
      "\u0301\u0301\u0301",
      "\u200b",
      "\u00ad",
      "\u202e",
      "\ud83c",
      "\udc00",
      "\u{e0041}",
      "\u180b",
      "é",
      "\u3164",
      " ",
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string({ maxLength: 2, unit: "binary" })), { maxLength: 12 }),
        (parts) => {
          const text = parts.join("");
          expect(mayNeedCleaning(text)).toBe(needsCleaningPattern.test(text));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
