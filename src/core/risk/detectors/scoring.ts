import type { RiskResult, RiskSpan } from "../risk.types.ts";
import type { VisibleText } from "./visible-text.ts";

/** A span with the weight (0..1) its rule adds to the category's score. */
export interface WeightedSpan extends RiskSpan {
  weight: number;
}

/** The operating threshold of the rule-based detectors: a score at or above it is flagged. */
export const DEFAULT_THRESHOLD = 0.5;

/** A result with nothing found. */
export function emptyResult(): RiskResult {
  return { score: 0, flagged: false, spans: [] };
}

/**
 * Combines weighted spans into a result: the strongest span of each reason counts once, and distinct
 * reasons combine as independent evidence (noisy-OR, 1 − Π(1 − w)), so two weak signals outrank one.
 * Spans are shown once each, in text order, leaving out a span that lies inside a wider one of its reason.
 */
export function toResult(found: readonly WeightedSpan[], threshold = DEFAULT_THRESHOLD): RiskResult {
  if (found.length === 0) return emptyResult();
  if (found.length === 1) {
    // One span (the common case when anything is found): the same arithmetic without the maps.
    const span = found[0] as WeightedSpan;
    const miss = 1 - Math.min(1, Math.max(0, span.weight));
    const score = Math.round((1 - miss) * 1000) / 1000;
    const plain: RiskSpan = { start: span.start, end: span.end, reason: span.reason };
    if (span.detail !== undefined) plain.detail = span.detail;
    return { score, flagged: score >= threshold, spans: [plain] };
  }
  const strongest = new Map<string, number>();
  for (const span of found) {
    strongest.set(span.reason, Math.max(strongest.get(span.reason) ?? 0, span.weight));
  }
  let miss = 1;
  for (const weight of strongest.values()) miss *= 1 - Math.min(1, Math.max(0, weight));
  const score = Math.round((1 - miss) * 1000) / 1000;
  const seen = new Set<string>();
  const spans: RiskSpan[] = [];
  const sorted = [...found].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const span of sorted) {
    const key = `${span.start}:${span.end}:${span.reason}`;
    if (seen.has(key)) continue;
    // A span inside another of the same reason ("Wie" in "Wie kann ich") shows nothing the wider one does not.
    if (
      sorted.some(
        (o) =>
          o !== span &&
          o.reason === span.reason &&
          o.start <= span.start &&
          o.end >= span.end &&
          (o.start !== span.start || o.end !== span.end),
      )
    )
      continue;
    seen.add(key);
    const plain: RiskSpan = { start: span.start, end: span.end, reason: span.reason };
    if (span.detail !== undefined) plain.detail = span.detail;
    spans.push(plain);
  }
  return { score, flagged: score >= threshold, spans };
}

/** A fixed, reviewed pattern over folded text (lowercase, ä→ae, ß→ss) and what a match means. */
export interface PhraseRule {
  reason: string;
  /** Regular-expression source without capture groups; it must start with a literal word. */
  pattern: string;
  weight: number;
  detail?: string;
}

/** A rule's match, in offsets of the text it ran on. */
export interface PhraseMatch {
  rule: PhraseRule;
  start: number;
  end: number;
}

/** Runs compiled phrase rules on folded text, given the text's words (`wordsOf`, offsets into `folded`). */
export type PhraseMatcher = (folded: string, words: readonly PhraseWord[]) => PhraseMatch[];

/** A word of the folded text and where it starts in it. */
export interface PhraseWord {
  text: string;
  start: number;
}

const STEM_KEY = 3;
const FILTER_MASK = 127;

interface CompiledRule {
  rule: PhraseRule;
  pattern: RegExp;
  /** The last run that activated the rule. */
  seen: number;
  /** Where in the folded text that run's first activating word starts (0 for a rule that runs always). */
  from: number;
}

// What a rule may match before its first literal word: the sentence start's separator and one space.
const LEAD = 2;

/**
 * Compiles rules for fast matching. Each rule's pattern starts with alternative literal words
 * ("\\b(?:gewinnspiel|giveaway)…"); those stems are indexed by their first three letters, so a
 * post runs only the rules whose first word occurs in it — one map lookup per word instead of every
 * rule at every character. A rule whose start is not literal (a character class, an emoji) runs always.
 * A rule's search starts at the first word of the post that starts one of its stems (less the separator
 * a sentence-start rule takes before it): a match must begin with such a word, as `wordsOf` splits words.
 */
export function compilePhraseRules(rules: readonly PhraseRule[]): PhraseMatcher {
  const always: CompiledRule[] = [];
  // The rules' stems by the dense id of their stem key (shared by all matchers, see `stemIdsOf`).
  const byId: Array<Array<{ stem: string; rule: CompiledRule }> | undefined> = [];
  const compiledRules: CompiledRule[] = [];
  for (const rule of rules) {
    const compiled: CompiledRule = { rule, pattern: new RegExp(rule.pattern, "g"), seen: 0, from: 0 };
    compiledRules.push(compiled);
    if (new RegExp(`${rule.pattern}|`).exec("")?.length !== 1) {
      throw new Error(`phrase rule ${rule.reason} holds a capture group; use (?:...)`);
    }
    const stems = leadingStems(rule.pattern);
    if (!stems) {
      always.push(compiled);
      continue;
    }
    for (const stem of stems) {
      const id = stemIdOfKey(stemKey(stem));
      while (byId.length <= id) byId.push(undefined);
      const entries = byId[id] ?? [];
      entries.push({ stem, rule: compiled });
      byId[id] = entries;
    }
  }
  let run = 0;
  return (folded, words) => {
    // A run counter marks the rules a post needs without allocating a set per post.
    run += 1;
    const active: CompiledRule[] = [];
    for (const rule of always) {
      rule.seen = run;
      rule.from = 0;
      active.push(rule);
    }
    const ids = stemIdsOf(words);
    for (let index = 0; index < words.length; index += 1) {
      const id = ids[index] ?? -1;
      if (id < 0) continue;
      const entries = byId[id];
      if (entries === undefined) continue;
      const word = words[index] as PhraseWord;
      const text = word.text;
      for (const entry of entries) {
        if (entry.rule.seen === run) continue;
        if (entry.stem.length < STEM_KEY ? text === entry.stem : text.startsWith(entry.stem)) {
          entry.rule.seen = run;
          entry.rule.from = word.start;
          active.push(entry.rule);
        }
      }
    }
    const matches: PhraseMatch[] = [];
    for (const { rule, pattern, from } of active) {
      // A match begins with one of the rule's first words, so the search starts at the first such word of
      // the post (less what the rule may match before it); the part of the text before it cannot match.
      pattern.lastIndex = from > LEAD ? from - LEAD : 0;
      for (let match = pattern.exec(folded); match !== null; match = pattern.exec(folded)) {
        if (match[0].length === 0) {
          pattern.lastIndex += 1;
          continue;
        }
        matches.push({ rule, start: match.index, end: match.index + match[0].length });
      }
    }
    return matches.length > 1 ? matches.sort((a, b) => a.start - b.start) : matches;
  };
}

// Every stem key of every compiled matcher gets a dense id, and one bit of a 4,096-bit filter: most
// words of a post start no rule, and the bit test turns them away before the map look-up.
const stemIds = new Map<number, number>();
const stemFilter = new Uint32Array(FILTER_MASK + 1);

function stemIdOfKey(key: number): number {
  let id = stemIds.get(key);
  if (id === undefined) {
    id = stemIds.size;
    stemIds.set(key, id);
    stemFilter[(key >>> 5) & FILTER_MASK] = (stemFilter[(key >>> 5) & FILTER_MASK] ?? 0) | (1 << (key & 31));
  }
  return id;
}

// The stem ids of the last word list seen (-1: no rule starts with the word): every matcher of a post
// (nine of them) gets the same list, so each word is keyed and looked up once per post, not nine times.
let idWords: readonly PhraseWord[] | undefined;
let idWordCount = 0;
let idStemCount = 0;
let wordIds = new Int32Array(256);

function stemIdsOf(words: readonly PhraseWord[]): Int32Array {
  if (words === idWords && words.length === idWordCount && stemIds.size === idStemCount) return wordIds;
  if (wordIds.length < words.length) wordIds = new Int32Array(words.length * 2);
  for (let index = 0; index < words.length; index += 1) {
    const key = stemKey((words[index] as { text: string }).text);
    wordIds[index] =
      ((stemFilter[(key >>> 5) & FILTER_MASK] ?? 0) & (1 << (key & 31))) === 0
        ? -1
        : (stemIds.get(key) ?? -1);
  }
  idWords = words;
  idWordCount = words.length;
  idStemCount = stemIds.size;
  return wordIds;
}

/**
 * A small integer from a word's first three UTF-16 units (all of a shorter word), without allocating.
 * Kept within 30 bits so map look-ups stay on small integers; two stems that share a key are told
 * apart by the stem check after the look-up.
 */
function stemKey(text: string): number {
  let key = text.length < STEM_KEY ? text.length : 0;
  for (let index = 0; index < STEM_KEY && index < text.length; index += 1) {
    key = (Math.imul(key, 65_537) + text.charCodeAt(index) + 1) | 0;
  }
  return key & 0x3fffffff;
}

/** Splits a pattern at its top-level "|" (outside groups, classes and escapes). */
function topLevelAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern[index];
    if (character === "\\") {
      index += 1;
    } else if (inClass) {
      if (character === "]") inClass = false;
    } else if (character === "[") {
      inClass = true;
    } else if (character === "(") {
      depth += 1;
    } else if (character === ")") {
      depth -= 1;
    } else if (character === "|" && depth === 0) {
      parts.push(pattern.slice(from, index));
      from = index + 1;
    }
  }
  parts.push(pattern.slice(from));
  return parts;
}

/** The index of the ")" closing the group that opens at `open`. */
function closingParen(pattern: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let index = open; index < pattern.length; index += 1) {
    const character = pattern[index];
    if (character === "\\") index += 1;
    else if (inClass) inClass = character !== "]";
    else if (character === "[") inClass = true;
    else if (character === "(") depth += 1;
    else if (character === ")" && --depth === 0) return index;
  }
  return -1;
}

const sentenceStart = "(?:^|[.!?,;:\\n] ?)";

/**
 * The literal words one of which every match of `pattern` starts with (folded letters and digits,
 * up to the first non-literal), or undefined when the start is not a literal word.
 */
export function leadingStems(pattern: string): string[] | undefined {
  const stems: string[] = [];
  for (const alternative of topLevelAlternatives(pattern)) {
    let rest = alternative;
    for (;;) {
      if (rest.startsWith("\\b")) rest = rest.slice(2);
      else if (rest.startsWith(sentenceStart)) rest = rest.slice(sentenceStart.length);
      else if (rest.startsWith("(?<!") || rest.startsWith("(?<="))
        rest = rest.slice(closingParen(rest, 0) + 1);
      else break;
    }
    if (rest.startsWith("(?:")) {
      const close = closingParen(rest, 0);
      if (close < 0 || /^[?*{]/.test(rest.slice(close + 1))) return undefined;
      const inner = leadingStems(rest.slice(3, close));
      if (!inner) return undefined;
      stems.push(...inner);
      continue;
    }
    const literal = /^[a-z0-9]+/.exec(rest)?.[0] ?? "";
    // A quantifier after the run makes its last character optional.
    const stem = /^[?*{]/.test(rest.slice(literal.length)) ? literal.slice(0, -1) : literal;
    if (stem === "") return undefined;
    stems.push(stem);
  }
  return stems;
}

/**
 * The weighted span of the original text that the range [start, end) of a derived text came from
 * (built field by field: an object spread of the mapped range costs more than the rest of a rule).
 */
export function spanOf(
  on: VisibleText,
  start: number,
  end: number,
  reason: string,
  weight: number,
  detail?: string,
): WeightedSpan {
  const original = on.toOriginalSpan(start, end);
  const span: WeightedSpan = { start: original.start, end: original.end, reason, weight };
  if (detail !== undefined) span.detail = detail;
  return span;
}

/** Turns phrase matches on a derived text into weighted spans of the original text. */
export function matchesToSpans(matches: readonly PhraseMatch[], on: VisibleText): WeightedSpan[] {
  return matches.map((match) => {
    const { start, end } = on.toOriginalSpan(match.start, match.end);
    const span: WeightedSpan = { start, end, reason: match.rule.reason, weight: match.rule.weight };
    if (match.rule.detail !== undefined) span.detail = match.rule.detail;
    return span;
  });
}
