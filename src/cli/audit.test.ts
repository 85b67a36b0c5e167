import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpOf } from "../../test/cli-help.ts";
import { openDatabase } from "../platform/db/client.ts";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "brandwache-audit-cli-"));

function brandwache(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["bin/brandwache.js", ...args], {
    env: {
      ...process.env,
      BRANDWACHE_DATA: dataDir,
      DATABASE_URL: "",
      BRANDWACHE_BUS: "memory",
      LOG_LEVEL: "error",
    },
    input,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts the CLI (tsx + PGlite): seconds each, more on a busy machine.
describe("brandwache audit", { timeout: 300_000 }, () => {
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
  }, 180_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each(["audit", "audit verify", "audit export"])(
    "explains `brandwache %s` with --help and an example",
    (command) => {
      const help = helpOf(command);
      expect(help).toContain("Usage: brandwache audit");
      expect(help).toContain("Example:");
    },
  );

  it("verifies, exports, and reports an entry edited in the database with exit status 1", async () => {
    const intact = brandwache(["audit", "verify", "--org", "acme"]);
    expect(intact.stderr).toBe("");
    expect(intact.stdout).toBe("Audit chain intact: 2 entries checked.\n");
    expect(intact.code).toBe(0);

    const out = path.join(dataDir, "audit.jsonl");
    const exported = brandwache(["audit", "export", "--out", out]);
    expect(exported.stdout).toBe(`Wrote 2 entries of 1 organisation(s) to ${out}.\n`);
    const lines = fs
      .readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.action)).toEqual(["org.create", "member.add"]);
    const seq = lines[1].seq as number;

    // Behind the product's back: the CLI has exited, so the embedded database can be opened here.
    const database = await openDatabase({ dataDir });
    try {
      await database.db.execute(sql`update audit_log set actor = 'user:someone-else' where seq = ${seq}`);
    } finally {
      await database.close();
    }
    const broken = brandwache(["audit", "verify"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      `Audit chain broken: organisation Acme GmbH (${lines[1].orgId}), entry seq ${seq}:`,
    );

    const json = brandwache(["audit", "verify", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: 1, seq, orgId: lines[1].orgId });
  });

  it("names an unknown organisation", () => {
    const { code, stderr } = brandwache(["audit", "verify", "--org", "unknown"]);
    expect(code).toBe(1);
    expect(stderr).toContain('--org: no organisation with the slug or id "unknown"');
  });
});
