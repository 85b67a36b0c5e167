import { describe, expect, it } from "vitest";
import { placeQueryCaret } from "./queryCaret.ts";

describe("placeQueryCaret", () => {
  it("puts the caret under the offending character of a one-line query", () => {
    const query = '(kündigung OR störung AND "telekom';
    const caret = placeQueryCaret(query, 26);
    expect(caret).toMatchObject({ line: 1, column: 26, lineText: query });
    expect(caret.marker).toBe(`${" ".repeat(26)}^`);
    expect(query[caret.column]).toBe('"');
  });

  it("finds the line and column in a multi-line query", () => {
    const query = "brandwache OR\nfeuerwache AND\n(NOT ausfall";
    const caret = placeQueryCaret(query, query.indexOf("(NOT") + 1);
    expect(caret).toMatchObject({ line: 3, column: 1, lineText: "(NOT ausfall", marker: " ^" });
  });

  it("points just past the end when the error is an unexpected end of input", () => {
    const caret = placeQueryCaret("foo AND", 7);
    expect(caret).toMatchObject({ line: 1, column: 7, marker: "       ^" });
  });

  it("clamps positions outside the query", () => {
    expect(placeQueryCaret("abc", 99).column).toBe(3);
    expect(placeQueryCaret("abc", -5).column).toBe(0);
    expect(placeQueryCaret("", 0)).toMatchObject({ line: 1, column: 0, lineText: "", marker: "^" });
  });

  it("handles a position right at a line break as the end of that line", () => {
    const caret = placeQueryCaret("a AND\nb", 5);
    expect(caret).toMatchObject({ line: 1, column: 5, lineText: "a AND" });
  });

  it("shows tabs as single spaces so the marker lines up", () => {
    const caret = placeQueryCaret("a\tOR (", 6);
    expect(caret.lineText).toBe("a OR (");
    expect(caret.marker).toBe("      ^");
  });
});
