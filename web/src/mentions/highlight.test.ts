import { describe, expect, it } from "vitest";
import { type HighlightSpan, segmentText } from "./highlight.ts";

function span(start: number, end: number, category: HighlightSpan["category"] = "complaint"): HighlightSpan {
  return { category, start, end, reason: "test.rule" };
}

/** The segments as `[text, categories]` pairs, which is what a reader sees. */
function view(text: string, spans: HighlightSpan[]) {
  return segmentText(text, spans).map((s) => [s.text, s.spans.map((x) => x.category)]);
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("segmentText", () => {
  it.each<[string, string, HighlightSpan[], (string | string[])[][]]>([
    ["no spans: one plain segment", "Alles gut bei Nordwind", [], [["Alles gut bei Nordwind", []]]],
    [
      "one span in the middle",
      "Die Hotline ist eine Katastrophe!",
      [span(21, 32)],
      [
        ["Die Hotline ist eine ", []],
        ["Katastrophe", ["complaint"]],
        ["!", []],
      ],
    ],
    ["a span covering the whole text", "Betrug!", [span(0, 7, "scam")], [["Betrug!", ["scam"]]]],
    [
      "overlapping spans of two categories",
      "Ihr seid Betrüger und Lügner",
      [span(9, 17, "defamation"), span(0, 28, "toxic")],
      [
        ["Ihr seid ", ["toxic"]],
        ["Betrüger", ["defamation", "toxic"]],
        [" und Lügner", ["toxic"]],
      ],
    ],
    [
      "spans that only partly overlap",
      "abcdefgh",
      [span(1, 5, "hate"), span(3, 7, "threat")],
      [
        ["a", []],
        ["bc", ["hate"]],
        ["de", ["hate", "threat"]],
        ["fg", ["threat"]],
        ["h", []],
      ],
    ],
    [
      "umlauts count as one UTF-16 unit each",
      "Kündigung älter",
      [span(0, 9)],
      [
        ["Kündigung", ["complaint"]],
        [" älter", []],
      ],
    ],
    [
      "an emoji inside a span stays whole",
      "Super 👍 Service",
      [span(6, 8, "opportunity_praise")],
      [
        ["Super ", []],
        ["👍", ["opportunity_praise"]],
        [" Service", []],
      ],
    ],
    [
      "a start between the halves of an emoji moves before it",
      "a😡b",
      [span(2, 4, "toxic")],
      [
        ["a", []],
        ["😡b", ["toxic"]],
      ],
    ],
    [
      "an end between the halves of an emoji moves after it",
      "a😡b",
      [span(0, 2, "toxic")],
      [
        ["a😡", ["toxic"]],
        ["b", []],
      ],
    ],
    [
      "offsets beyond the text are clamped",
      "kurz",
      [span(-5, 2, "negative"), span(3, 99, "threat")],
      [
        ["ku", ["negative"]],
        ["r", []],
        ["z", ["threat"]],
      ],
    ],
    ["empty and inverted spans are dropped", "Text", [span(2, 2), span(3, 1)], [["Text", []]]],
    [
      "adjacent spans do not merge",
      "abcd",
      [span(0, 2, "hate"), span(2, 4, "threat")],
      [
        ["ab", ["hate"]],
        ["cd", ["threat"]],
      ],
    ],
  ])("%s", (_name, text, spans, expected) => {
    expect(view(text, spans)).toEqual(expected);
  });

  it("returns nothing for an empty text", () => {
    expect(segmentText("", [span(0, 3)])).toEqual([]);
  });

  it("keeps the text exactly: the segments join to the original", () => {
    const text = "Nordwind 🚀🇩🇪 ist größer — IBAN DE89 3704 0044 0532 0130 00 😀";
    const spans = [span(3, 12, "hate"), span(10, 11, "leak_pii"), span(13, 40, "leak_pii"), span(55, 58)];
    const segments = segmentText(text, spans);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    for (const s of segments) {
      // No segment starts or ends inside a surrogate pair.
      expect(s.text).not.toMatch(loneSurrogate);
      expect(s.end - s.start).toBeGreaterThan(0);
    }
  });

  it("keeps each span's reason and detail", () => {
    const [segment] = segmentText("nordwlnd-mobil.de", [
      {
        category: "malicious_link",
        start: 0,
        end: 17,
        reason: "link.lookalike",
        detail: "nordwind-mobil.de",
      },
    ]);
    expect(segment?.spans[0]).toMatchObject({ reason: "link.lookalike", detail: "nordwind-mobil.de" });
  });
});
