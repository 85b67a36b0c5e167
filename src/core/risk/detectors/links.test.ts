import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findLinkCandidate, linkCandidatePattern } from "./links.ts";

/** Every match of the reference pattern, as the extraction loop asks for them. */
function byPattern(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  linkCandidatePattern.lastIndex = 0;
  for (let match = linkCandidatePattern.exec(text); match !== null; match = linkCandidatePattern.exec(text)) {
    found.push([match.index, match[0].length]);
  }
  return found;
}

function byHand(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (
    let match = findLinkCandidate(text, 0);
    match;
    match = findLinkCandidate(text, match.index + match.length)
  ) {
    found.push([match.index, match.length]);
  }
  return found;
}

describe("findLinkCandidate", () => {
  it.each([
    [
      "siehe https://example.de/x",
      [
        [11, 3],
        [20, 4],
      ],
    ],
    [
      "www.nordwind.de",
      [
        [0, 4],
        [11, 4],
      ],
    ],
    ["mehr auf nordwind-mobil.de und so", [[22, 4]]],
    ["Ende. Neuer Satz", []],
    ["bit.ly/abc", [[2, 4]]],
    ["straße.de", [[5, 4]]],
    ["𝔡.𝔡𝔡 e.é", [[0, 7]]],
    [
      "WWW.EXAMPLE.COM",
      [
        [2, 4],
        [10, 4],
      ],
    ],
  ])("finds in %j what the pattern finds", (text, expected) => {
    expect(byHand(text)).toEqual(expected);
    expect(byPattern(text)).toEqual(expected);
  });

  it("finds exactly what the pattern finds, in any text", () => {
    const pieces = fc.constantFrom(
      ".",
      ":",
      "/",
      "://",
      "w",
      "ww",
      "www.",
      "-",
      "a",
      "Z",
      "5",
      "é",
      "ß",
      "٣",
      "𝔡",
      "\ud835",
      "\udd21",
      " ",
      "😀",
      "x.",
      ".de",
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string({ maxLength: 3, unit: "binary" })), { maxLength: 30 }),
        (parts) => {
          const text = parts.join("");
          expect(byHand(text)).toEqual(byPattern(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("starts a search inside a surrogate pair at the pair, as the pattern does", () => {
    const text = "𝔡.de";
    linkCandidatePattern.lastIndex = 1;
    const match = linkCandidatePattern.exec(text);
    expect(findLinkCandidate(text, 1)).toEqual({ index: match?.index, length: match?.[0].length });
  });
});
