import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMentions, resolveMentions } from "./mentions.ts";

const people = [
  { id: "u1", email: "anna@nordwind.example" },
  { id: "u2", email: "Ben.Kraus@nordwind.example" },
  { id: "u3", email: "anna@agentur.example" },
];

describe("mentions", () => {
  it("finds @local and @email mentions, lower-cased and without the full stop after them", () => {
    expect(parseMentions("@Ben.Kraus bitte prüfen, cc @anna@nordwind.example.")).toEqual([
      { kind: "local", value: "ben.kraus" },
      { kind: "email", value: "anna@nordwind.example" },
    ]);
  });

  it("ignores e-mail addresses written without @ in front and repeats", () => {
    expect(parseMentions("Mail an anna@nordwind.example, @ben @ben")).toEqual([
      { kind: "local", value: "ben" },
    ]);
  });

  it("resolves a local part only when exactly one colleague has it", () => {
    const ids = resolveMentions(parseMentions("@ben.kraus @anna @anna@agentur.example"), people);
    expect(ids).toEqual(["u2", "u3"]);
  });

  it("never throws and only returns people it was given (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ids = resolveMentions(parseMentions(text), people);
        for (const id of ids) expect(["u1", "u2", "u3"]).toContain(id);
      }),
    );
  });
});
