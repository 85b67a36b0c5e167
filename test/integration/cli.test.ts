import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpOf } from "../cli-help.ts";
import { buildPost } from "../factories.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "brandwache-cli-"));

function brandwache(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["bin/brandwache.js", ...args], {
    env: {
      ...process.env,
      BRANDWACHE_DATA: dataDir,
      DATABASE_URL: "",
      BRANDWACHE_BUS: "memory",
      LOG_LEVEL: "error",
      ...env,
    },
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts the CLI (tsx + PGlite) one or more times: seconds each, more on a busy machine.
describe("brandwache CLI", { timeout: 90_000 }, () => {
  beforeAll(() => {
    const added = brandwache(
      [
        "user",
        "add",
        "--email",
        "anna@acme.example",
        "--name",
        "Anna Schmidt",
        "--role",
        "admin",
        "--org",
        "acme",
        "--create-org",
        "Acme GmbH",
        "--password-stdin",
      ],
      "correct horse battery staple\n",
    );
    expect(added.stderr).toBe("");
    expect(added.stdout).toContain("Added anna@acme.example as admin of Acme GmbH");
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    "serve",
    "worker",
    "migrate",
    "import",
    "analyze",
    "user",
    "user add",
    "topic",
    "topic add",
    "topic list",
  ])("explains `brandwache %s` with --help and an example", (command) => {
    const help = helpOf(command);
    expect(help).toContain("Usage: brandwache");
    expect(help).toContain("Example:");
  });

  it("prints help from the real binary, even with a broken configuration", () => {
    const { code, stdout } = brandwache(["topic", "add", "--help"], undefined, { PORT: "not-a-port" });
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: brandwache topic add");
    expect(stdout).toContain("Example:");
  });

  it("refuses a too-short password, naming the option", () => {
    const { code, stderr } = brandwache([
      "user",
      "add",
      "--email",
      "b@acme.example",
      "--name",
      "B",
      "--password",
      "short",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("--password");
  });

  it("adds and lists topics, and rejects a broken query with its position", () => {
    expect(
      brandwache(["topic", "add", "--name", "Ausfall", "--query", 'acme AND (störung* OR "kein netz")']).code,
    ).toBe(0);
    const broken = brandwache(["topic", "add", "--name", "Kaputt", "--query", "acme AND (störung"]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/character \d+/);
    const list = JSON.parse(brandwache(["topic", "list", "--json"]).stdout);
    expect(list.map((t: { name: string }) => t.name)).toEqual(["Ausfall"]);
  });

  it("imports a file, reports bad rows by line and field, keeps the good ones, and changes nothing the second time", () => {
    const file = path.join(dataDir, "mentions.jsonl");
    const rows = [
      JSON.stringify(buildPost({ externalId: "cli-1" })),
      JSON.stringify(buildPost({ externalId: "cli-2", text: "Great support from Acme today", lang: "en" })),
      JSON.stringify(buildPost({ externalId: "cli-3", author: { handle: "" } })),
      "{not json",
      JSON.stringify(buildPost({ externalId: "cli-4" })),
    ];
    fs.writeFileSync(file, `${rows.join("\n")}\n`);
    const first = brandwache(["import", file]);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`${file}:3: author.handle:`);
    expect(first.stderr).toContain(`${file}:4: (json):`);
    expect(first.stdout).toContain("3 valid rows, 3 new posts stored (0 already known), 2 rejected");
    const second = brandwache(["import", file]);
    expect(second.stdout).toContain("3 valid rows, 0 new posts stored (3 already known), 2 rejected");
  });

  it("analyses JSONL offline, one answer per line in order, with an error object for a bad line", () => {
    const config = path.join(dataDir, "org.yaml");
    fs.writeFileSync(
      config,
      "brandNames: [Nordwind]\ndomains: [nordwind-mobil.de]\nwatchlist: [Leuchtturm]\n",
    );
    const input = [
      JSON.stringify({
        id: "a",
        text: "Intern: Projekt Leuchtturm startet im März, bitte nicht weitergeben.",
      }),
      "{broken",
      JSON.stringify({ id: "c", text: "Login hier: https://nordwind-mobil-login.de/konto", lang: "de" }),
    ].join("\n");
    const { code, stdout } = brandwache(["analyze", "--org-config", config], input);
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].id).toBe("a");
    expect(lines[0].risks.leak_confidential.flagged).toBe(true);
    expect(lines[1]).toMatchObject({ line: 2, error: { field: "(json)" } });
    expect(lines[2].risks.malicious_link.flagged).toBe(true);
  });

  it("says which file is missing", () => {
    const { code, stderr } = brandwache(["import", "/nonexistent/posts.csv"]);
    expect(code).toBe(1);
    expect(stderr).toContain("/nonexistent/posts.csv");
  });

  it("migrates an up-to-date database without complaint", () => {
    const { code, stdout } = brandwache(["migrate"]);
    expect(code).toBe(0);
    expect(stdout).toContain("up to date");
  });
});
