import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvCell, csvRecord, csvSeparators, neutraliseFormula } from "./csv.ts";

const read = (text: string, delimiter: string): string[][] =>
  parse(text, { delimiter, relax_column_count: false, bom: true });

describe("csvRecord", () => {
  it("quotes text, doubles quotes, keeps line breaks inside the quotes and ends with CRLF", () => {
    expect(csvRecord(["a", 'sagt "hallo"', "zwei\nZeilen", 3, null, undefined])).toBe(
      '"a","sagt ""hallo""","zwei\nZeilen",3,,\r\n',
    );
  });

  it("writes semicolons and decimal commas for spreadsheets set to German", () => {
    expect(csvRecord(["Störung; seit 8 Uhr", 0.8731, 12, -0.5], "semicolon")).toBe(
      '"Störung; seit 8 Uhr";0,8731;12;-0,5\r\n',
    );
  });

  it("leaves non-finite numbers empty", () => {
    expect(csvRecord([Number.NaN, Number.POSITIVE_INFINITY, 1])).toBe(",,1\r\n");
  });

  it("turns a formula a stranger wrote into text a spreadsheet shows", () => {
    for (const attack of [
      '=HYPERLINK("http://evil.example","Klick")',
      "+1+1",
      "-2+3",
      "@SUM(A1)",
      "\t=1",
      "\r=1",
    ])
      expect(neutraliseFormula(attack)).toBe(`'${attack}`);
    expect(neutraliseFormula("Kein Netz = kein Geld")).toBe("Kein Netz = kein Geld");
    expect(csvRecord(["=1+1"])).toBe('"\'=1+1"\r\n');
  });

  it("reads back as the same cells with a standard CSV parser, whatever the text (property)", () => {
    const cell: fc.Arbitrary<CsvCell> = fc.oneof(
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: fc.constantFrom('"', ",", ";", "\n", "\r", "a", "ä", "=", "@", " ", "😡") }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...csvSeparators),
        (rows, separator) => {
          const width = rows[0]?.length ?? 1;
          const table = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null));
          const text = table.map((row) => csvRecord(row, separator)).join("");
          const parsed = read(text, separator === "comma" ? "," : ";");
          const expected = table.map((row) =>
            row.map((c) => {
              if (typeof c === "string") return neutraliseFormula(c);
              if (typeof c === "number")
                return separator === "comma" ? String(c) : String(c).replace(".", ",");
              return "";
            }),
          );
          expect(parsed).toEqual(expected);
        },
      ),
    );
  });
});
