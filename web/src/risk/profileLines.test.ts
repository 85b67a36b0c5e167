import { describe, expect, it } from "vitest";
import { linesToList, listProblems, listToLines } from "./profileLines.ts";

describe("one entry per line", () => {
  it("drops blank lines and surrounding spaces, also with Windows line ends", () => {
    expect(linesToList("  Nordwind\r\n\r\nNordwind Mobil  \n   \n")).toEqual(["Nordwind", "Nordwind Mobil"]);
  });

  it("round-trips a list", () => {
    const list = ["Dr. Jana Küster", "Malte Øberg"];
    expect(linesToList(listToLines(list))).toEqual(list);
  });
});

describe("listProblems", () => {
  const errors = [
    { field: "domains.1", message: "a domain like example.de" },
    { field: "domains", message: "Too many entries" },
    { field: "officialAccounts.0.handle", message: "Too small" },
    { field: "domainsExtra", message: "unrelated" },
    { field: "brandNames.3", message: "Too long" },
  ];

  it("finds the problems of one list field, with the entry each concerns", () => {
    expect(listProblems(errors, "domains")).toEqual([
      { index: 1, subfield: "", message: "a domain like example.de" },
      { index: undefined, subfield: "", message: "Too many entries" },
    ]);
  });

  it("keeps the subfield of an entry", () => {
    expect(listProblems(errors, "officialAccounts")).toEqual([
      { index: 0, subfield: "handle", message: "Too small" },
    ]);
  });

  it("finds nothing without errors", () => {
    expect(listProblems(undefined, "domains")).toEqual([]);
  });
});
