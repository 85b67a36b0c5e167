import { foldText } from "../text/normalize.ts";
import { type Token, type TokenPrefix, tokenize } from "../text/tokens.ts";
import type { NearOperand, QueryField, QueryNode } from "./query.ast.ts";

/** The fields of a post a query looks at. */
export interface MatchableDoc {
  text: string;
  authorHandle: string;
  lang: string;
  platform: string;
}

/** A post tokenized and indexed once, so many topic queries can be matched against it cheaply. */
export interface PreparedDoc {
  /** The post's words in order; a word's index is its position for phrases and NEAR. */
  tokens: readonly Token[];
  /** Positions of each folded word in `tokens`, in increasing order. */
  positionsByWord: ReadonlyMap<string, readonly number[]>;
  /** The distinct folded words in code-unit order, so a wildcard finds its words by binary search. */
  sortedWords: readonly string[];
  /** The author handle folded, without a leading @. */
  author: string;
  /** The post's language code, lowercased. */
  lang: string;
  /** The post's platform name, lowercased. */
  platform: string;
}

/** One word of a compiled term or phrase. */
interface CompiledWord {
  text: string;
  prefix?: TokenPrefix;
}

/** A way to find stretches of the document's words: an exact word sequence or a word prefix. */
type CompiledSpanSource =
  | { kind: "sequence"; words: CompiledWord[] }
  | { kind: "prefix"; stem: string; prefix?: TokenPrefix };

/** A query node with its words folded and split ahead of matching. */
type CompiledNode =
  | { kind: "spans"; sources: CompiledSpanSource[] }
  | { kind: "field"; field: QueryField; value: string }
  | { kind: "near"; distance: number; left: CompiledSpanSource[]; right: CompiledSpanSource[] }
  | { kind: "not"; child: CompiledNode }
  | { kind: "and" | "or"; children: CompiledNode[] };

/** A query ready to match: words folded once, not per document. */
export interface CompiledQuery {
  root: CompiledNode;
}

/** A stretch of the document's words, from `start` to `end` inclusive (indexes into `tokens`). */
interface Span {
  start: number;
  end: number;
}

/** Folds a parsed query's words once so it can be matched against many documents. */
export function compileQuery(ast: QueryNode): CompiledQuery {
  return { root: compileNode(ast) };
}

/** Tokenizes and indexes a post once, for matching against many compiled queries. */
export function prepareDoc(doc: MatchableDoc): PreparedDoc {
  const tokens = tokenize(doc.text);
  const positionsByWord = new Map<string, number[]>();
  tokens.forEach((token, position) => {
    const positions = positionsByWord.get(token.text);
    if (positions) positions.push(position);
    else positionsByWord.set(token.text, [position]);
  });
  return {
    tokens,
    positionsByWord,
    sortedWords: [...positionsByWord.keys()].sort(),
    author: foldHandle(doc.authorHandle),
    lang: doc.lang.toLowerCase(),
    platform: doc.platform.toLowerCase(),
  };
}

/** Tells whether a post matches a compiled query; pass a PreparedDoc when matching many queries. */
export function matchQuery(query: CompiledQuery, doc: MatchableDoc | PreparedDoc): boolean {
  return matchNode(query.root, "positionsByWord" in doc ? doc : prepareDoc(doc));
}

function compileNode(node: QueryNode): CompiledNode {
  switch (node.type) {
    case "term":
    case "phrase":
    case "wildcard":
      return { kind: "spans", sources: [compileSpanSource(node)] };
    case "field":
      return {
        kind: "field",
        field: node.field,
        value: node.field === "author" ? foldHandle(node.value) : node.value,
      };
    case "near":
      return {
        kind: "near",
        distance: node.distance,
        left: compileNearOperand(node.left),
        right: compileNearOperand(node.right),
      };
    case "not":
      return { kind: "not", child: compileNode(node.child) };
    case "and":
    case "or":
      return { kind: node.type, children: node.children.map(compileNode) };
  }
}

function compileNearOperand(operand: NearOperand): CompiledSpanSource[] {
  return operand.type === "or" ? operand.children.map(compileSpanSource) : [compileSpanSource(operand)];
}

function compileSpanSource(node: Exclude<NearOperand, { type: "or" }>): CompiledSpanSource {
  const text = node.type === "wildcard" ? node.stem : node.value;
  const words: CompiledWord[] = tokenize(text).map((token) =>
    token.prefix ? { text: token.text, prefix: token.prefix } : { text: token.text },
  );
  const [only] = words;
  if (node.type === "wildcard" && only !== undefined) {
    return only.prefix
      ? { kind: "prefix", stem: only.text, prefix: only.prefix }
      : { kind: "prefix", stem: only.text };
  }
  return { kind: "sequence", words };
}

function matchNode(node: CompiledNode, doc: PreparedDoc): boolean {
  switch (node.kind) {
    case "spans":
      return node.sources.some((source) => findSpans(source, doc).length > 0);
    case "field":
      return doc[node.field] === node.value;
    case "near":
      return areNear(collectSpans(node.left, doc), collectSpans(node.right, doc), node.distance);
    case "not":
      return !matchNode(node.child, doc);
    case "and":
      return node.children.every((child) => matchNode(child, doc));
    case "or":
      return node.children.some((child) => matchNode(child, doc));
  }
}

function collectSpans(sources: CompiledSpanSource[], doc: PreparedDoc): Span[] {
  return sources.flatMap((source) => findSpans(source, doc));
}

function findSpans(source: CompiledSpanSource, doc: PreparedDoc): Span[] {
  if (source.kind === "prefix") {
    const spans: Span[] = [];
    for (let index = lowerBound(doc.sortedWords, source.stem); index < doc.sortedWords.length; index += 1) {
      const word = doc.sortedWords[index] as string;
      if (!word.startsWith(source.stem)) break;
      for (const position of doc.positionsByWord.get(word) ?? []) {
        if (hasPrefix(doc.tokens[position], source.prefix)) spans.push({ start: position, end: position });
      }
    }
    return spans;
  }
  const [first, ...rest] = source.words;
  if (first === undefined) return [];
  const spans: Span[] = [];
  for (const start of doc.positionsByWord.get(first.text) ?? []) {
    if (!hasPrefix(doc.tokens[start], first.prefix)) continue;
    const follows = rest.every((word, offset) => {
      const token = doc.tokens[start + 1 + offset];
      return token !== undefined && token.text === word.text && hasPrefix(token, word.prefix);
    });
    if (follows) spans.push({ start, end: start + rest.length });
  }
  return spans;
}

// A query word without # or @ also finds the hashtag or mention (as in Brandwatch); one with a
// prefix finds only the hashtag or only the mention.
function hasPrefix(token: Token | undefined, prefix: TokenPrefix | undefined): boolean {
  return token !== undefined && (prefix === undefined || token.prefix === prefix);
}

/** Whether some left span and some right span, not overlapping, have at most `distance` words between them. */
function areNear(left: Span[], right: Span[], distance: number): boolean {
  if (left.length === 0 || right.length === 0) return false;
  const rightByStart = [...right].sort((a, b) => a.start - b.start);
  const rightByEnd = [...right].sort((a, b) => a.end - b.end);
  const starts = rightByStart.map((span) => span.start);
  const ends = rightByEnd.map((span) => span.end);
  return left.some((span) => {
    // The nearest right span after this one starts at the first start past span.end.
    const after = starts[lowerBound(starts, span.end + 1)];
    if (after !== undefined && after - span.end - 1 <= distance) return true;
    // The nearest right span before this one ends at the last end before span.start.
    const before = ends[lowerBound(ends, span.start) - 1];
    return before !== undefined && span.start - before - 1 <= distance;
  });
}

/** The first index in a sorted array whose value is not less than `target`. */
function lowerBound<T extends number | string>(sorted: readonly T[], target: T): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as T) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

function foldHandle(handle: string): string {
  return foldText(handle.trim().replace(/^@/, ""));
}
