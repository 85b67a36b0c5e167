import { describe, expect, it } from "vitest";
import { formatSpeed, parseTeamNames, speedOptions } from "./exerciseForm.ts";

describe("parseTeamNames", () => {
  it("takes one trimmed name per line and drops empty lines", () => {
    expect(parseTeamNames("  Team Nord \n\nTeam Süd\r\n   \n")).toEqual(["Team Nord", "Team Süd"]);
  });

  it("keeps each name once, ignoring case", () => {
    expect(parseTeamNames("Krisenstab\nkrisenstab\nKRISENSTAB\nPresse")).toEqual(["Krisenstab", "Presse"]);
  });

  it("returns nothing for an empty field, so the server makes one team", () => {
    expect(parseTeamNames("")).toEqual([]);
    expect(parseTeamNames("\n \n")).toEqual([]);
  });

  it("cuts names to 80 characters and the list to 20 teams", () => {
    const long = "x".repeat(100);
    expect(parseTeamNames(long)[0]).toHaveLength(80);
    const many = Array.from({ length: 25 }, (_, i) => `Team ${i + 1}`).join("\n");
    expect(parseTeamNames(many)).toHaveLength(20);
  });
});

describe("speedOptions", () => {
  it("offers the six standard speeds", () => {
    expect(speedOptions(1)).toEqual([0.5, 1, 2, 5, 10, 20]);
  });

  it("adds the current speed in order when it is not a standard one", () => {
    expect(speedOptions(3)).toEqual([0.5, 1, 2, 3, 5, 10, 20]);
    expect(speedOptions(60)).toEqual([0.5, 1, 2, 5, 10, 20, 60]);
  });

  it("ignores a speed that makes no sense", () => {
    expect(speedOptions(0)).toEqual([0.5, 1, 2, 5, 10, 20]);
    expect(speedOptions(Number.NaN)).toEqual([0.5, 1, 2, 5, 10, 20]);
  });
});

describe("formatSpeed", () => {
  it.each([
    [0.5, "de", "0,5×"],
    [0.5, "en", "0.5×"],
    [20, "de", "20×"],
    [0.25, "en", "0.25×"],
  ])("shows %d in %s as %s", (speed, lang, expected) => {
    expect(formatSpeed(speed, lang)).toBe(expected);
  });
});
