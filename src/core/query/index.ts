export type {
  AndNode,
  FieldNode,
  NearNode,
  NearOperand,
  NotNode,
  OrNode,
  PhraseNode,
  QueryError,
  QueryErrorCode,
  QueryField,
  QueryNode,
  TermNode,
  WildcardNode,
  WordGroupNode,
  WordNode,
} from "./query.ast.ts";
export { maxQueryDepth, maxQueryLength, queryLanguages, queryPlatforms } from "./query.ast.ts";
export { formatQuery } from "./query.format.ts";
export { maxNearDistance } from "./query.lexer.ts";
export type { CompiledQuery, MatchableDoc, PreparedDoc } from "./query.match.ts";
export { compileQuery, matchQuery, prepareDoc } from "./query.match.ts";
export type { ParseResult } from "./query.parser.ts";
export { parseQuery } from "./query.parser.ts";
