import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { highlightSegments } from "./highlight.ts";

describe("highlightSegments", () => {
  it("marks the spans of findings and leaves the rest plain", () => {
    const text = "Wir erstatten Ihnen alles kostenlos.";
    expect(
      highlightSegments(text, [
        {
          code: "legal_approval",
          spans: [
            { start: 4, end: 13 },
            { start: 26, end: 35 },
          ],
        },
      ]),
    ).toEqual([
      { text: "Wir ", codes: [] },
      { text: "erstatten", codes: ["legal_approval"] },
      { text: " Ihnen alles ", codes: [] },
      { text: "kostenlos", codes: ["legal_approval"] },
      { text: ".", codes: [] },
    ]);
  });

  it("carries every code where spans overlap", () => {
    expect(
      highlightSegments("abcdef", [
        { code: "a", spans: [{ start: 1, end: 4 }] },
        { code: "b", spans: [{ start: 3, end: 5 }] },
      ]),
    ).toEqual([
      { text: "a", codes: [] },
      { text: "bc", codes: ["a"] },
      { text: "d", codes: ["a", "b"] },
      { text: "e", codes: ["b"] },
      { text: "f", codes: [] },
    ]);
  });

  it("always joins back into the text, whatever the spans", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(
          fc.record({ start: fc.integer({ min: -3, max: 50 }), end: fc.integer({ min: -3, max: 50 }) }),
        ),
        (text, spans) => {
          const segments = highlightSegments(text, [{ code: "x", spans }]);
          expect(segments.map((s) => s.text).join("")).toBe(text);
          expect(segments.every((s) => s.text.length > 0)).toBe(true);
        },
      ),
    );
  });
});
