import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillTemplate, unknownVariables } from "./template.ts";

const vars = { author: "@kunde42", name: "Kim Weber", ticket: "#1042", agent: "Anna Beck", org: "Nordwind" };

describe("saved-reply templates", () => {
  it("fills every variable", () => {
    const result = fillTemplate(
      "Hallo {name} ({author}), zu {ticket}: {agent} von {org} kümmert sich.",
      vars,
    );
    expect(result).toEqual({
      ok: true,
      text: "Hallo Kim Weber (@kunde42), zu #1042: Anna Beck von Nordwind kümmert sich.",
    });
  });

  it("names unknown variables once each, in order", () => {
    expect(fillTemplate("{kunde} {name} {vertrag} {kunde}", vars)).toEqual({
      ok: false,
      unknown: ["kunde", "vertrag"],
    });
    expect(unknownVariables("{ name } {} {1x}")).toEqual([]);
  });

  it("does not fill variables inside values (a display name with braces stays as written)", () => {
    const result = fillTemplate("{name}", { ...vars, name: "{ticket}" });
    expect(result).toEqual({ ok: true, text: "{ticket}" });
  });

  it("keeps text without braces unchanged (property)", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes("{")),
        (text) => {
          expect(fillTemplate(text, vars)).toEqual({ ok: true, text });
        },
      ),
    );
  });

  it("puts each value where its variable was (property)", () => {
    const variable = fc.constantFrom("author", "name", "ticket", "agent", "org");
    const plain = fc.string().filter((s) => !s.includes("{") && !s.includes("}"));
    fc.assert(
      fc.property(fc.array(fc.tuple(plain, variable), { maxLength: 8 }), plain, (parts, tail) => {
        const text = parts.map(([p, v]) => `${p}{${v}}`).join("") + tail;
        const expected = parts.map(([p, v]) => p + vars[v]).join("") + tail;
        expect(fillTemplate(text, vars)).toEqual({ ok: true, text: expected });
      }),
    );
  });
});
