import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LineSplit, splitLines, startLineSplit } from "./x.ndjson.ts";

/** Feeds the chunks one by one and collects every line and the overlong count. */
function feed(chunks: readonly Uint8Array[], limit?: number) {
  let state: LineSplit = startLineSplit;
  const lines: string[] = [];
  let overlong = 0;
  for (const chunk of chunks) {
    const out = splitLines(state, chunk, limit);
    state = out.state;
    lines.push(...out.lines);
    overlong += out.overlong;
  }
  return { lines, overlong, rest: state.rest.toString("utf8") };
}

/** Cuts the bytes at the given offsets (sorted, duplicates allowed: empty chunks happen too). */
function cut(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const points = [...offsets].map((o) => o % (bytes.length + 1)).sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

// Lines without newlines, with German umlauts, emoji and CJK: 2-, 3- and 4-byte UTF-8 sequences.
const line = fc.string({ unit: fc.constantFrom("a", "{", '"', "ä", "ß", "€", "漢", "😀", "\r", " ") });
const ending = fc.constantFrom("\r\n", "\n");

describe("splitLines", () => {
  it("yields the same lines however the byte stream is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, ending), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (entries, offsets) => {
          const text = entries.map(([l, end]) => l + end).join("");
          const bytes = Buffer.from(text, "utf8");
          // What a line reader over the whole text gives: `\r\n` or `\n` ends a line.
          const expected = entries.map(([l, end]) => (end === "\n" && l.endsWith("\r") ? l.slice(0, -1) : l));

          const whole = feed([bytes]);
          const pieces = feed(cut(bytes, offsets));
          expect(whole.lines).toEqual(expected);
          expect(pieces.lines).toEqual(expected);
          expect(pieces.rest).toBe("");
        },
      ),
    );
  });

  it("keeps an unfinished line, split inside a multi-byte character, until its newline arrives", () => {
    const bytes = Buffer.from('{"text":"Störung 😀"}\r\n{"text":"Kündigung', "utf8");
    const emoji = bytes.indexOf(Buffer.from("😀")) + 2;
    const first = splitLines(startLineSplit, bytes.subarray(0, emoji));
    expect(first.lines).toEqual([]);

    const second = splitLines(first.state, bytes.subarray(emoji));
    expect(second.lines).toEqual(['{"text":"Störung 😀"}']);
    expect(second.state.rest.toString("utf8")).toBe('{"text":"Kündigung');

    const third = splitLines(second.state, Buffer.from('"}\r\n\r\n', "utf8"));
    expect(third.lines).toEqual(['{"text":"Kündigung"}', ""]);
  });

  it("hands a keep-alive over as an empty line", () => {
    expect(feed([Buffer.from("\r\n\r\n")]).lines).toEqual(["", ""]);
  });

  it("drops a line longer than the limit, counting it once, and reads on after its newline", () => {
    const long = "x".repeat(40);
    const chunks = cut(Buffer.from(`ok\r\n${long}\r\nnext\r\n`), [5, 12, 20, 30, 43]);
    expect(feed(chunks, 16)).toEqual({ lines: ["ok", "next"], overlong: 1, rest: "" });
    // Within one chunk as well.
    expect(feed([Buffer.from(`${long}\r\nnext\r\n`)], 16)).toMatchObject({ lines: ["next"], overlong: 1 });
  });

  it("counts overlong lines the same however they are cut", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, ending), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (entries, offsets) => {
          const bytes = Buffer.from(entries.map(([l, end]) => l + end).join(""), "utf8");
          expect(feed(cut(bytes, offsets), 8)).toEqual(feed([bytes], 8));
        },
      ),
    );
  });
});
