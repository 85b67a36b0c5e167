import {
  maxQueryDepth,
  maxQueryLength,
  type NearOperand,
  type QueryError,
  type QueryErrorCode,
  type QueryNode,
} from "./query.ast.ts";
import { lexQuery, type QueryToken } from "./query.lexer.ts";

/** The outcome of parsing: the query's syntax tree, or the first problem in it. */
export type ParseResult = { ok: true; ast: QueryNode } | { ok: false; error: QueryError };

// Thrown only inside this module to unwind the recursive descent; parseQuery turns it into a result.
class QuerySyntaxError extends Error {
  constructor(readonly error: QueryError) {
    super(error.message);
  }
}

/**
 * Parses a Boolean topic query (AND, OR, NOT, NEAR/n, "phrases", word*, author:, lang:, platform:);
 * never throws. Precedence from tightest: NOT, NEAR, AND (also implicit between operands), OR.
 */
export function parseQuery(input: string): ParseResult {
  if (input.length > maxQueryLength) {
    return failure("too_long", maxQueryLength, `A query can be at most ${maxQueryLength} characters long.`);
  }
  if (input.trim() === "") return failure("empty", 0, "The query is empty.");
  const parser = new QueryParser(lexQuery(input));
  try {
    const ast = parser.parseQuery();
    const negative = parser.negativePosition(ast);
    if (negative !== undefined) {
      return failure(
        "only_negative",
        negative,
        "This query only says what to leave out, so it would match nearly every post; add a term to look for.",
      );
    }
    return { ok: true, ast };
  } catch (caught) {
    if (caught instanceof QuerySyntaxError) return { ok: false, error: caught.error };
    throw caught;
  }
}

class QueryParser {
  private next = 0;
  private depth = 0;
  // Where each node starts in the input, to point an only_negative error at the right NOT.
  private readonly starts = new Map<QueryNode, number>();

  constructor(private readonly tokens: QueryToken[]) {}

  parseQuery(): QueryNode {
    const ast = this.parseOr();
    const rest = this.peek();
    if (rest.kind === "rparen") this.fail("unexpected_paren", rest.position, "This ) has no matching (.");
    if (rest.kind !== "end") this.fail("unexpected_token", rest.position, "Unexpected text here.");
    return ast;
  }

  /** The offset of the NOT that leaves the query without anything positive to match, if any. */
  negativePosition(node: QueryNode): number | undefined {
    switch (node.type) {
      case "not":
        return this.starts.get(node) ?? 0;
      case "and": {
        const positions = node.children.map((child) => this.negativePosition(child));
        return positions.every((position) => position !== undefined) ? positions[0] : undefined;
      }
      case "or":
        for (const child of node.children) {
          const position = this.negativePosition(child);
          if (position !== undefined) return position;
        }
        return undefined;
      default:
        return undefined;
    }
  }

  private parseOr(): QueryNode {
    const start = this.peek().position;
    const children = [this.parseAnd()];
    while (this.peek().kind === "or") {
      this.expectOperandAfter(this.take());
      children.push(this.parseAnd());
    }
    return this.group("or", children, start);
  }

  private parseAnd(): QueryNode {
    const start = this.peek().position;
    const children = [this.parseNear()];
    for (;;) {
      const token = this.peek();
      if (token.kind === "and") this.expectOperandAfter(this.take());
      else if (!startsOperand(token)) break;
      children.push(this.parseNear());
    }
    return this.group("and", children, start);
  }

  private parseNear(): QueryNode {
    const start = this.peek().position;
    const left = this.parseUnary();
    const near = this.peek();
    if (near.kind !== "near") return left;
    this.expectOperandAfter(this.take());
    const right = this.parseUnary();
    if (!isNearOperand(left) || !isNearOperand(right)) {
      this.fail(
        "bad_near",
        near.position,
        "NEAR joins words, phrases, wildcards or parenthesised OR-groups of them, e.g. (kündig* OR storno) NEAR/3 vertrag.",
      );
    }
    const after = this.peek();
    if (after.kind === "near") {
      this.fail("bad_near", after.position, "NEAR can't be chained; combine two NEARs with AND.");
    }
    return this.at({ type: "near", distance: near.distance, left, right }, start);
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token.kind !== "not") return this.parsePrimary();
    this.take();
    this.enter(token.position);
    this.expectOperandAfter(token);
    const child = this.parseUnary();
    this.depth -= 1;
    return this.at({ type: "not", child }, token.position);
  }

  private parsePrimary(): QueryNode {
    const token = this.take();
    switch (token.kind) {
      case "operand":
        return this.at(token.node, token.position);
      case "lparen": {
        this.enter(token.position);
        if (this.peek().kind === "rparen") {
          this.fail("missing_operand", token.position, "The parentheses are empty.");
        }
        const inner = this.parseOr();
        const close = this.take();
        if (close.kind !== "rparen") this.fail("unclosed_paren", token.position, "This ( is never closed.");
        this.depth -= 1;
        return inner;
      }
      case "rparen":
        return this.fail("unexpected_paren", token.position, "This ) has no matching (.");
      case "end":
        return this.fail("missing_operand", token.position, "A term is missing at the end.");
      default:
        return this.fail("missing_operand", token.position, `${operatorName(token)} needs a term before it.`);
    }
  }

  private expectOperandAfter(operator: QueryToken): void {
    if (!startsOperand(this.peek())) {
      this.fail("missing_operand", operator.position, `${operatorName(operator)} needs a term after it.`);
    }
  }

  private enter(position: number): void {
    this.depth += 1;
    if (this.depth > maxQueryDepth) {
      this.fail("too_deep", position, `Parentheses and NOTs can be nested at most ${maxQueryDepth} deep.`);
    }
  }

  private group(type: "and" | "or", children: QueryNode[], start: number): QueryNode {
    const [only] = children;
    if (children.length === 1 && only !== undefined) return only;
    return this.at({ type, children }, start);
  }

  private at(node: QueryNode, start: number): QueryNode {
    this.starts.set(node, start);
    return node;
  }

  // The lexer stops at its first error, so reaching that token means everything before it was fine.
  private peek(): Exclude<QueryToken, { kind: "error" }> {
    const token = this.tokens[this.next] ?? { kind: "end", position: 0 };
    if (token.kind === "error") throw new QuerySyntaxError(token.error);
    return token;
  }

  private take(): Exclude<QueryToken, { kind: "error" }> {
    const token = this.peek();
    if (token.kind !== "end") this.next += 1;
    return token;
  }

  private fail(code: QueryErrorCode, position: number, message: string): never {
    throw new QuerySyntaxError({ code, message, position });
  }
}

function startsOperand(token: QueryToken): boolean {
  return token.kind === "operand" || token.kind === "lparen" || token.kind === "not";
}

function isNearOperand(node: QueryNode): node is NearOperand {
  const isWord = (candidate: QueryNode) =>
    candidate.type === "term" || candidate.type === "phrase" || candidate.type === "wildcard";
  return isWord(node) || (node.type === "or" && node.children.every(isWord));
}

function operatorName(token: QueryToken): string {
  switch (token.kind) {
    case "and":
      return "AND";
    case "or":
      return "OR";
    case "not":
      return "NOT";
    case "near":
      return `NEAR/${token.distance}`;
    default:
      return "This operator";
  }
}

function failure(code: QueryErrorCode, position: number, message: string): ParseResult {
  return { ok: false, error: { code, message, position } };
}
