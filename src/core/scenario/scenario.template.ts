import { drawOne, type Random } from "./seeded-random.ts";

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The names of the `{placeholders}` in a template, each once, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))];
}

/**
 * Draws one value per placeholder of the templates from the variable lists; a placeholder that appears
 * twice gets the same value both times, so "{city} … in {city}" stays one city.
 */
export function drawPlaceholderValues(
  templates: readonly string[],
  variables: Readonly<Record<string, readonly string[]>>,
  random: Random,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of placeholdersOf(templates.join("\n"))) {
    const choices = variables[name];
    if (choices !== undefined && choices.length > 0) values[name] = drawOne(random, choices);
  }
  return values;
}

/** Replaces each `{placeholder}` with its value; placeholders without a value stay as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
