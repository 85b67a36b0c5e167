import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpOf } from "../../test/cli-help.ts";
import { buildIncident } from "../../test/factories.ts";
import { seedOrganisation, startTestRuntime } from "../../test/harness.ts";
import { genesisHash } from "../core/audit/chain.ts";
import { sha256Hex } from "../evidence/evidence.service.ts";
import type { IncidentCreate } from "../incidents/incidents.schema.ts";
import { openIncident } from "../incidents/incidents.service.ts";
import { exportEvidenceBundle } from "./evidence.ts";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bw-evidence-cli-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

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

/** A small bundle folder written by hand: two files and their manifest. */
function handMadeBundle(name: string): string {
  const dir = path.join(scratch, name);
  const files = { "incident.json": '{"id":"i1"}\n', "items/e1/snapshot.json": '{"post":{"text":"Betrug!"}}' };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const manifest = {
    format: "brandwache-evidence-bundle/1",
    createdAt: "2026-11-25T12:00:00.000Z",
    tool: "brandwache 0.1.0",
    orgId: "o1",
    incidentId: "i1",
    audit: { previousHash: genesisHash, entries: 0 },
    files: Object.entries(files).map(([p, text]) => ({
      path: p,
      sha256: sha256Hex(new TextEncoder().encode(text)),
      size: Buffer.byteLength(text),
    })),
  };
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return dir;
}

// Each case starts the CLI (tsx): seconds each, more on a busy machine.
describe("brandwache evidence verify", { timeout: 90_000 }, () => {
  it("exits 0 when every file matches the manifest", () => {
    const dir = handMadeBundle("ok");
    const run = brandwache(["evidence", "verify", dir]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("OK: all 2 files");
    expect(run.code).toBe(0);
  });

  it("exits 1 naming each changed, missing and extra file, also as JSON", () => {
    const dir = handMadeBundle("tampered");
    fs.writeFileSync(path.join(dir, "items/e1/snapshot.json"), '{"post":{"text":"Betrug?"}}');
    fs.rmSync(path.join(dir, "incident.json"));
    fs.writeFileSync(path.join(dir, "extra.txt"), "x");
    const run = brandwache(["evidence", "verify", dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("changed: items/e1/snapshot.json");
    expect(run.stdout).toContain("missing: incident.json");
    expect(run.stdout).toContain("extra: extra.txt");
    const json = brandwache(["evidence", "verify", dir, "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      changed: ["items/e1/snapshot.json"],
      missing: ["incident.json"],
      extra: ["extra.txt"],
    });
  });

  it("exits 2 with a clear message for a folder without a valid manifest", () => {
    const dir = handMadeBundle("bad-manifest");
    fs.writeFileSync(path.join(dir, "manifest.json"), "{ not json");
    const run = brandwache(["evidence", "verify", dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/manifest.json is not valid JSON/);
    const empty = path.join(scratch, "empty");
    fs.mkdirSync(empty);
    expect(brandwache(["evidence", "verify", empty]).stderr).toMatch(
      /has no manifest.json; is it an evidence bundle\?/,
    );
  });

  it("documents both commands with an example", () => {
    for (const command of ["export", "verify"]) {
      expect(helpOf(`evidence ${command}`)).toContain(`$ brandwache evidence ${command}`);
    }
  });
});

describe("brandwache evidence export", { timeout: 60_000 }, () => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    runtime = await startTestRuntime("pglite", { alertLoops: false });
  });
  afterAll(() => runtime.dispose());

  it("writes a bundle that verifies into a new folder and refuses a non-empty one", async () => {
    const { org, member } = await seedOrganisation(runtime, "acme");
    const incident = await openIncident(
      runtime.ctx,
      { orgId: org.id, role: "admin", userId: member.id, tokenId: null },
      buildIncident() as IncidentCreate,
    );
    const out = path.join(scratch, "export");
    const count = await exportEvidenceBundle(runtime.ctx, { incident: incident.id, out });
    expect(count).toBe(5); // incident.json, timeline.json, audit.jsonl, summary.pdf, manifest.json
    const run = brandwache(["evidence", "verify", out]);
    expect(run.code).toBe(0);
    await expect(exportEvidenceBundle(runtime.ctx, { incident: incident.id, out })).rejects.toThrow(
      /not empty/,
    );
    await expect(
      exportEvidenceBundle(runtime.ctx, { incident: "nope", out: path.join(scratch, "export2") }),
    ).rejects.toThrow(/Incident not found/);
  });
});
