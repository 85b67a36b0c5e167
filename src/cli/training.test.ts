import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { helpOf } from "../../test/cli-help.ts";
import { trainingScenarioJsonSchemaText } from "../core/training/training.jsonschema.ts";
import { formatScenarioError, listLibrary, validateScenarioFiles } from "./training.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bw-training-cli-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const goodText = fs.readFileSync("scenarios/training/complaint-escalates.yaml", "utf8");
/** The library's first scenario with a scripted inject by a persona nobody declared. */
const brokenText = goodText.replace(
  "    persona: nachbar\n    platform: facebook\n    replyTo: complaint",
  "    persona: stranger\n    platform: facebook\n    replyTo: complaint",
);

/** The 1-based line of the first occurrence of `marker` in `text`. */
const lineOf = (text: string, marker: string) => text.slice(0, text.indexOf(marker)).split("\n").length;

/** Writes a file into a fresh folder of the scratch space and returns its path. */
function writeFile(folder: string, name: string, text: string): string {
  const dir = path.join(scratch, folder);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function brandwache(args: string[]) {
  const result = spawnSync(process.execPath, ["bin/brandwache.js", ...args], {
    env: {
      ...process.env,
      BRANDWACHE_DATA: path.join(scratch, "data"),
      DATABASE_URL: "",
      LOG_LEVEL: "error",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("listLibrary", () => {
  it("lists the shipped library: at least ten scenarios, sorted by id, in German and English", async () => {
    const { items, errors } = await listLibrary();
    expect(errors).toEqual([]);
    expect(items.length).toBeGreaterThanOrEqual(10);
    const ids = items.map((s) => s.id);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of items) {
      expect(item.languages).toEqual(["de", "en"]);
      expect(item.risks.length).toBeGreaterThanOrEqual(1);
      expect(item.title.de).not.toBe("");
      expect(item.title.en).not.toBe("");
      expect(item.durationMinutes).toBeGreaterThan(0);
      expect(item.roles.length).toBeGreaterThanOrEqual(1);
    }
    expect(items.find((s) => s.id === "complaint-escalates")).toEqual({
      id: "complaint-escalates",
      version: "1",
      title: { de: "Eine Beschwerde eskaliert", en: "A complaint escalates" },
      languages: ["de", "en"],
      risks: ["escalating_complaint"],
      level: "basic",
      durationMinutes: 20,
      roles: ["lead", "communications"],
    });
  });

  it("lists the good files of a folder and reports the broken ones by file and line", async () => {
    writeFile("mixed", "a-good.yaml", goodText);
    writeFile("mixed", "b-broken.yml", brokenText);
    writeFile("mixed", "notes.txt", "not a scenario: ignored");
    const { items, errors } = await listLibrary(path.join(scratch, "mixed"));
    expect(items.map((s) => s.id)).toEqual(["complaint-escalates"]);
    expect(errors).toEqual([
      {
        file: "b-broken.yml",
        line: lineOf(brokenText, "persona: stranger"),
        column: 5,
        field: "injects.1.persona",
        message: 'no persona has the id "stranger"',
      },
    ]);
  });

  it("lists nothing for an empty folder and fails for a folder that is not there", async () => {
    fs.mkdirSync(path.join(scratch, "empty"), { recursive: true });
    expect(await listLibrary(path.join(scratch, "empty"))).toEqual({ items: [], errors: [] });
    await expect(listLibrary(path.join(scratch, "nowhere"))).rejects.toThrow(/ENOENT/);
  });
});

describe("formatScenarioError", () => {
  it("writes file:line:column: field: message", () => {
    expect(
      formatScenarioError({
        file: "x.yaml",
        line: 12,
        column: 5,
        field: "injects.1.persona",
        message: "no persona",
      }),
    ).toBe("x.yaml:12:5: injects.1.persona: no persona");
  });

  it("names a YAML syntax error (no field) as such", () => {
    expect(
      formatScenarioError({ file: "x.yaml", line: 3, column: 1, field: "", message: "Unexpected flow" }),
    ).toBe("x.yaml:3:1: (syntax): Unexpected flow");
  });
});

describe("validateScenarioFiles", () => {
  it("says OK with title, id, version and counts for a good file", async () => {
    const file = writeFile("validate", "good.yaml", goodText);
    expect(await validateScenarioFiles([file])).toEqual({
      ok: true,
      lines: [
        `${file}: OK — "A complaint escalates" (complaint-escalates v1), 2 injects, 2 branches, 20 min`,
      ],
    });
  });

  it("accepts every file of the shipped library", async () => {
    const files = fs
      .readdirSync("scenarios/training")
      .filter((n) => n.endsWith(".yaml"))
      .map((n) => path.join("scenarios/training", n));
    const { ok, lines } = await validateScenarioFiles(files);
    expect(lines.filter((l) => !l.includes(": OK — "))).toEqual([]);
    expect(ok).toBe(true);
    expect(lines).toHaveLength(files.length);
  });

  it("names the path as given, line, column, field and problem for a broken file", async () => {
    const file = writeFile("validate", "broken.yaml", brokenText);
    const { ok, lines } = await validateScenarioFiles([file]);
    expect(ok).toBe(false);
    expect(lines).toEqual([
      `${file}:${lineOf(brokenText, "persona: stranger")}:5: injects.1.persona: no persona has the id "stranger"`,
    ]);
  });

  it("writes one line per problem, a syntax error included", async () => {
    const twice = brokenText.replace("to: complaint, within: 10m", "to: nothing, within: 10m");
    const file = writeFile("validate", "twice.yaml", twice);
    const { ok, lines } = await validateScenarioFiles([file]);
    expect(ok).toBe(false);
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(line).toMatch(new RegExp(`^${regexLiteral(file)}:\\d+:\\d+: [\\w.]+: .+`));

    const syntax = writeFile("validate", "syntax.yaml", "id: x\ntitle: [unclosed\n");
    const result = await validateScenarioFiles([syntax]);
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toMatch(new RegExp(`^${regexLiteral(syntax)}:\\d+:\\d+: \\(syntax\\): `));
  });

  it("names a file it cannot read and goes on with the others", async () => {
    const missing = path.join(scratch, "validate", "missing.yaml");
    const good = writeFile("validate", "good-too.yaml", goodText);
    const { ok, lines } = await validateScenarioFiles([missing, good, path.join(scratch, "validate")]);
    expect(ok).toBe(false);
    expect(lines[0]).toBe(`${missing}: cannot read: ENOENT`);
    expect(lines[1]).toContain(`${good}: OK — `);
    expect(lines[2]).toBe(`${path.join(scratch, "validate")}: cannot read: EISDIR`);
  });

  it("is OK for no files at all", async () => {
    expect(await validateScenarioFiles([])).toEqual({ ok: true, lines: [] });
  });
});

/** A path as a literal part of a regular expression. */
function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("the published JSON Schema", () => {
  it("is what `brandwache training schema` prints, so it never drifts from the loader", () => {
    // Byte for byte (biome leaves the file alone, see biome.json).
    const published = fs.readFileSync("scenarios/training/scenario.schema.json", "utf8");
    expect(
      published,
      "scenarios/training/scenario.schema.json is out of date; regenerate it: " +
        "node bin/brandwache.js training schema > scenarios/training/scenario.schema.json",
    ).toBe(trainingScenarioJsonSchemaText());
  });

  it("describes the file format (id, title in de and en, injects, branches)", () => {
    const schema = JSON.parse(trainingScenarioJsonSchemaText()) as {
      $id: string;
      type: string;
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.$id).toBe("https://brandwache.example/schemas/training-scenario.json");
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(expect.arrayContaining(["id", "title", "summary", "risks", "injects"]));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["branches", "rubric", "$schema"]));
  });
});

describe("help", () => {
  it("shows examples for the training commands", () => {
    const training = helpOf("training");
    expect(training).toContain("$ brandwache training list --json");
    expect(training).toContain("$ brandwache training validate my-scenario.yaml");
    for (const command of ["list", "validate", "schema"]) expect(training).toContain(command);
    const list = helpOf("training list");
    expect(list).toContain("--json");
    expect(list).toContain("--dir <dir>");
    const validate = helpOf("training validate");
    expect(validate).toContain("<files...>");
    expect(validate).toContain("$ brandwache training validate scenarios/training/*.yaml");
    expect(validate).toContain("file:line:column");
  });
});

// Each case starts the CLI (tsx): seconds each, more on a busy machine.
describe("brandwache training (binary)", { timeout: 90_000 }, () => {
  it("`training list --json` prints the library as JSON and exits 0", () => {
    const run = brandwache(["training", "list", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as { id: string; languages: string[]; risks: string[] }[];
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.map((s) => s.id)).toContain("complaint-escalates");
    for (const item of items) expect(item.languages).toEqual(["de", "en"]);
  });

  it("`training validate` exits 1 naming file:line on stderr for a broken file", () => {
    const file = writeFile("binary", "broken.yaml", brokenText);
    const run = brandwache(["training", "validate", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${file}:${lineOf(brokenText, "persona: stranger")}:5: injects.1.persona: `);
  });
});
