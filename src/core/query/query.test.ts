import { describe, expect, it } from "vitest";
import { formatQuery, parseQuery, type QueryErrorCode, type QueryNode } from "./index.ts";

function parsed(input: string): QueryNode {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.error.message}`);
  return result.ast;
}

describe("parseQuery", () => {
  it.each([
    ["Nordwind", "Nordwind"],
    ["Nordwind Störung", "Nordwind AND Störung"],
    ["Nordwind and Störung", "Nordwind AND and AND Störung"],
    ["a OR b c", "a OR b AND c"],
    ["(a OR b) c", "(a OR b) AND c"],
    ["a AND (b AND c)", "a AND (b AND c)"],
    ["NOT a b", "NOT a AND b"],
    ["a NOT b", "a AND NOT b"],
    ["NOT (a OR b) c", "NOT (a OR b) AND c"],
    [
      '(Nordwind OR "Nordwind Mobil") AND (störung* OR ausfall) NOT lang:en',
      '(Nordwind OR "Nordwind Mobil") AND (störung* OR ausfall) AND NOT lang:en',
    ],
    ["kündig* NEAR/3 vertrag", "kündig* NEAR/3 vertrag"],
    [
      "(kündig* OR storno) NEAR/0 (vertrag OR abo) OR ärger",
      "(kündig* OR storno) NEAR/0 (vertrag OR abo) OR ärger",
    ],
    ["a NEAR/2 b AND c", "a NEAR/2 b AND c"],
    ["„Nordwind Mobil“ Störung", '"Nordwind Mobil" AND Störung'],
    ['"  Nordwind   Mobil "', '"Nordwind Mobil"'],
    ["author:@Nordwind_Mobil Störung", "author:Nordwind_Mobil AND Störung"],
    ['author:"Nordwind Mobil" ausfall', 'author:"Nordwind Mobil" AND ausfall'],
    ["Lang:DE platform:Mastodon Bahn", "lang:de AND platform:mastodon AND Bahn"],
    ['platform:"x" Bahn', "platform:x AND Bahn"],
    ["#Bahnstreik OR @nordwind_mobil", "#Bahnstreik OR @nordwind_mobil"],
    ["#bahn* Streik", "#bahn* AND Streik"],
    ["Achtung: Störung", "Achtung: AND Störung"],
    ["e-mail", "e-mail"],
    ['"OR" AND Oregon', '"OR" AND Oregon'],
  ])("reads %j as %j", (input, canonical) => {
    expect(formatQuery(parsed(input))).toBe(canonical);
  });

  it("builds the tree with NOT tighter than NEAR, NEAR tighter than AND, AND tighter than OR", () => {
    expect(parsed("a OR b NEAR/2 c d NOT e")).toEqual({
      type: "or",
      children: [
        { type: "term", value: "a" },
        {
          type: "and",
          children: [
            {
              type: "near",
              distance: 2,
              left: { type: "term", value: "b" },
              right: { type: "term", value: "c" },
            },
            { type: "term", value: "d" },
            { type: "not", child: { type: "term", value: "e" } },
          ],
        },
      ],
    });
  });

  it("accepts a query made of field filters alone", () => {
    expect(parsed("lang:de platform:reddit")).toEqual({
      type: "and",
      children: [
        { type: "field", field: "lang", value: "de" },
        { type: "field", field: "platform", value: "reddit" },
      ],
    });
  });

  it("keeps the user's spelling in terms and lowercases field values it checks", () => {
    expect(parsed("Gebühren lang:DE")).toEqual({
      type: "and",
      children: [
        { type: "term", value: "Gebühren" },
        { type: "field", field: "lang", value: "de" },
      ],
    });
  });

  it.each<[string, QueryErrorCode, number]>([
    ["", "empty", 0],
    ["   ", "empty", 0],
    ["(Nordwind OR Bahn", "unclosed_paren", 0],
    ["a AND (b OR (c)", "unclosed_paren", 6],
    ["Nordwind)", "unexpected_paren", 8],
    ["(a) )", "unexpected_paren", 4],
    ['Nordwind "Mobil', "unclosed_quote", 9],
    ['author:"Nordwind', "unclosed_quote", 7],
    ["Nordwind AND", "missing_operand", 9],
    ["Nordwind OR OR Bahn", "missing_operand", 9],
    ["AND Nordwind", "missing_operand", 0],
    ["a NOT", "missing_operand", 2],
    ["()", "missing_operand", 0],
    ["a NEAR/3", "missing_operand", 2],
    ["a NEAR b", "bad_near", 2],
    ["a NEAR/x b", "bad_near", 2],
    ["a NEAR/101 b", "bad_near", 2],
    ["a NEAR/2 b NEAR/2 c", "bad_near", 11],
    ["(a AND b) NEAR/2 c", "bad_near", 10],
    ["lang:de NEAR/2 c", "bad_near", 8],
    ["*ung", "bad_wildcard", 0],
    ["x *", "bad_wildcard", 2],
    ["s*", "bad_wildcard", 0],
    ["st*rung", "bad_wildcard", 2],
    ["e-mail*", "bad_wildcard", 0],
    ["site:example.de", "unknown_field", 0],
    ["Bahn https://example.de", "unknown_field", 5],
    ["lang:fr Bahn", "bad_field_value", 5],
    ["platform:tiktok Bahn", "bad_field_value", 9],
    ["author: Bahn", "bad_field_value", 7],
    ["NOT Bahn", "only_negative", 0],
    ["NOT a NOT b", "only_negative", 0],
    ["Nordwind OR NOT Bahn", "only_negative", 12],
    [":-)", "unexpected_token", 0],
    ['a ""', "unexpected_token", 2],
    [`${"(".repeat(33)}a${")".repeat(33)}`, "too_deep", 32],
    [`${"NOT ".repeat(40)}a`, "too_deep", 128],
    ["a ".repeat(2001), "too_long", 4000],
  ])("rejects %j with %s at %i", (input, code, position) => {
    const result = parseQuery(input);
    expect(result).toMatchObject({ ok: false, error: { code, position } });
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
  });
});
