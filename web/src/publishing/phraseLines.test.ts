import { describe, expect, it } from "vitest";
import { phrasesFromLines } from "./phraseLines.ts";

describe("phrasesFromLines", () => {
  it("keeps one phrase per line, trimmed, without blanks and repeats", () => {
    expect(phrasesFromLines(" erstatten \r\n\nRefund*\nERSTATTEN\n  \nfree of charge")).toEqual([
      "erstatten",
      "Refund*",
      "free of charge",
    ]);
  });
});
