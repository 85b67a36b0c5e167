import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario } from "./scenario.load.ts";

/** A small but complete scenario file; tests break one line of it at a time. */
const VALID = `id: hafen-test
version: 1
title: { de: "Hafentest", en: "Harbour test" }
summary: { de: "Kurz", en: "Short" }
organisation:
  name: "Nordwind Mobil GmbH"
  handles: [nordwindmobil]
  domains: [nordwind-mobil.de]
  hashtags: ["#Nordwind"]
seed: 7
durationMinutes: 10
variables:
  city: [Hamburg, Kiel]
personas:
  - id: official
    handle: nordwindmobil
    displayName: Nordwind Mobil
    group: official_account
    lang: de
crowds:
  - id: customers
    count: 50
    handle: "kunde_{n}"
    displayName: "Kunde aus {city}"
    group: customer
    followers: { min: 0, max: 500 }
    lang: { de: 7, en: 3 }
injects:
  - id: statement
    at: 2m
    persona: official
    platform: x
    text: "Wir haben eine Störung."
  - id: update
    at: 5m
    persona: official
    platform: x
    text: "Update: behoben."
    replyTo: statement
streams:
  - id: chatter
    rate: 6
    crowds: [customers]
    platforms: { x: 2, mastodon: 1 }
    templates:
      de: ["Netz in {city} ist gut."]
      en: ["Signal in {city} is fine."]
`;

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line with ${needle}`);
  return index + 1;
}

function errorsOf(text: string) {
  const result = loadScenario(text, "hafen.yaml");
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.errors;
}

describe("loadScenario", () => {
  it("accepts a complete file and fills in the defaults", () => {
    const result = loadScenario(VALID, "hafen.yaml");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.version).toBe("1");
    expect(result.scenario.afterScript).toBe("stop");
    expect(result.scenario.injects[0]?.at).toBe(120_000);
    expect(result.scenario.streams[0]?.kind).toBe("background");
    expect(result.scenario.personas[0]?.followers).toBe(0);
  });

  it("names file, line and column of a YAML syntax error", () => {
    const broken = VALID.replace('text: "Update: behoben."', 'text: "Update: behoben.');
    const [error] = errorsOf(broken);
    expect(error).toMatchObject({ file: "hafen.yaml", field: "" });
    expect(error?.line).toBeGreaterThanOrEqual(lineOf(VALID, "Update: behoben."));
    expect(error?.column).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["a wrong type", '    text: "Update: behoben."', "    text: 42", "injects.1.text", /expected string/],
    ["a bad duration", "    at: 5m", "    at: 5 minutes", "injects.1.at", /not a duration/],
    ["an unknown group", "    group: customer", "    group: kunde", "crowds.0.group", /customer/],
    ["an unknown key", "    lang: de\n", "    lang: de\n    mood: happy\n", "personas.0.mood", /mood/],
    ["a min above max", "{ min: 0, max: 500 }", "{ min: 600, max: 500 }", "crowds.0.followers", /min/],
    [
      "an unknown persona",
      '    persona: official\n    platform: x\n    text: "Update',
      '    persona: offical\n    platform: x\n    text: "Update',
      "injects.1.persona",
      /offical/,
    ],
    [
      "a reply to an unknown inject",
      "    replyTo: statement",
      "    replyTo: statment",
      "injects.1.replyTo",
      /statment/,
    ],
    [
      "a placeholder without variables",
      "Signal in {city}",
      "Signal in {town}",
      "streams.0.templates.en.0",
      /\{town\}/,
    ],
    [
      "a crowd handle without {n}",
      '    handle: "kunde_{n}"',
      '    handle: "kunde"',
      "crowds.0.handle",
      /\{n\}/,
    ],
    ["an inject after the script", "    at: 5m", "    at: 12m", "injects.1.at", /end of the script/],
    [
      "a stream of an unknown crowd",
      "    crowds: [customers]",
      "    crowds: [kunden]",
      "streams.0.crowds.0",
      /kunden/,
    ],
  ])("names the line and field of %s", (_, original, replacement, field, message) => {
    const broken = VALID.replace(original, replacement);
    expect(broken).not.toBe(VALID);
    const errors = errorsOf(broken);
    expect(errors).toHaveLength(1);
    const firstChangedLine = broken.split("\n").findIndex((line, i) => line !== VALID.split("\n")[i]) + 1;
    expect(errors[0]).toMatchObject({ file: "hafen.yaml", field, line: firstChangedLine });
    expect(errors[0]?.message).toMatch(message);
  });

  it("points a missing field at the item that lacks it", () => {
    const broken = VALID.replace('    text: "Update: behoben."\n', "");
    const [error] = errorsOf(broken);
    expect(error).toMatchObject({ field: "injects.1.text", line: lineOf(broken, "- id: update") });
    expect(error?.message).toMatch(/^missing/);
  });

  it("lists every problem of a file, in line order", () => {
    const broken = VALID.replace("seed: 7", "seed: -1").replace(
      '    platform: x\n    text: "Wir',
      '    platform: myspace\n    text: "Wir',
    );
    const errors = errorsOf(broken);
    expect(errors.map((error) => error.field)).toEqual(["seed", "injects.0.platform"]);
  });

  it("finds the line of a dangling persona in any inject of a longer file", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), (count, pick) => {
        const broken = pick % count;
        const injects = Array.from({ length: count }, (_, i) =>
          [
            `  - id: post-${i}`,
            `    at: ${i + 1}s`,
            `    persona: ${i === broken ? "ghost" : "official"}`,
            "    platform: mastodon",
            `    text: "Meldung ${i}"`,
          ].join("\n"),
        ).join("\n");
        const text = VALID.replace(/injects:[\s\S]*?streams:/, `injects:\n${injects}\nstreams:`);
        const errors = errorsOf(text);
        expect(errors).toEqual([
          expect.objectContaining({
            field: `injects.${broken}.persona`,
            line: lineOf(text, "persona: ghost"),
          }),
        ]);
      }),
    );
  });
});
