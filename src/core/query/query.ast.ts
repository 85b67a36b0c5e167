/** A word as the user typed it (`Gebühren`, `#bahnstreik`, `e-mail`); words joined by punctuation match as a phrase. */
export interface TermNode {
  type: "term";
  value: string;
}

/** Words in double quotes that must appear next to each other in this order. */
export interface PhraseNode {
  type: "phrase";
  value: string;
}

/** A word stem followed by `*` (`störung*`), matching every word that starts with the stem. */
export interface WildcardNode {
  type: "wildcard";
  stem: string;
}

/** The fields a query can filter on besides the text. */
export type QueryField = "author" | "lang" | "platform";

/** A filter on the post's metadata: `author:nordwind`, `lang:de`, `platform:mastodon`. */
export interface FieldNode {
  type: "field";
  field: QueryField;
  value: string;
}

/** The operands NEAR accepts: words, phrases, wildcards. */
export type WordNode = TermNode | PhraseNode | WildcardNode;

/** A parenthesised OR-group of words, the only group NEAR accepts (`(kündig* OR storno)`). */
export interface WordGroupNode {
  type: "or";
  children: WordNode[];
}

/** One side of a NEAR: a word or an OR-group of words. */
export type NearOperand = WordNode | WordGroupNode;

/** Both sides within `distance` words of each other, in either order (`kündig* NEAR/3 vertrag`). */
export interface NearNode {
  type: "near";
  /** The most words allowed between the two sides, as in Brandwatch's NEAR/n. */
  distance: number;
  left: NearOperand;
  right: NearOperand;
}

/** Matches when its child does not. */
export interface NotNode {
  type: "not";
  child: QueryNode;
}

/** Matches when every child matches; at least two children. */
export interface AndNode {
  type: "and";
  children: QueryNode[];
}

/** Matches when any child matches; at least two children. */
export interface OrNode {
  type: "or";
  children: QueryNode[];
}

/** A parsed Boolean topic query. */
export type QueryNode =
  | TermNode
  | PhraseNode
  | WildcardNode
  | FieldNode
  | NearNode
  | NotNode
  | AndNode
  | OrNode;

/** Language codes `lang:` accepts. */
export const queryLanguages = ["de", "en", "other"] as const;

/** Platform names `platform:` accepts; also the platforms a post can come from (posts.schema.ts). */
export const queryPlatforms = [
  "mastodon",
  "bluesky",
  "rss",
  "reddit",
  "youtube",
  "facebook",
  "instagram",
  "x",
  "webhook",
  "import",
  "scenario",
] as const;

/** Stable codes of query syntax errors. */
export type QueryErrorCode =
  | "empty"
  | "unexpected_token"
  | "unclosed_paren"
  | "unexpected_paren"
  | "unclosed_quote"
  | "missing_operand"
  | "bad_near"
  | "bad_wildcard"
  | "unknown_field"
  | "bad_field_value"
  | "only_negative"
  | "too_long"
  | "too_deep";

/** The first problem found in a query, with a 0-based offset into the input. */
export type QueryError = {
  code: QueryErrorCode;
  message: string;
  /** 0-based offset into the input, at most its length. */
  position: number;
};

/** The longest query accepted, in UTF-16 code units; the topic schema allows the same. */
export const maxQueryLength = 4000;

/** The deepest nesting of parentheses and NOTs accepted. */
export const maxQueryDepth = 32;
