import type { QueryNode } from "./query.ast.ts";

/**
 * The words, phrases and stems a query looks for (not those it excludes with NOT, not field filters), for
 * platforms whose search needs terms of its own (Bluesky, X, Reddit). Stems lose their `*`; a phrase
 * keeps its quotes. In order of first appearance, without repeats.
 */
export function queryWords(node: QueryNode): string[] {
  const words: string[] = [];
  const walk = (n: QueryNode | { type: "or"; children: QueryNode[] }) => {
    switch (n.type) {
      case "term":
        words.push(n.value);
        break;
      case "phrase":
        words.push(`"${n.value}"`);
        break;
      case "wildcard":
        words.push(n.stem);
        break;
      case "near":
        walk(n.left as QueryNode);
        walk(n.right as QueryNode);
        break;
      case "and":
      case "or":
        for (const child of n.children) walk(child);
        break;
      default:
        // NOT and field filters say nothing a platform search should look for.
        break;
    }
  };
  walk(node);
  return [...new Set(words)];
}
