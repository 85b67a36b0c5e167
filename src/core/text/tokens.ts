import { foldText } from "./normalize.ts";

/** Marks a word written as a hashtag (`#`) or a mention (`@`). */
export type TokenPrefix = "#" | "@";

/** One word of a text: its folded form and where it stands in the original string. */
export interface Token {
  /** The word folded with `foldText`, without its `#` or `@`. */
  text: string;
  /** Offset of the word's first character in the original string (after any prefix). */
  start: number;
  /** Offset just past the word's last character in the original string. */
  end: number;
  /** Set when the word was written as a hashtag or mention. */
  prefix?: TokenPrefix;
}

// Combining marks continue a word so that a decomposed "u\u0308" stays one word with its umlaut.
const plainWord = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/uy;
// Handles and hashtags use underscores as word glue (@nordwind_mobil, #bahn_streik).
const prefixedWord = /[\p{L}\p{N}][\p{L}\p{N}\p{M}_]*/uy;
const wordCharacter = /[\p{L}\p{N}\p{M}_]/u;

/** Splits text into words (runs of letters and digits), folded, with offsets into the original text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  scanWords(text, (start, end, prefix) => {
    const token: Token = { text: foldWord(text.slice(start, end)), start, end };
    if (prefix) token.prefix = prefix;
    tokens.push(token);
  });
  return tokens;
}

/**
 * Calls `visit` with the bounds of each word `tokenize` would return, in order, without folding the
 * words: for callers that only need where the words are.
 */
export function scanWords(
  text: string,
  visit: (start: number, end: number, prefix: TokenPrefix | undefined) => void,
): void {
  let offset = 0;
  const length = text.length;
  while (offset < length) {
    const code = text.charCodeAt(offset);
    if (code < 0x80 && !isAsciiAlnum(code) && code !== 0x23 && code !== 0x40) {
      // ASCII punctuation and spaces start no word: skip them without the regular expressions.
      offset += 1;
      continue;
    }
    const prefix = prefixAt(text, offset);
    const wordStart = prefix ? offset + 1 : offset;
    const end = wordEnd(text, wordStart, prefix !== undefined);
    if (end > wordStart) {
      visit(wordStart, end, prefix);
      offset = end;
    } else {
      offset += 1;
    }
  }
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
}

/** End of the word starting at `start` (as the patterns above match it), or `start` when none starts there. */
function wordEnd(text: string, start: number, prefixed: boolean): number {
  // ASCII letters and digits take the fast path; any other character hands over to the patterns.
  let index = start;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (isAsciiAlnum(code) || (prefixed && code === 0x5f && index > start)) index += 1;
    else break;
  }
  const next = text.charCodeAt(index);
  if (index < text.length && next >= 0x80) {
    const pattern = prefixed ? prefixedWord : plainWord;
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    return match ? start + match[0].length : start;
  }
  return index;
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 8192;

/**
 * Folds one word exactly as `foldText` does: a word of ASCII letters and digits is only lowercased,
 * others are memoised because the same words recur in post after post.
 */
export function foldWord(word: string): string {
  let ascii = true;
  for (let index = 0; index < word.length; index += 1) {
    if (word.charCodeAt(index) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return word.toLowerCase();
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  const folded = foldText(word);
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(word, folded);
  return folded;
}

// A # or @ only starts a hashtag or mention at a word boundary, so "max@example.de" holds no mention.
function prefixAt(text: string, offset: number): TokenPrefix | undefined {
  const character = text[offset];
  if (character !== "#" && character !== "@") return undefined;
  // Two code units are enough to hold the previous character even when it is outside the BMP.
  const lastBefore = Array.from(text.slice(Math.max(0, offset - 2), offset)).at(-1);
  if (lastBefore !== undefined && wordCharacter.test(lastBefore)) return undefined;
  return character;
}
