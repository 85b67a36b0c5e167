import type { FieldNode, NearOperand, QueryNode } from "./query.ast.ts";

// Characters that end an unquoted word in the lexer, so a field value holding one must be quoted.
const needsQuotes = /[\s()"„“”]/u;

/** Writes a query in canonical form: explicit AND, uppercase operators, parentheses only where needed. */
export function formatQuery(node: QueryNode): string {
  switch (node.type) {
    case "term":
      return node.value;
    case "phrase":
      return `"${node.value}"`;
    case "wildcard":
      return `${node.stem}*`;
    case "field":
      return formatField(node);
    case "near":
      return `${formatNearOperand(node.left)} NEAR/${node.distance} ${formatNearOperand(node.right)}`;
    case "not":
      return `NOT ${formatChild(node.child, node.child.type === "and" || node.child.type === "or" || node.child.type === "near")}`;
    case "and":
      return node.children
        .map((child) => formatChild(child, child.type === "and" || child.type === "or"))
        .join(" AND ");
    case "or":
      return node.children.map((child) => formatChild(child, child.type === "or")).join(" OR ");
  }
}

function formatField(node: FieldNode): string {
  const value = needsQuotes.test(node.value) ? `"${node.value}"` : node.value;
  return `${node.field}:${value}`;
}

function formatNearOperand(operand: NearOperand): string {
  return formatChild(operand, operand.type === "or");
}

// A child in parentheses keeps its own grouping when it binds looser than its parent or is of the
// same kind, so parsing the output gives back the same tree.
function formatChild(child: QueryNode, parenthesise: boolean): string {
  return parenthesise ? `(${formatQuery(child)})` : formatQuery(child);
}
