/** A cell of a CSV record: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/**
 * How a CSV file is written for the spreadsheet that opens it: `comma` (RFC 4180, decimal point) for most
 * programs and locales, `semicolon` (decimal comma) for spreadsheets set to German, which split a file at
 * semicolons and read "0.87" as text or a date.
 */
export const csvSeparators = ["comma", "semicolon"] as const;
export type CsvSeparator = (typeof csvSeparators)[number];

const dialects: Record<CsvSeparator, { delimiter: string; decimal: string }> = {
  comma: { delimiter: ",", decimal: "." },
  semicolon: { delimiter: ";", decimal: "," },
};

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection); a post's
// text is written by strangers, so "=HYPERLINK(…)" must arrive as text.
const formulaStart = /^[=+\-@\t\r]/;

/** Text a spreadsheet shows instead of running: a leading apostrophe before a formula character. */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * One CSV record ended by CRLF (RFC 4180): text cells quoted, with quotes doubled and formulas neutralised;
 * line breaks stay inside the quotes. Numbers are written unquoted with the separator's decimal mark;
 * `null`, `undefined` and non-finite numbers are empty cells.
 */
export function csvRecord(cells: readonly CsvCell[], separator: CsvSeparator = "comma"): string {
  const { delimiter, decimal } = dialects[separator];
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += delimiter;
    const cell = cells[i];
    if (typeof cell === "number") {
      if (Number.isFinite(cell)) line += decimal === "." ? String(cell) : String(cell).replace(".", decimal);
    } else if (typeof cell === "string") {
      line += `"${neutraliseFormula(cell).replaceAll('"', '""')}"`;
    }
  }
  return `${line}\r\n`;
}

/** The byte order mark that makes spreadsheets read a CSV file as UTF-8 (Excel reads ANSI without it). */
export const utf8Bom = "\uFEFF";
