import type { FieldProblem } from "../app/api.ts";

/** The non-empty, trimmed lines of a one-entry-per-line text field. */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A list as the text of a one-entry-per-line field. */
export function listToLines(list: readonly string[]): string {
  return list.join("\n");
}

/** A server problem about a list field: `index` is the entry (`domains.2` → 2), absent for the list as a whole. */
export interface ListProblem {
  index: number | undefined;
  /** What follows the index, e.g. `handle` for `officialAccounts.1.handle`; "" if nothing. */
  subfield: string;
  message: string;
}

/** The problems the server named for `field` or any of its entries, e.g. `domains`, `domains.0`. */
export function listProblems(errors: readonly FieldProblem[] | undefined, field: string): ListProblem[] {
  const problems: ListProblem[] = [];
  for (const error of errors ?? []) {
    const [head, index, ...rest] = error.field.split(".");
    if (head !== field) continue;
    const n = index === undefined ? Number.NaN : Number(index);
    problems.push({
      index: Number.isInteger(n) ? n : undefined,
      subfield: (Number.isInteger(n) ? rest : [index, ...rest]).filter(Boolean).join("."),
      message: error.message,
    });
  }
  return problems;
}
