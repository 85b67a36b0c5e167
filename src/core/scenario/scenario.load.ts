import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { core, z } from "zod";
import { checkScenarioReferences, type ScenarioReferenceIssue } from "./scenario.references.ts";
import { Scenario } from "./scenario.schema.ts";

/** One problem in a scenario file, placed so an editor can jump to it. */
export interface ScenarioFileError {
  /** The file name as given to the loader. */
  file: string;
  /** Line in the file, 1-based. */
  line: number;
  /** Column in the line, 1-based. */
  column: number;
  /** Dotted path of the field (`injects.3.persona`); empty for YAML syntax errors. */
  field: string;
  /** What is wrong. */
  message: string;
}

/** A scenario ready to plan, or every problem found in its file. */
export type ScenarioLoadResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ScenarioFileError[] };

/** Parses and checks a scenario file (YAML syntax, schema, cross-references), naming file, line and field of each problem. */
export function loadScenario(text: string, fileName: string): ScenarioLoadResult {
  const loaded = loadYamlChecked(text, fileName, Scenario, checkScenarioReferences);
  return loaded.ok ? { ok: true, scenario: loaded.value } : loaded;
}

/**
 * Parses a YAML file and checks it against a zod schema and then `check` (cross-references the schema cannot
 * see); every problem names the file, line, column and dotted field path. Used by every scenario-like file.
 */
export function loadYamlChecked<S extends z.ZodType>(
  text: string,
  fileName: string,
  schema: S,
  check: (value: z.output<S>) => ScenarioReferenceIssue[],
): { ok: true; value: z.output<S> } | { ok: false; errors: ScenarioFileError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    // linePos reports line 0 for offsets before the first newline it counted.
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => ({
        file: fileName,
        ...at(error.pos[0]),
        field: "",
        message: error.message,
      })),
    };
  }

  // Unresolved aliases (`*x` without `&x`) and alias bombs only show when the document becomes values.
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ file: fileName, line: 1, column: 1, field: "", message }] };
  }
  const parsed = schema.safeParse(value);
  const problems = parsed.success
    ? check(parsed.data)
    : parsed.error.issues.map((issue) => ({ path: issuePath(issue), message: issue.message }));
  if (parsed.success && problems.length === 0) return { ok: true, value: parsed.data };

  const errors = problems.map(({ path, message }) => {
    const found = locateNode(doc, path);
    return {
      file: fileName,
      ...at(found.offset),
      field: path.join("."),
      message: found.complete ? message : `missing: ${message}`,
    };
  });
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}

/** The path of a zod issue, down to the first unknown key when the issue is about unknown keys. */
function issuePath(issue: core.$ZodIssue): (string | number)[] {
  const path = issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
  return issue.code === "unrecognized_keys" && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
}

/**
 * Walks the YAML document along a field path and returns the offset of the deepest node that exists,
 * and whether the whole path exists (it does not when a required field is missing).
 */
function locateNode(doc: Document, path: (string | number)[]): { offset: number; complete: boolean } {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) return { offset, complete: false };
      // The key's line reads best: a nested block's value only starts on the next line.
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return { offset, complete: false };
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      return { offset, complete: false };
    }
  }
  return { offset, complete: true };
}

/** The start offset of a parsed YAML node, if it has one. */
function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
