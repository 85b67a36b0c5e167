// Saved replies are text with variables in braces ("Hallo {name}, danke für Ihre Nachricht zu {ticket}").

/** The variables a saved reply may use. */
export const templateVariables = ["author", "name", "ticket", "agent", "org"] as const;
export type TemplateVariable = (typeof templateVariables)[number];

const variablePattern = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names in braces that are not variables a saved reply may use, in order of first appearance. */
export function unknownVariables(text: string): string[] {
  const known = new Set<string>(templateVariables);
  const unknown: string[] = [];
  for (const match of text.matchAll(variablePattern)) {
    const name = match[1] ?? "";
    if (!known.has(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** The result of filling a template: the text, or the unknown variables that stopped it. */
export type FillResult = { ok: true; text: string } | { ok: false; unknown: string[] };

/**
 * Replaces each `{variable}` by its value, in one pass (a value that itself contains braces stays as it is).
 * Unknown variable names are an error naming them; text outside braces is kept byte for byte.
 */
export function fillTemplate(text: string, vars: Record<TemplateVariable, string>): FillResult {
  const unknown = unknownVariables(text);
  if (unknown.length > 0) return { ok: false, unknown };
  return {
    ok: true,
    text: text.replace(variablePattern, (_whole, name: string) => vars[name as TemplateVariable]),
  };
}
