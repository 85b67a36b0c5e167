// Finding an organisation's phrases in a draft: case-insensitive, on Unicode word boundaries, with the
// offsets in UTF-16 code units (JavaScript string indices) so the web app can highlight them as they are.
import { isLowSurrogate } from "../text/utf16.ts";

/** A stretch of a text, in UTF-16 code units; `end` is exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

// A word character in any script: letters, combining marks, digits and the connector punctuation (_).
const wordChar = String.raw`[\p{L}\p{M}\p{N}\p{Pc}]`;

/**
 * The regular expression of one phrase: its words in order with any white space between them, whole words
 * only. A trailing `*` matches any ending (`erstatt*` finds "erstatten" and "Erstattung"). Null when the
 * phrase has no word in it.
 */
export function phrasePattern(phrase: string): RegExp | null {
  const trimmed = phrase.trim();
  const prefix = trimmed.endsWith("*");
  const words = (prefix ? trimmed.slice(0, -1) : trimmed).split(/\s+/u).filter((w) => w !== "");
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join(String.raw`\s+`);
  const tail = prefix ? `${wordChar}*` : "";
  return new RegExp(`(?<!${wordChar})${body}${tail}(?!${wordChar})`, "giu");
}

/** Every place a phrase occurs in the text, in order; overlapping matches of one phrase are not repeated. */
export function findPhrase(text: string, phrase: string): TextSpan[] {
  const pattern = phrasePattern(phrase);
  if (!pattern) return [];
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

function escapeRegExp(value: string): string {
  // Only the syntax characters: in Unicode mode an escaped `-` or letter is an error.
  return value.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&");
}

/**
 * Keeps a span inside the text and off the halves of a surrogate pair (an emoji is one character to a
 * reader); null when nothing of it is left.
 */
export function clampSpan(text: string, span: TextSpan): TextSpan | null {
  let start = Math.max(0, Math.min(text.length, Math.floor(span.start)));
  let end = Math.max(0, Math.min(text.length, Math.floor(span.end)));
  if (isLowSurrogate(text.charCodeAt(start)) && start > 0) start -= 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
  return end > start ? { start, end } : null;
}
