import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import fc from "fast-check";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../test/harness.ts";
import { copyTextRow, copyTextValue } from "./copy-text.ts";

/** PostgreSQL's reading of one text-format line (the escapes copyTextValue writes, and \N). */
function parseLine(line: string): (string | null)[] {
  expect(line.endsWith("\n")).toBe(true);
  return line
    .slice(0, -1)
    .split("\t")
    .map((column) =>
      column === "\\N"
        ? null
        : column.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r" })[c] ?? c),
    );
}

describe("COPY text format", () => {
  it("escapes what would end a column, a row or the data", () => {
    expect(copyTextValue("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyTextValue("\\.")).toBe("\\\\.");
    expect(copyTextRow(["x", null, undefined, 3])).toBe("x\t\\N\t\\N\t3\n");
  });

  it("writes dates as ISO 8601 and objects as JSON", () => {
    expect(copyTextValue(new Date("2026-12-04T06:00:00Z"))).toBe("2026-12-04T06:00:00.000Z");
    expect(copyTextValue({ likes: 2, note: "a\tb" })).toBe('{"likes":2,"note":"a\\\\tb"}'); // JSON's \t, its backslash escaped
  });

  it("reads back as the values it was given, whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ unit: "binary" }), { nil: null }), { minLength: 1 }),
        (values) => {
          const line = copyTextRow(values);
          expect(line.indexOf("\n")).toBe(line.length - 1);
          expect(parseLine(line)).toEqual(values);
        },
      ),
    );
  });
});

describe.skipIf(!testDatabaseUrl)("COPY text format on PostgreSQL", () => {
  it("stores every value as given, tabs, newlines, backslashes, emoji and JSON included", async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      await client.query("create temporary table copy_text_check (n int, t text, j jsonb, at timestamptz)");
      const texts = ["plain", "tab\there", "line\nbreak\r\n", "back\\slash \\N \\.", "🔥 Störung", "", "\\"];
      const at = new Date("2026-12-04T06:00:00.123Z");
      const data = texts.map((t, n) => copyTextRow([n, t, { t, n }, at])).join("");
      await pipeline(Readable.from([data]), client.query(copyFrom("copy copy_text_check from stdin")));
      await pipeline(
        Readable.from([copyTextRow([99, null, null, null])]),
        client.query(copyFrom("copy copy_text_check from stdin")),
      );
      const { rows } = await client.query<{ n: number; t: string | null; j: unknown; at: Date | null }>(
        "select n, t, j, at from copy_text_check order by n",
      );
      expect(rows.slice(0, -1)).toEqual(texts.map((t, n) => ({ n, t, j: { t, n }, at })));
      expect(rows.at(-1)).toEqual({ n: 99, t: null, j: null, at: null });
    } finally {
      await client.end();
    }
  });
});
