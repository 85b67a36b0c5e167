import { tokenize } from "../text/tokens.ts";
import {
  type FieldNode,
  type PhraseNode,
  type QueryError,
  type QueryErrorCode,
  type QueryField,
  queryLanguages,
  queryPlatforms,
  type TermNode,
  type WildcardNode,
} from "./query.ast.ts";

/** One lexical unit of a query, with the offset where it starts in the input. */
export type QueryToken =
  | { kind: "lparen" | "rparen" | "and" | "or" | "not" | "end"; position: number }
  | { kind: "near"; distance: number; position: number }
  | { kind: "operand"; node: TermNode | PhraseNode | WildcardNode | FieldNode; position: number }
  | { kind: "error"; error: QueryError; position: number };

/** The largest n accepted in NEAR/n; farther apart, two words are rarely about each other. */
export const maxNearDistance = 100;

// German keyboards produce „…“ and many editors turn " into “…”; all of them delimit a phrase.
const openingQuotes = new Set(['"', "„", "“", "”"]);
const closingQuotes = new Set(['"', "“", "”"]);
const termEnd = /[\s()"„“”]/u;
const whitespace = /\s/u;
const nearOperator = /^NEAR\/(\d{1,3})$/;
const fieldPrefix = /^([A-Za-z]+):/;
const queryFields: readonly QueryField[] = ["author", "lang", "platform"];

/** Splits a query into tokens; stops after the first malformed token, which becomes an `error` token. */
export function lexQuery(input: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  let offset = 0;
  while (offset < input.length) {
    const character = input[offset] as string;
    if (whitespace.test(character)) {
      offset += 1;
    } else if (character === "(" || character === ")") {
      tokens.push({ kind: character === "(" ? "lparen" : "rparen", position: offset });
      offset += 1;
    } else if (openingQuotes.has(character)) {
      const phrase = readQuoted(input, offset);
      if ("error" in phrase) return [...tokens, errorToken(phrase.error)];
      const value = collapseSpaces(phrase.value);
      if (tokenize(value).length === 0) {
        return [
          ...tokens,
          errorToken(fail("unexpected_token", offset, "The quotes hold no words to search for.")),
        ];
      }
      tokens.push({ kind: "operand", node: { type: "phrase", value }, position: offset });
      offset = phrase.end;
    } else {
      let end = offset;
      while (end < input.length && !termEnd.test(input[end] as string)) end += 1;
      const word = readWord(input, offset, end);
      if (word.token.kind === "error") return [...tokens, word.token];
      tokens.push(word.token);
      offset = word.end;
    }
  }
  tokens.push({ kind: "end", position: input.length });
  return tokens;
}

// Reads the unquoted word at [start, end); a field with a quoted value reaches past `end`.
function readWord(input: string, start: number, end: number): { token: QueryToken; end: number } {
  const word = input.slice(start, end);
  const field = fieldPrefix.exec(word);
  const fieldName = field?.[1]?.toLowerCase();
  if (fieldName !== undefined && queryFields.includes(fieldName as QueryField)) {
    return readField(input, fieldName as QueryField, start, end);
  }
  return { token: readPlainWord(input, word, start, end, fieldName), end };
}

function readPlainWord(
  input: string,
  word: string,
  start: number,
  end: number,
  unknownField: string | undefined,
): QueryToken {
  if (word === "AND" || word === "OR" || word === "NOT") {
    return { kind: word === "AND" ? "and" : word === "OR" ? "or" : "not", position: start };
  }
  if (word === "NEAR" || word.startsWith("NEAR/")) return readNear(word, start);
  if (unknownField !== undefined) {
    // "Achtung:" is a word with a colon; "site:example.de" or "https://…" look like a field we lack.
    const hasValue = word.length > unknownField.length + 1 || openingQuotes.has(input[end] ?? "");
    if (hasValue) {
      return errorToken(
        fail(
          "unknown_field",
          start,
          `Unknown field "${unknownField}:"; the fields are author:, lang: and platform:. Put text with a colon in quotes to search for it.`,
        ),
      );
    }
  }
  if (word.includes("*")) return readWildcard(word, start);
  if (tokenize(word).length === 0) {
    return errorToken(fail("unexpected_token", start, `"${word}" holds no letters or digits to search for.`));
  }
  return { kind: "operand", node: { type: "term", value: word }, position: start };
}

function readNear(word: string, start: number): QueryToken {
  const distance = nearOperator.exec(word)?.[1];
  if (distance === undefined || Number(distance) > maxNearDistance) {
    return errorToken(
      fail(
        "bad_near",
        start,
        `Write NEAR/n with a whole number n from 0 to ${maxNearDistance}, e.g. NEAR/3.`,
      ),
    );
  }
  return { kind: "near", distance: Number(distance), position: start };
}

function readWildcard(word: string, start: number): QueryToken {
  const star = word.indexOf("*");
  if (star === 0) {
    return errorToken(
      fail("bad_wildcard", start, "A wildcard can't start with *; write at least 2 letters before it."),
    );
  }
  if (star !== word.length - 1) {
    return errorToken(fail("bad_wildcard", start + star, "Only a * at the end of a word is supported."));
  }
  const stem = word.slice(0, -1);
  const words = tokenize(stem);
  const only = words[0];
  const wordStart = stem.startsWith("#") || stem.startsWith("@") ? 1 : 0;
  if (words.length !== 1 || only === undefined || only.start !== wordStart || only.end !== stem.length) {
    return errorToken(fail("bad_wildcard", start, "A wildcard stem must be a single word, e.g. störung*."));
  }
  if (Array.from(stem.slice(wordStart)).length < 2) {
    return errorToken(fail("bad_wildcard", start, "A wildcard needs at least 2 letters before the *."));
  }
  return { kind: "operand", node: { type: "wildcard", stem }, position: start };
}

function readField(
  input: string,
  field: QueryField,
  start: number,
  end: number,
): { token: QueryToken; end: number } {
  const valueStart = start + field.length + 1;
  let value = input.slice(valueStart, end);
  let valueEnd = end;
  if (value === "" && openingQuotes.has(input[end] ?? "")) {
    const quoted = readQuoted(input, end);
    if ("error" in quoted) return { token: errorToken(quoted.error), end };
    value = collapseSpaces(quoted.value);
    valueEnd = quoted.end;
  }
  value = field === "author" ? value.replace(/^@/, "") : value.toLowerCase();
  const allowed: readonly string[] | undefined =
    field === "lang" ? queryLanguages : field === "platform" ? queryPlatforms : undefined;
  if (value === "" || (allowed !== undefined && !allowed.includes(value))) {
    const expected = allowed ? `one of ${allowed.join(", ")}` : "a handle, e.g. author:nordwind_mobil";
    const error = fail("bad_field_value", valueStart, `${field}: needs ${expected}.`);
    return { token: errorToken(error), end };
  }
  return {
    token: { kind: "operand", node: { type: "field", field, value }, position: start },
    end: valueEnd,
  };
}

function readQuoted(input: string, quote: number): { value: string; end: number } | { error: QueryError } {
  let close = quote + 1;
  while (close < input.length && !closingQuotes.has(input[close] as string)) close += 1;
  if (close >= input.length) return { error: fail("unclosed_quote", quote, "This quote is never closed.") };
  return { value: input.slice(quote + 1, close), end: close + 1 };
}

function collapseSpaces(text: string): string {
  return text.trim().replace(/\s+/gu, " ");
}

function fail(code: QueryErrorCode, position: number, message: string): QueryError {
  return { code, message, position };
}

function errorToken(error: QueryError): QueryToken {
  return { kind: "error", error, position: error.position };
}
