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
  let offset = 0;
  while (offset < text.length) {
    const prefix = prefixAt(text, offset);
    const wordStart = prefix ? offset + 1 : offset;
    const pattern = prefix ? prefixedWord : plainWord;
    pattern.lastIndex = wordStart;
    const match = pattern.exec(text);
    if (match) {
      const end = wordStart + match[0].length;
      const token: Token = { text: foldText(match[0]), start: wordStart, end };
      if (prefix) token.prefix = prefix;
      tokens.push(token);
      offset = end;
    } else {
      offset += 1;
    }
  }
  return tokens;
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
