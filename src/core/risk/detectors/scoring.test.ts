import { describe, expect, it } from "vitest";
import { wordsOf } from "./detect-context.ts";
import { compilePhraseRules, leadingStems, toResult } from "./scoring.ts";

describe("leadingStems", () => {
  it.each([
    ["\\b(?:gewinnspiel|giveaway)\\w*", ["gewinnspiel", "giveaway"]],
    ["\\b(?:ich|wir) (?:werde|werden) dich", ["ich", "wir"]],
    ["\\bpassives? einkommen|\\bguaranteed profit", ["passive", "guaranteed"]],
    ["(?<!nicht )\\b(?:vertraulich(?:e|er)?|confidential)\\b", ["vertraulich", "confidential"]],
    ["(?:^|[.!?,;:\\n] ?)(?:wie|was)\\b", ["wie", "was"]],
    ["(?:[$€£]\\s?\\d)", undefined],
    ["👍|❤", undefined],
    ["\\b(?:a|[bc]x)", undefined],
  ])("reads the first words of %s", (pattern, stems) => {
    expect(leadingStems(pattern)).toEqual(stems);
  });
});

describe("compilePhraseRules", () => {
  const match = compilePhraseRules([
    { reason: "test.stem", pattern: "\\bverdoppel\\w* (?:dein|euer) geld\\b", weight: 0.5 },
    { reason: "test.short", pattern: "\\b(?:dm|pm) me\\b", weight: 0.5 },
    { reason: "test.sentence", pattern: "(?:^|[.!?,;:\\n] ?)(?:wie|was) (?:geht|kostet)\\b", weight: 0.5 },
  ]);

  it("runs a rule when a word starts with its stem", () => {
    const text = "verdoppele dein geld";
    expect(match(text, wordsOf(text)).map((found) => found.rule.reason)).toEqual(["test.stem"]);
  });

  it("needs a whole word for stems shorter than the key", () => {
    expect(match("dmx me", wordsOf("dmx me"))).toEqual([]);
    expect(match("dm me", wordsOf("dm me")).map((found) => found.rule.reason)).toEqual(["test.short"]);
  });

  it("finds every match of an active rule, from its first word on, sentence separators included", () => {
    const text = "hallo. wie geht das, was kostet das? verdoppele dein geld, verdoppelt euer geld";
    expect(
      match(text, wordsOf(text)).map((found) => [found.rule.reason, text.slice(found.start, found.end)]),
    ).toEqual([
      ["test.sentence", ". wie geht"],
      ["test.sentence", ", was kostet"],
      ["test.stem", "verdoppele dein geld"],
      ["test.stem", "verdoppelt euer geld"],
    ]);
    expect(match("wie geht", wordsOf("wie geht")).map((found) => [found.start, found.end])).toEqual([[0, 8]]);
  });

  it("rejects a rule with a capture group", () => {
    expect(() => compilePhraseRules([{ reason: "x", pattern: "(a)", weight: 1 }])).toThrow(/capture group/);
  });
});

describe("toResult", () => {
  it("counts the strongest span of each reason once and combines reasons by noisy-OR", () => {
    const result = toResult([
      { start: 0, end: 1, reason: "a", weight: 0.5 },
      { start: 2, end: 3, reason: "a", weight: 0.3 },
      { start: 4, end: 5, reason: "b", weight: 0.5 },
    ]);
    expect(result.score).toBe(0.75);
    expect(result.flagged).toBe(true);
    expect(result.spans).toHaveLength(3);
  });

  it("shows a span once, and not inside a wider span of the same reason", () => {
    const result = toResult([
      { start: 0, end: 3, reason: "a", weight: 0.3 },
      { start: 0, end: 12, reason: "a", weight: 0.5 },
      { start: 0, end: 12, reason: "a", weight: 0.5 },
      { start: 4, end: 8, reason: "b", weight: 0.2 },
      { start: 14, end: 15, reason: "a", weight: 0.1 },
    ]);
    expect(result.score).toBe(0.6);
    expect(result.spans.map((s) => [s.start, s.end, s.reason])).toEqual([
      [0, 12, "a"],
      [4, 8, "b"],
      [14, 15, "a"],
    ]);
  });
});
