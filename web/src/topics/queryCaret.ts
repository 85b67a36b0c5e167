/** Where to draw the caret under a query error: the line that holds the error and the column on it. */
export interface CaretPlacement {
  /** 1-based line number in the query. */
  line: number;
  /** 0-based column on that line (in UTF-16 code units, as the server counts `position`). */
  column: number;
  /** The text of that line, tabs shown as one space so the caret lines up. */
  lineText: string;
  /** The marker line: spaces up to the column, then `^`. */
  marker: string;
}

/** Places a caret under `position` (0-based offset into `query`), clamped to the query's end. */
export function placeQueryCaret(query: string, position: number): CaretPlacement {
  const offset = Math.max(0, Math.min(Number.isFinite(position) ? Math.trunc(position) : 0, query.length));
  const lineStart = query.lastIndexOf("\n", offset - 1) + 1;
  const lineEndRaw = query.indexOf("\n", offset);
  const lineEnd = lineEndRaw === -1 ? query.length : lineEndRaw;
  const line = query.slice(0, lineStart).split("\n").length;
  const column = offset - lineStart;
  const lineText = query.slice(lineStart, lineEnd).replace(/[\t\r]/g, " ");
  return { line, column, lineText, marker: `${" ".repeat(column)}^` };
}
