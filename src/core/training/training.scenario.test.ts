import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScenarioFileError } from "../scenario/scenario.load.ts";
import { planScenario } from "../scenario/scenario.plan.ts";
import {
  type AddedInject,
  allInjectIds,
  branchInjects,
  loadTrainingScenario,
  playerScenario,
} from "./training.scenario.ts";
import type { TrainingScenario } from "./training.schema.ts";

const libraryDir = "scenarios/training";
const libraryFiles = readdirSync(libraryDir)
  .filter((name) => name.endsWith(".yaml"))
  .sort();
const complaintFile = `${libraryDir}/complaint-escalates.yaml`;
const complaintText = readFileSync(complaintFile, "utf8");

const min = 60_000;
const s = 1000;

/** Loads a file's text that must be valid. */
function mustLoad(text: string, fileName = "test.yaml"): TrainingScenario {
  const loaded = loadTrainingScenario(text, fileName);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors, null, 2));
  return loaded.scenario;
}

const complaint = mustLoad(complaintText, complaintFile);

/** The library file with one exact piece of text replaced (the piece must be there, once). */
function edited(find: string, replace: string): string {
  const index = complaintText.indexOf(find);
  if (index < 0 || complaintText.indexOf(find, index + 1) >= 0)
    throw new Error(`not once in the file: ${find}`);
  return complaintText.replace(find, replace);
}

/**
 * The 1-based line and column where `marker` (it must be there once) starts in `text`, or where `inner`
 * starts inside it.
 */
function positionOf(text: string, marker: string, inner = ""): { line: number; column: number } {
  const found = text.indexOf(marker);
  if (found < 0 || text.indexOf(marker, found + 1) >= 0) throw new Error(`not once in the text: ${marker}`);
  const index = found + marker.indexOf(inner);
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: (before.at(-1) ?? "").length + 1 };
}

/** The errors of a text that must not load. */
function errorsOf(text: string, fileName = "bad.yaml"): ScenarioFileError[] {
  const loaded = loadTrainingScenario(text, fileName);
  if (loaded.ok) throw new Error("the text loaded although it should not");
  return loaded.errors;
}

describe("the scenario library", () => {
  it("holds at least ten scenario files", () => {
    expect(libraryFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(libraryFiles)("%s loads, trains a risk and speaks German and English throughout", (name) => {
    const scenario = mustLoad(readFileSync(`${libraryDir}/${name}`, "utf8"), name);
    expect(`${scenario.id}.yaml`).toBe(name);
    expect(scenario.risks.length).toBeGreaterThanOrEqual(1);
    expect(scenario.objectives.length).toBeGreaterThanOrEqual(1);
    const texts = [
      scenario.title,
      scenario.summary,
      ...scenario.objectives,
      ...scenario.debrief,
      ...scenario.injects.map((i) => i.text),
      ...scenario.branches.flatMap((b) => [b.note, ...b.injects.map((i) => i.text)]),
    ];
    for (const text of texts) {
      expect(text.de.trim()).not.toBe("");
      expect(text.en.trim()).not.toBe("");
    }
    // The player's scenario in each language is sound too (plans without throwing).
    for (const lang of ["de", "en"] as const) {
      const plan = planScenario(playerScenario(scenario, lang), {
        fromMs: 0,
        toMs: scenario.durationMinutes * min,
        startedAt: new Date(0),
      });
      expect(plan.length).toBeGreaterThanOrEqual(scenario.injects.length);
    }
  });

  it("uses a different id in every file", () => {
    const ids = libraryFiles.map((name) => mustLoad(readFileSync(`${libraryDir}/${name}`, "utf8"), name).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("loadTrainingScenario: errors name file, line, column and field", () => {
  it("a branch waiting for an unknown inject", () => {
    const text = edited(
      "{ kind: no_reply, to: complaint, within: 10m }",
      "{ kind: no_reply, to: nothing, within: 10m }",
    );
    expect(errorsOf(text, "mine.yaml")).toEqual([
      {
        file: "mine.yaml",
        ...positionOf(text, "to: nothing"),
        field: "branches.0.when.to",
        message: 'no scripted inject has the id "nothing"',
      },
    ]);
  });

  it("a branch inject whose id is a scripted inject's", () => {
    const text = edited("      - id: angry-1", "      - id: neighbour-too");
    const errors = errorsOf(text);
    expect(errors).toEqual([
      expect.objectContaining({
        ...positionOf(text, "      - id: neighbour-too", "id:"),
        field: "branches.1.injects.0.id",
        message: 'id "neighbour-too" is already used by an inject or stream',
      }),
    ]);
  });

  it("a branch inject whose id is a stream's", () => {
    const text = edited("      - id: angry-1", "      - id: chatter");
    expect(errorsOf(text).map((e) => e.field)).toEqual(["branches.1.injects.0.id"]);
  });

  it("a branch deleting an unknown inject", () => {
    const text = edited("  - id: more-voices\n", "  - id: more-voices\n    deletes: [complaint, ghost]\n");
    const ghost = positionOf(text, "ghost]");
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        ...ghost,
        field: "branches.1.deletes.1",
        message: 'no inject has the id "ghost"',
      }),
    ]);
  });

  it("a branch may delete a branch inject", () => {
    mustLoad(edited("  - id: more-voices\n", "  - id: more-voices\n    deletes: [public-post]\n"));
  });

  it("rubric evidence naming an unknown inject", () => {
    const text = edited(
      "  responseMinutes: 8\n",
      "  responseMinutes: 8\n  evidence:\n    - complaint\n    - spooky\n",
    );
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        ...positionOf(text, "spooky"),
        field: "rubric.evidence.1",
        message: 'no inject has the id "spooky"',
      }),
    ]);
  });

  it("an unknown persona in a scripted inject that is not the first in time: the index in the file", () => {
    // A third inject, last in the file (index 2) but second in time (1m, between 30s and 4m).
    const bad = [
      "  - id: third",
      "    at: 1m",
      "    persona: stranger",
      "    platform: x",
      "    text:",
      '      de: "Was ist da los?"',
      '      en: "What is going on?"',
      "",
    ].join("\n");
    const text = edited("\nstreams:\n", `\n${bad}\nstreams:\n`);
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        ...positionOf(text, "persona: stranger"),
        field: "injects.2.persona",
        message: 'no persona has the id "stranger"',
      }),
    ]);
  });

  it("an unknown persona in a branch inject", () => {
    const text = edited(
      "        persona: nachbar\n        platform: facebook\n        replyTo: complaint\n        text:\n          de: '\"Kein",
      "        persona: nobody\n        platform: facebook\n        replyTo: complaint\n        text:\n          de: '\"Kein",
    );
    expect(errorsOf(text)).toEqual([
      expect.objectContaining({
        ...positionOf(text, "persona: nobody"),
        field: "branches.1.injects.0.persona",
      }),
    ]);
  });

  it("a missing German text", () => {
    const text = edited(
      '      de: "Bei uns in der Lindenstraße genauso. Doppelt abgebucht. Was ist da los bei euch?"\n',
      "",
    );
    const [error, ...rest] = errorsOf(text);
    expect(rest).toEqual([]);
    // The field is missing: the error points at the deepest node that exists, the inject's `text:` key.
    const textKey = text.indexOf("    text:", text.indexOf("- id: neighbour-too"));
    const line = text.slice(0, textKey).split("\n").length;
    expect(error).toMatchObject({ file: "bad.yaml", line, column: 5, field: "injects.1.text.de" });
    expect(error?.message).toMatch(/^missing: /);
  });

  it("a YAML syntax error, with an empty field", () => {
    const text = edited("level: basic\n", "level: [basic\n");
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const error of errors) {
      expect(error.file).toBe("bad.yaml");
      expect(error.field).toBe("");
      expect(error.line).toBeGreaterThanOrEqual(positionOf(text, "level: [basic").line);
      expect(error.column).toBeGreaterThanOrEqual(1);
    }
  });

  it("a `within` as long as the exercise (or longer)", () => {
    // The deadline counts from the inject (posted at 30s): 30s + 19m45s lies past the 20 minutes too.
    for (const within of ["20m", "1h", "19m45s"]) {
      const text = edited("within: 10m }", `within: ${within} }`);
      expect(errorsOf(text)).toEqual([
        expect.objectContaining({
          ...positionOf(text, `within: ${within}`),
          field: "branches.0.when.within",
          message:
            "ends at or after the end of the exercise (the inject is posted at 30s): it could never fire",
        }),
      ]);
    }
    // complaint is posted at 30s: 30s + 19m still lies inside the 20 minutes.
    mustLoad(edited("within: 10m }", "within: 19m }"));
  });

  it("lists several problems sorted by line", () => {
    const text = edited("to: complaint, within: 10m", "to: nothing, within: 10m").replace(
      "persona: nachbar\n    platform: facebook\n    replyTo: complaint",
      "persona: ghost\n    platform: facebook\n    replyTo: complaint",
    );
    const errors = errorsOf(text);
    expect(errors.map((e) => e.field)).toEqual(["injects.1.persona", "branches.0.when.to"]);
    expect(errors[0]?.line).toBeLessThan(errors[1]?.line ?? 0);
  });

  // The YAML parser finds no error in these files; turning them into values throws, which the loader catches.
  it("an alias to an anchor that is never set, and an alias bomb: errors, not exceptions", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [i, name] of ["b", "c", "d", "e", "f", "g", "h", "i"].entries()) {
      const below = "abcdefgh"[i];
      levels.push(`${name}: &${name} [${Array(9).fill(`*${below}`).join(", ")}]`);
    }
    for (const text of [
      "*!",
      "id: *nowhere\n",
      `${complaintText}\nextra: *undefined_anchor\n`,
      levels.join("\n"),
    ]) {
      const errors = errorsOf(text);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      for (const error of errors) {
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("rejects an empty file and a file that is not a mapping", () => {
    for (const text of ["", "just text", "- a\n- b\n"]) {
      const errors = errorsOf(text);
      expect(errors.length).toBeGreaterThanOrEqual(1);
      for (const error of errors) expect(error).toMatchObject({ line: 1, column: 1 });
    }
  });
});

describe("playerScenario", () => {
  const startedAt = new Date("2026-12-02T10:00:00.000Z");
  const planAll = (training: TrainingScenario, lang: "de" | "en", added: AddedInject[] = []) =>
    planScenario(playerScenario(training, lang, added), {
      fromMs: 0,
      toMs: training.durationMinutes * min,
      startedAt,
    });
  const postOf = (plan: ReturnType<typeof planAll>, externalId: string) => {
    const found = plan.find((p) => p.post.externalId === externalId);
    if (!found) throw new Error(`no post ${externalId} in ${plan.map((p) => p.post.externalId).join(", ")}`);
    return found;
  };

  it("plays the German or the English text, with personas and crowds in that language", () => {
    for (const lang of ["de", "en"] as const) {
      const player = playerScenario(complaint, lang);
      expect(player.afterScript).toBe("stop");
      expect(player.personas.every((p) => p.lang === lang)).toBe(true);
      expect(player.crowds.map((c) => c.lang)).toEqual([{ [lang]: 1 }]);
      expect(player.injects.map((i) => [i.id, i.lang, i.text])).toEqual(
        complaint.injects.map((i) => [i.id, lang, i.text[lang]]),
      );
      expect(player.title).toEqual(complaint.title);
    }
  });

  it("posts German text in a German exercise and English text in an English one, under stable external ids", () => {
    const de = planAll(complaint, "de");
    const en = planAll(complaint, "en");
    const complaintDe = postOf(de, "complaint-escalates:complaint:0");
    const complaintEn = postOf(en, "complaint-escalates:complaint:0");
    expect(complaintDe.offsetMs).toBe(30 * s);
    expect(complaintDe.post.text).toContain("ZWEIMAL abgebucht");
    expect(complaintDe.post.lang).toBe("de");
    expect(complaintEn.post.text).toContain("charged my monthly instalment TWICE");
    expect(complaintEn.post.lang).toBe("en");
    expect(postOf(de, "complaint-escalates:neighbour-too:0").post.inReplyTo).toBe(
      "complaint-escalates:complaint:0",
    );
    // Generated posts speak the exercise's language too.
    const chatterEn = en.filter((p) => p.post.externalId.startsWith("complaint-escalates:chatter:"));
    expect(chatterEn.length).toBeGreaterThan(0);
    expect(chatterEn.every((p) => p.post.lang === "en")).toBe(true);
  });

  it("adds posts at their times, sorted, and keeps every other post as it was", () => {
    const added: AddedInject[] = [
      {
        id: "manual-1",
        atMs: 12 * min,
        persona: "lokalzeitung",
        platform: "x",
        text: "Stimmt das mit den Abbuchungen?",
      },
      ...branchInjects("goes-public", complaint.branches[0]?.injects ?? [], 10 * min + 30 * s),
      {
        id: "manual-0",
        atMs: 2 * min + 0.4,
        persona: "sabine",
        platform: "facebook",
        text: { de: "Hallo?", en: "Hello?" },
      },
    ];
    const player = playerScenario(complaint, "de", added);
    const ats = player.injects.map((i) => i.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(player.injects.map((i) => i.id)).toEqual([
      "complaint",
      "manual-0",
      "neighbour-too",
      "public-post",
      "manual-1",
      "press-asks",
    ]);
    expect(player.injects.find((i) => i.id === "manual-0")).toMatchObject({
      at: 2 * min,
      text: "Hallo?",
      lang: "de",
    });

    const before = planAll(complaint, "de");
    const after = planAll(complaint, "de", added);
    const manual = postOf(after, "complaint-escalates:manual-1:0");
    expect(manual.offsetMs).toBe(12 * min);
    expect(manual.post.postedAt).toEqual(new Date(startedAt.getTime() + 12 * min));
    expect(manual.post.text).toBe("Stimmt das mit den Abbuchungen?");
    const press = postOf(after, "complaint-escalates:press-asks:0");
    expect(press.offsetMs).toBe(12 * min + 30 * s);
    expect(press.post.inReplyTo).toBe("complaint-escalates:public-post:0");
    expect(press.post.text).toContain("Wir berichten heute");
    // Nothing planned before moves or changes: external ids are stable across added posts and restarts.
    for (const planned of before) expect(after).toContainEqual(planned);
    expect(after).toHaveLength(before.length + 4);
  });

  it("keeps an added post before the start at 0 and drops one after the script's end", () => {
    const added: AddedInject[] = [
      { id: "early", atMs: -5 * s, persona: "sabine", platform: "x", text: "früh" },
      { id: "late", atMs: 25 * min, persona: "sabine", platform: "x", text: "spät" },
    ];
    const player = playerScenario(complaint, "de", added);
    expect(player.injects[0]).toMatchObject({ id: "early", at: 0 });
    const plan = planAll(complaint, "de", added);
    expect(postOf(plan, "complaint-escalates:early:0").offsetMs).toBe(0);
    expect(plan.some((p) => p.post.externalId === "complaint-escalates:late:0")).toBe(false);
  });

  it("does not change the training scenario or the added posts it is given", () => {
    const copy = structuredClone(complaint);
    const added: AddedInject[] = [
      { id: "m", atMs: 1000, persona: "sabine", platform: "x", text: { de: "a", en: "b" } },
    ];
    const addedCopy = structuredClone(added);
    playerScenario(complaint, "en", added);
    expect(complaint).toEqual(copy);
    expect(added).toEqual(addedCopy);
  });
});

describe("branchInjects", () => {
  const goesPublic = complaint.branches[0]?.injects ?? [];

  it("times each post from the moment the branch fired", () => {
    const added = branchInjects("goes-public", goesPublic, 11 * min);
    expect(added).toEqual([
      {
        id: "public-post",
        atMs: 11 * min,
        persona: "sabine",
        platform: "x",
        text: goesPublic[0]?.text,
        branch: "goes-public",
      },
      {
        id: "press-asks",
        atMs: 13 * min,
        persona: "lokalzeitung",
        platform: "x",
        text: goesPublic[1]?.text,
        replyTo: "public-post",
        branch: "goes-public",
      },
    ]);
    expect("replyTo" in (added[0] ?? {})).toBe(false);
  });

  it("returns nothing for a branch without posts", () => {
    expect(branchInjects("only-deletes", [], 5 * min)).toEqual([]);
  });
});

describe("allInjectIds", () => {
  it("holds scripted and branch injects, not streams", () => {
    expect([...allInjectIds(complaint)].sort()).toEqual(
      ["angry-1", "complaint", "neighbour-too", "press-asks", "public-post"].sort(),
    );
  });
});

/** Every error is placed where an editor can jump: line and column from 1 on. */
function expectPlaced(result: ReturnType<typeof loadTrainingScenario>, fileName: string) {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThanOrEqual(1);
  for (const error of result.errors) {
    expect(error.file).toBe(fileName);
    expect(Number.isInteger(error.line) && error.line >= 1).toBe(true);
    expect(Number.isInteger(error.column) && error.column >= 1).toBe(true);
    expect(error.message).not.toBe("");
  }
}

describe("loadTrainingScenario on any input (property)", () => {
  it("never throws on arbitrary text", () => {
    // Strings made of YAML's own punctuation reach anchors, aliases, tags and flow collections quickly.
    const yamlish = fc.string({
      unit: fc.constantFrom(
        "a",
        "1",
        " ",
        "\n",
        ":",
        "-",
        "*",
        "&",
        "!",
        "[",
        "]",
        "{",
        "}",
        ",",
        "#",
        "'",
        '"',
        "|",
        ">",
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.json(), yamlish), (text) => {
        expectPlaced(loadTrainingScenario(text, "any.yaml"), "any.yaml");
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on a library file with a line deleted, and places every error", () => {
    const texts = libraryFiles.map((name) => readFileSync(`${libraryDir}/${name}`, "utf8"));
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        (file, cuts) => {
          let lines = (texts[file] ?? "").split("\n");
          for (const cut of cuts) lines = lines.filter((_, i) => i !== cut % lines.length);
          expectPlaced(loadTrainingScenario(lines.join("\n"), "cut.yaml"), "cut.yaml");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never throws on a library file with a piece of text put somewhere else", () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ maxLength: 12 }), (where, piece) => {
        const at = where % (complaintText.length + 1);
        const text = complaintText.slice(0, at) + piece + complaintText.slice(at);
        expectPlaced(loadTrainingScenario(text, "insert.yaml"), "insert.yaml");
      }),
      { numRuns: 200 },
    );
  });
});
