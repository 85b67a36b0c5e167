import { foldText } from "../../text/normalize.ts";
import { isHighSurrogate, isLowSurrogate } from "../../text/utf16.ts";

/**
 * A text as a reader sees it, with a map from each of its UTF-16 offsets back to the string it came
 * from, so that matches found in it can be reported as spans of the original post.
 */
export interface VisibleText {
  /** The derived text that detectors match on. */
  readonly text: string;
  /** Length of the original string. */
  readonly originalLength: number;
  /** Whether the original held a right-to-left override (U+202E), a trick to disguise file names. */
  readonly hadBidiOverride: boolean;
  /** Offset in the original string where the character at `index` of `text` starts. */
  toOriginal(index: number): number;
  /** The original span that the range [start, end) of `text` came from. */
  toOriginalSpan(start: number, end: number): { start: number; end: number };
}

class MappedText implements VisibleText {
  constructor(
    readonly text: string,
    readonly originalLength: number,
    readonly hadBidiOverride: boolean,
    // Undefined when the text is the original unchanged (the common case): no arrays to allocate.
    private readonly starts?: Uint32Array,
    private readonly ends?: Uint32Array,
  ) {}

  toOriginal(index: number): number {
    if (index >= this.text.length) return this.originalLength;
    return this.starts ? (this.starts[Math.max(0, index)] ?? 0) : Math.max(0, index);
  }

  toOriginalSpan(start: number, end: number): { start: number; end: number } {
    if (end <= start) {
      const at = this.toOriginal(start);
      return { start: at, end: at };
    }
    const last = Math.min(end, this.text.length) - 1;
    if (!this.starts || !this.ends) return { start, end: last + 1 };
    // After a right-to-left override the display order runs backwards through the original, so the
    // span is the hull of both ends.
    const first = this.starts[start] ?? 0;
    const lastStart = this.starts[last] ?? first;
    return {
      start: Math.min(first, lastStart),
      end: Math.max(this.ends[start] ?? first, this.ends[last] ?? first),
    };
  }
}

// Characters that render as nothing: zero-width space/joiners, word joiner and invisible operators,
// BOM, soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Mongolian vowel
// separator, variation selectors and the tag block (Unicode 15, "Default_Ignorable_Code_Point").
function isInvisible(codePoint: number): boolean {
  return (
    codePoint === 0x00ad ||
    codePoint === 0x034f ||
    codePoint === 0x061c ||
    codePoint === 0x115f ||
    codePoint === 0x1160 ||
    codePoint === 0x17b4 ||
    codePoint === 0x17b5 ||
    (codePoint >= 0x180b && codePoint <= 0x180f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x206f) ||
    codePoint === 0x3164 ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xfeff ||
    codePoint === 0xffa0 ||
    (codePoint >= 0xe0000 && codePoint <= 0xe0fff)
  );
}

const RIGHT_TO_LEFT_OVERRIDE = 0x202e;
// Characters that end a right-to-left override: pop directional formatting, pop directional isolate
// and line breaks (UAX #9: an override never crosses a paragraph).
function endsOverride(codePoint: number): boolean {
  return codePoint === 0x202c || codePoint === 0x2069 || codePoint === 0x0a || codePoint === 0x0d;
}

const combiningMark = /\p{M}/u;
// UAX #15: a base letter rarely carries more than two marks in real text (Vietnamese has two);
// a longer stack is "Zalgo" text meant to smear a word past filters.
const MAX_MARKS_PER_BASE = 2;

const nonAscii = /[\u0080-\uffff]/;
// Emoji carry a variation selector (U+FE0F) everywhere; only one after a letter or digit hides anything.
export const needsCleaningPattern =
  /[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e0fff}]|\u034f|\u180b|\u180c|\u180d|\u180f|\p{M}{3}|[\p{L}\p{N}]\p{Variation_Selector}/u;

/**
 * `needsCleaningPattern.test(text)`, with a hand scan first: characters that are neither invisible, nor
 * marks, nor variation selectors cannot start or complete a match, and German posts rarely hold
 * others (umlauts, typographic quotes and dashes, the euro sign, emoji). The pattern runs only when
 * another character turns up.
 */
export function mayNeedCleaning(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const c = text.charCodeAt(index);
    if (c < 0x80 || isPlainNonAscii(c)) continue;
    // Emoji of the planes U+1F000–U+1FBFF (lead surrogates D83C–D83E) hold no marks or selectors.
    if (c >= 0xd83c && c <= 0xd83e) {
      const next = text.charCodeAt(index + 1);
      if (isLowSurrogate(next)) {
        index += 1;
        continue;
      }
    }
    return needsCleaningPattern.test(text);
  }
  return false;
}

function isPlainNonAscii(c: number): boolean {
  return (
    (c < 0x300 && c !== 0xad) ||
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205f) ||
    (c >= 0x20a0 && c <= 0x20cf)
  );
}

/** A growable pair of offset arrays: where each output code unit starts and ends in the source. */
class OffsetBuilder {
  starts: Uint32Array;
  ends: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    // Both arrays in one allocation.
    const size = Math.max(16, capacity);
    const both = new Uint32Array(size * 2);
    this.starts = both.subarray(0, size);
    this.ends = both.subarray(size);
  }
  private reserve(count: number): void {
    if (this.length + count <= this.starts.length) return;
    const size = Math.max(this.starts.length * 2, this.length + count);
    const both = new Uint32Array(size * 2);
    both.set(this.starts.subarray(0, this.length));
    both.set(this.ends.subarray(0, this.length), size);
    this.starts = both.subarray(0, size);
    this.ends = both.subarray(size);
  }
  push(count: number, start: number, end: number): void {
    this.reserve(count);
    for (let unit = 0; unit < count; unit += 1) {
      this.starts[this.length] = start;
      this.ends[this.length] = end;
      this.length += 1;
    }
  }
  /** One output unit per source unit of [from, to): unit i from [i, i + 1). */
  pushIdentity(from: number, to: number): void {
    this.reserve(to - from);
    const { starts, ends } = this;
    let length = this.length;
    for (let unit = from; unit < to; unit += 1) {
      starts[length] = unit;
      ends[length] = unit + 1;
      length += 1;
    }
    this.length = length;
  }
}

/**
 * Returns the text a reader sees: zero-width and bidi control characters removed, stacks of combining
 * marks cut to two per letter, right-to-left overrides resolved into the order they display in, and
 * NFKC applied (so "ⓘⓓⓘⓞⓣ" and fullwidth letters become ASCII), with offsets back to `text`.
 */
export function prepareVisibleText(text: string): VisibleText {
  if (!nonAscii.test(text)) return new MappedText(text, text.length, false);
  if (!mayNeedCleaning(text) && text.normalize("NFKC") === text) {
    return new MappedText(text, text.length, false);
  }
  return buildVisibleText(text);
}

function buildVisibleText(text: string): VisibleText {
  // Pieces: a base character with the marks it keeps, as parallel arrays (no object per character).
  const pieces: string[] = [];
  const pieceStarts: number[] = [];
  const pieceEnds: number[] = [];
  let overrideFrom = -1;
  let hadBidiOverride = false;
  let marks = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      if (overrideFrom >= 0 && (code === 0x0a || code === 0x0d)) {
        reverseFrom(pieces, pieceStarts, pieceEnds, overrideFrom);
        overrideFrom = -1;
      }
      pieces.push(text[index] as string);
      pieceStarts.push(index);
      pieceEnds.push(index + 1);
      marks = 0;
      index += 1;
      continue;
    }
    const codePoint = text.codePointAt(index) ?? code;
    const next = index + (codePoint > 0xffff ? 2 : 1);
    if (codePoint === RIGHT_TO_LEFT_OVERRIDE) {
      hadBidiOverride = true;
      if (overrideFrom < 0) overrideFrom = pieces.length;
    } else if (overrideFrom >= 0 && endsOverride(codePoint)) {
      reverseFrom(pieces, pieceStarts, pieceEnds, overrideFrom);
      overrideFrom = -1;
    }
    if (isInvisible(codePoint)) {
      index = next;
      continue;
    }
    const character = text.slice(index, next);
    const last = pieces.length - 1;
    if (codePoint >= 0x300 && last >= 0 && combiningMark.test(character)) {
      // A mark joins the previous letter so that NFKC can compose it ("e\u0301" -> "é").
      if (marks < MAX_MARKS_PER_BASE) pieces[last] += character;
      pieceEnds[last] = next;
      marks += 1;
    } else {
      pieces.push(character);
      pieceStarts.push(index);
      pieceEnds.push(next);
      marks = 0;
    }
    index = next;
  }
  if (overrideFrom >= 0) reverseFrom(pieces, pieceStarts, pieceEnds, overrideFrom);

  let output = "";
  const offsets = new OffsetBuilder(text.length);
  for (let piece = 0; piece < pieces.length; piece += 1) {
    const raw = pieces[piece] as string;
    const normalized = raw.length === 1 && raw.charCodeAt(0) < 0x80 ? raw : normalizePiece(raw);
    output += normalized;
    offsets.push(normalized.length, pieceStarts[piece] ?? 0, pieceEnds[piece] ?? 0);
  }
  return new MappedText(
    output,
    text.length,
    hadBidiOverride,
    offsets.starts.subarray(0, offsets.length),
    offsets.ends.subarray(0, offsets.length),
  );
}

const nfkcCache = new Map<string, string>();

function normalizePiece(piece: string): string {
  const cached = nfkcCache.get(piece);
  if (cached !== undefined) return cached;
  const normalized = piece.normalize("NFKC");
  if (nfkcCache.size < FOLD_CACHE_LIMIT) nfkcCache.set(piece, normalized);
  return normalized;
}

function reverseFrom(pieces: string[], starts: number[], ends: number[], from: number): void {
  // In place: a post of 100 kB under one override must not copy its arrays around.
  reverseTail(pieces, from);
  reverseTail(starts, from);
  reverseTail(ends, from);
}

function reverseTail<T>(list: T[], from: number): void {
  for (let low = from, high = list.length - 1; low < high; low += 1, high -= 1) {
    const item = list[low] as T;
    list[low] = list[high] as T;
    list[high] = item;
  }
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 4096;

function foldCharacter(character: string): string {
  const cached = foldCache.get(character);
  if (cached !== undefined) return cached;
  const folded = foldText(character);
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(character, folded);
  return folded;
}

/**
 * Folds a visible text for case- and accent-insensitive matching with `foldText`'s rules (lowercase,
 * ä→ae, ß→ss, other diacritics dropped), keeping the map to the original string.
 */
export function foldVisibleText(visible: VisibleText): VisibleText {
  const source = visible.text;
  if (!nonAscii.test(source)) {
    return new LayeredText(source.toLowerCase(), visible, undefined, undefined);
  }
  let output = "";
  // Built only once a character folds to other than one code unit of its own (ä→ae, a surrogate
  // pair, ﬁ→fi); before that, and for a text without such characters, offsets are the identity.
  let offsets: OffsetBuilder | undefined;
  let index = 0;
  while (index < source.length) {
    // ASCII runs are lowercased in one go; only other characters are folded one by one.
    let runEnd = index;
    while (runEnd < source.length && source.charCodeAt(runEnd) < 0x80) runEnd += 1;
    if (runEnd > index) {
      output += source.slice(index, runEnd).toLowerCase();
      offsets?.pushIdentity(index, runEnd);
      index = runEnd;
      continue;
    }
    const code = source.charCodeAt(index);
    const width = isHighSurrogate(code) && index + 1 < source.length ? 2 : 1;
    const folded = foldCharacter(source.slice(index, index + width));
    if (offsets === undefined && (width !== 1 || folded.length !== 1)) {
      offsets = new OffsetBuilder(source.length + 16);
      offsets.pushIdentity(0, index);
    }
    output += folded;
    offsets?.push(folded.length, index, index + width);
    index += width;
  }
  if (offsets === undefined) return new LayeredText(output, visible, undefined, undefined);
  return new LayeredText(
    output,
    visible,
    offsets.starts.subarray(0, offsets.length),
    offsets.ends.subarray(0, offsets.length),
  );
}

// A text derived from another derived text: offsets go through both maps to the original.
class LayeredText implements VisibleText {
  readonly originalLength: number;
  readonly hadBidiOverride: boolean;
  constructor(
    readonly text: string,
    private readonly base: VisibleText,
    private readonly starts: Uint32Array | undefined,
    private readonly ends: Uint32Array | undefined,
  ) {
    this.originalLength = base.originalLength;
    this.hadBidiOverride = base.hadBidiOverride;
  }

  toOriginal(index: number): number {
    if (index >= this.text.length) return this.originalLength;
    return this.base.toOriginal(this.starts ? (this.starts[index] ?? 0) : index);
  }

  toOriginalSpan(start: number, end: number): { start: number; end: number } {
    if (end <= start) {
      const at = this.toOriginal(start);
      return { start: at, end: at };
    }
    const last = Math.min(end, this.text.length) - 1;
    const baseStart = this.starts ? (this.starts[start] ?? 0) : start;
    const baseEnd = this.ends ? (this.ends[last] ?? this.base.text.length) : last + 1;
    return this.base.toOriginalSpan(baseStart, baseEnd);
  }
}
