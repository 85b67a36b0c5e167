import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/audit/audit.service.ts";
import { runAuditExport, runAuditVerify } from "../../src/cli/audit.ts";
import { databaseKinds, seedOrganisation, signIn, startTestApp, startTestRuntime } from "../harness.ts";

const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/EVIDENCE.md"), "utf8");
/** A fenced code block of docs/EVIDENCE.md, found by its first line. */
function docBlock(language: string, firstLine: string): string {
  const match = new RegExp(
    `\`\`\`${language}\\n(${firstLine.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\s\\S]*?)\`\`\``,
  ).exec(doc);
  if (!match?.[1]) throw new Error(`docs/EVIDENCE.md has no ${language} block starting "${firstLine}"`);
  return match[1];
}
const hasPython = spawnSync("python3", ["--version"]).status === 0;
if (!hasPython) console.warn("notice: python3 is not installed; the documented Python check is skipped.");

describe.each(databaseKinds)("tamper-evident audit log on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let dir: string;

  beforeAll(async () => {
    runtime = await startTestRuntime(kind);
    app = await startTestApp(runtime);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "brandwache-audit-"));
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** An organisation with a few real changes made through the API. */
  async function seedWithChanges(slug: string) {
    const seeded = await seedOrganisation(runtime, `${slug}-${kind}`, "admin");
    const admin = await signIn(app, seeded.email);
    for (const name of ["Ausfall", "Gebühren", "Kündigung"]) {
      const res = await app.inject({
        method: "POST",
        url: "/api/topics",
        headers: admin.headers,
        payload: { name, query: `nordwind AND ${name.toLowerCase()}` },
      });
      expect(res.statusCode).toBe(201);
    }
    const log = await app.inject({ method: "GET", url: "/api/audit?limit=100", headers: admin.headers });
    const items = (log.json() as { items: { seq: number; action: string; hash: string | null }[] }).items;
    return { ...seeded, admin, items: items.reverse() };
  }

  const verifyOverHttp = async (headers: Record<string, string>) =>
    (await app.inject({ method: "GET", url: "/api/audit/verify", headers })).json();

  it("shows a hash on every entry and reports an intact chain", async () => {
    const { org, admin, items } = await seedWithChanges("intact");
    expect(items.map((i) => i.action)).toEqual([
      "org.create",
      "member.add",
      "auth.login",
      "topic.create",
      "topic.create",
      "topic.create",
    ]);
    for (const item of items) expect(item.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyOverHttp(admin.headers)).toEqual({ ok: true, entries: 6, broken: null });
    const out: string[] = [];
    expect(await runAuditVerify(runtime.ctx, { org: org.slug }, (t) => out.push(t))).toBe(0);
    expect(out.join("")).toBe("Audit chain intact: 6 entries checked.\n");
  });

  it("finds a row edited behind the product's back and names exactly that entry", async () => {
    const { org, admin, items } = await seedWithChanges("edited");
    const target = items.find((i) => i.action === "topic.create") as { seq: number };
    await runtime.ctx.db.execute(
      sql`update audit_log set detail = '{"name": "harmlos"}'::jsonb where seq = ${target.seq}`,
    );
    const check = await verifyOverHttp(admin.headers);
    expect(check).toMatchObject({ ok: false, broken: { seq: target.seq } });
    expect(check.broken.reason).toContain("the entry was changed");

    const out: string[] = [];
    expect(await runAuditVerify(runtime.ctx, { org: org.id }, (t) => out.push(t))).toBe(1);
    expect(out.join("")).toContain(
      `Audit chain broken: organisation ${org.name} (${org.id}), entry seq ${target.seq}: its hash does not match`,
    );
    const json: string[] = [];
    expect(await runAuditVerify(runtime.ctx, { org: org.slug, json: true }, (t) => json.push(t))).toBe(1);
    expect(JSON.parse(json.join(""))).toMatchObject({ ok: false, orgId: org.id, seq: target.seq });
  });

  it("finds a deleted entry: the entry after it no longer links", async () => {
    const { org, admin, items } = await seedWithChanges("deleted");
    const topics = items.filter((i) => i.action === "topic.create");
    const [first, second] = topics;
    if (!first || !second) throw new Error("expected two topic.create entries");
    await runtime.ctx.db.execute(sql`delete from audit_log where seq = ${first.seq}`);
    const check = await verifyOverHttp(admin.headers);
    expect(check).toMatchObject({ ok: false, broken: { seq: second.seq } });
    expect(check.broken.reason).toContain("was removed");
    const out: string[] = [];
    expect(await runAuditVerify(runtime.ctx, { org: org.slug }, (t) => out.push(t))).toBe(1);
    expect(out.join("")).toContain(`entry seq ${second.seq}:`);
  });

  it("lets managers verify and refuses agents", async () => {
    const { org } = await seedWithChanges("roles");
    const agentSeed = await seedOrganisation(runtime, `roles-agent-${kind}`, "agent");
    const agent = await signIn(app, agentSeed.email);
    const res = await app.inject({ method: "GET", url: "/api/audit/verify", headers: agent.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: "forbidden" });
    expect(org.id).not.toBe(agentSeed.org.id);
  });

  it("exports JSONL that the documented scripts verify without our code, and that catches an edit", async () => {
    const { org } = await seedWithChanges("export");
    await recordAudit(
      runtime.ctx.db,
      runtime.ctx,
      { orgId: org.id, system: true },
      {
        action: "post.note",
        entityType: "post",
        entityId: "p1",
        detail: {
          text: 'Zitat: „Ihr seid Betrüger" 😀 \u0001',
          n: [1e21, 0.1, 1.5e-7, -12, 9007199254740991],
        },
      },
    );
    const file = path.join(dir, `audit-${kind}.jsonl`);
    expect(await runAuditExport(runtime.ctx, { org: org.slug, out: file })).toEqual({
      entries: 7,
      organisations: 1,
    });
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    const first = JSON.parse(lines[0] as string);
    expect(Object.keys(first)).toEqual([
      "action",
      "actor",
      "at",
      "detail",
      "entityId",
      "entityType",
      "hash",
      "orgId",
      "seq",
    ]);
    expect(first).toMatchObject({ orgId: org.id, action: "org.create" });

    const script = path.join(dir, "verify-audit.mjs");
    fs.writeFileSync(script, docBlock("js", "// node verify-audit.mjs"));
    const node = spawnSync(process.execPath, [script, file], { encoding: "utf8" });
    expect(node.stderr).toBe("");
    expect(node.stdout.trim()).toBe("intact");

    const tampered = path.join(dir, `tampered-${kind}.jsonl`);
    fs.writeFileSync(
      tampered,
      lines.map((l, i) => (i === 4 ? l.replace("nordwind", "n0rdwind") : l)).join("\n"),
    );
    const broken = spawnSync(process.execPath, [script, tampered], { encoding: "utf8" });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(
      `line 5: entry seq ${JSON.parse(lines[4] as string).seq} of ${org.id} is broken`,
    );

    if (hasPython) {
      const py = path.join(dir, "verify_audit.py");
      fs.writeFileSync(py, docBlock("python", "# python3 verify_audit.py"));
      const ok = spawnSync("python3", [py, file], { encoding: "utf8" });
      expect(ok.stderr).toBe("");
      expect(ok.stdout.trim()).toBe("intact");
      const bad = spawnSync("python3", [py, tampered], { encoding: "utf8" });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("line 5:");
    }
  });

  it("exports every organisation's chain, one after the other", async () => {
    const file = path.join(dir, `all-${kind}.jsonl`);
    const { entries, organisations } = await runAuditExport(runtime.ctx, { out: file });
    expect(organisations).toBeGreaterThanOrEqual(2);
    const lines = fs
      .readFileSync(file, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(entries);
    const orgOrder = lines.map((l) => l.orgId).filter((id, i, all) => id !== all[i - 1]);
    expect(new Set(orgOrder).size).toBe(orgOrder.length);
  });

  it("names an unknown organisation", async () => {
    await expect(runAuditVerify(runtime.ctx, { org: "nope" }, () => {})).rejects.toThrow(
      '--org: no organisation with the slug or id "nope"',
    );
  });
});
