import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileQuery,
  formatQuery,
  matchQuery,
  type NearOperand,
  parseQuery,
  type QueryNode,
  queryLanguages,
  queryPlatforms,
  type WordNode,
} from "./index.ts";

// A small vocabulary, so generated queries and posts share words often enough to match.
const vocabulary = [
  "Müller",
  "Störung",
  "Gebühren",
  "Straße",
  "Ärger",
  "kündigen",
  "Vertrag",
  "Nordwind",
  "Bahn",
];
const word = fc.constantFrom(...vocabulary);
const prefix = fc.constantFrom("", "", "#", "@");

const wordNode: fc.Arbitrary<WordNode> = fc.oneof(
  fc.tuple(prefix, word, fc.option(word, { nil: undefined })).map(
    ([sign, first, second]): WordNode => ({
      type: "term",
      value: `${sign}${first}${second ? `-${second}` : ""}`,
    }),
  ),
  fc
    .array(word, { minLength: 1, maxLength: 3 })
    .map((words): WordNode => ({ type: "phrase", value: words.join(" ") })),
  fc
    .tuple(prefix, word, fc.integer({ min: 2, max: 5 }))
    .map(([sign, stem, length]): WordNode => ({ type: "wildcard", stem: `${sign}${stem.slice(0, length)}` })),
);

const nearOperand: fc.Arbitrary<NearOperand> = fc.oneof(
  wordNode,
  fc
    .array(wordNode, { minLength: 2, maxLength: 3 })
    .map((children): NearOperand => ({ type: "or", children })),
);

const fieldNode: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.constantFrom(...queryLanguages).map((value): QueryNode => ({ type: "field", field: "lang", value })),
  fc.constantFrom(...queryPlatforms).map((value): QueryNode => ({ type: "field", field: "platform", value })),
  fc
    .array(word, { minLength: 1, maxLength: 2 })
    .map((words): QueryNode => ({ type: "field", field: "author", value: words.join(" ") })),
);

const { node: queryNode } = fc.letrec<{ node: QueryNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    wordNode,
    fieldNode,
    fc
      .tuple(nearOperand, fc.integer({ min: 0, max: 100 }), nearOperand)
      .map(([left, distance, right]): QueryNode => ({ type: "near", distance, left, right })),
    tie("node").map((child): QueryNode => ({ type: "not", child })),
    fc
      .array(tie("node"), { minLength: 2, maxLength: 3 })
      .map((children): QueryNode => ({ type: "and", children })),
    fc
      .array(tie("node"), { minLength: 2, maxLength: 3 })
      .map((children): QueryNode => ({ type: "or", children })),
  ),
}));

// Anchoring every generated query to a plain word keeps it clear of the only_negative rule.
const validQuery = fc
  .tuple(word, queryNode)
  .map(([anchor, node]): QueryNode => ({ type: "and", children: [{ type: "term", value: anchor }, node] }));

const queryText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc
    .array(
      fc.constantFrom(
        "AND",
        "OR",
        "NOT",
        "NEAR/2",
        "NEAR",
        "(",
        ")",
        '"',
        "„",
        "“",
        "*",
        "kü*",
        "a*b",
        "lang:",
        "lang:de",
        "author:",
        'author:"',
        "x:y",
        "#",
        "@",
        "Müller",
        " ",
        "  ",
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join("")),
  fc
    .array(fc.constantFrom("AND", "OR", "NOT", "NEAR/1", "(", ")", '"', "Bahn", "stör*", "lang:en"), {
      maxLength: 20,
    })
    .map((parts) => parts.join(" ")),
);

const post = fc.record({
  text: fc
    .array(
      fc.oneof(
        word,
        prefix.chain((sign) => word.map((w) => `${sign}${w}`)),
      ),
      { maxLength: 12 },
    )
    .chain((words) =>
      fc
        .array(fc.constantFrom(" ", ", ", "! ", " - ", "\n"), {
          minLength: words.length,
          maxLength: words.length,
        })
        .map((gaps) => words.map((w, index) => `${w}${gaps[index]}`).join("")),
    ),
  authorHandle: word,
  lang: fc.constantFrom(...queryLanguages),
  platform: fc.constantFrom(...queryPlatforms),
});

function spellOutUmlauts(text: string): string {
  const spelled: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "Ae", Ö: "Oe", Ü: "Ue" };
  return text.replace(/[äöüßÄÖÜ]/g, (letter) => spelled[letter] ?? letter);
}

describe("query properties", () => {
  it("never throws and points errors inside the input", () => {
    fc.assert(
      fc.property(queryText, (input) => {
        const result = parseQuery(input);
        if (!result.ok) {
          expect(result.error.position).toBeGreaterThanOrEqual(0);
          expect(result.error.position).toBeLessThanOrEqual(input.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("parses the formatted query back to the same tree", () => {
    fc.assert(
      fc.property(validQuery, (ast) => {
        expect(parseQuery(formatQuery(ast))).toEqual({ ok: true, ast });
      }),
      { numRuns: 1000 },
    );
  });

  it("matches NOT x exactly when x does not match", () => {
    fc.assert(
      fc.property(queryNode, post, (ast, doc) => {
        const negated = compileQuery({ type: "not", child: ast });
        expect(matchQuery(negated, doc)).toBe(!matchQuery(compileQuery(ast), doc));
      }),
      { numRuns: 500 },
    );
  });

  it("matches the same whatever the case or umlaut spelling of the post", () => {
    fc.assert(
      fc.property(queryNode, post, (ast, doc) => {
        const compiled = compileQuery(ast);
        const expected = matchQuery(compiled, doc);
        for (const change of [
          (text: string) => text.toUpperCase(),
          (text: string) => text.toLowerCase(),
          spellOutUmlauts,
        ]) {
          const changed = { ...doc, text: change(doc.text), authorHandle: change(doc.authorHandle) };
          expect(matchQuery(compiled, changed)).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });
});
