// PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"):
// one line per row, columns separated by a tab, NULL written as \N; a backslash, tab, newline or carriage
// return inside a value is written as a backslash sequence, so no value can end a column, a row or the data
// (the end marker "\." needs a lone backslash, which escaping never leaves).

/** One value as a COPY text column: null and undefined as `\N`, a Date as ISO 8601, objects as JSON. */
export function copyTextValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  return text.replace(/[\\\t\n\r]/g, escapeUnit);
}

/** One row as a COPY text line, newline included. */
export function copyTextRow(values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : "\t") + copyTextValue(values[i]);
  return `${line}\n`;
}

function escapeUnit(unit: string): string {
  if (unit === "\\") return "\\\\";
  if (unit === "\t") return "\\t";
  if (unit === "\n") return "\\n";
  return "\\r";
}
