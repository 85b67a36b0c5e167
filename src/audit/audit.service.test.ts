import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, startTestRuntime } from "../../test/harness.ts";
import { entryHash, genesisHash, storableDetail, verifyChain } from "../core/audit/chain.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { createOrganisation } from "../orgs/orgs.service.ts";
import {
  exportAuditChain,
  listAudit,
  recordAudit,
  recordAudits,
  sealAuditBacklog,
  verifyAuditChain,
  verifyOwnAuditChain,
} from "./audit.service.ts";
import { auditLog } from "./audit.table.ts";

type TestRuntime = Awaited<ReturnType<typeof startTestRuntime>>;

// Values jsonb normalises or refuses: the hash must be the same before storing and after reading back.
const trickyDetail = {
  text: 'Störung bei „Nordwind" – 😀 \\ "quotes" \n\t\u0001\u001f',
  nul: "before\u0000after",
  lone: "\ud800 alone",
  numbers: [1e21, 0.1, -0, 9007199254740991, 123456789012345680000, 5e-324, 1.5e-7, -12.5, 0],
  nested: { z: { y: [null, true, false, { "": "empty key", ä: "Umlaut-Schlüssel" }] }, a: [] },
  when: new Date(Date.UTC(2026, 11, 2, 12, 0, 0)),
  skipped: undefined,
};

describe.each(databaseKinds)("audit chain on %s", (kind) => {
  let runtime: TestRuntime;
  const manager = (orgId: string): Actor => ({ orgId, role: "manager", userId: "u_manager", tokenId: null });

  async function newOrg(slug: string) {
    return createOrganisation(runtime.ctx, { name: `${slug} GmbH`, slug: `${slug}-${kind}` });
  }

  async function write(orgId: string, n: number, action = "topic.create") {
    for (let i = 0; i < n; i++) {
      await runtime.ctx.db.transaction((tx) =>
        recordAudit(tx, runtime.ctx, manager(orgId), {
          action,
          entityType: "topic",
          entityId: `t${i}`,
          detail: { i, name: `Thema ${i}` },
        }),
      );
    }
  }

  beforeAll(async () => {
    runtime = await startTestRuntime(kind);
  }, 180_000);
  afterAll(() => runtime?.dispose());

  it("links each new entry to the previous one of its organisation", async () => {
    const org = await newOrg("chain");
    await write(org.id, 3);
    const { previousHash, entries } = await exportAuditChain(runtime.ctx.db, { orgId: org.id });
    expect(previousHash).toBe(genesisHash);
    expect(entries.map((e) => e.action)).toEqual([
      "org.create",
      "topic.create",
      "topic.create",
      "topic.create",
    ]);
    let prev = genesisHash;
    for (const entry of entries) {
      const { hash, ...content } = entry;
      expect(hash).toBe(entryHash(prev, content));
      prev = hash;
    }
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 4 });
  });

  it("keeps each organisation's chain separate", async () => {
    const a = await newOrg("sep-a");
    const b = await newOrg("sep-b");
    await write(a.id, 2);
    await write(b.id, 1);
    await write(a.id, 1);
    const chainA = await exportAuditChain(runtime.ctx.db, { orgId: a.id });
    const chainB = await exportAuditChain(runtime.ctx.db, { orgId: b.id });
    expect(chainA.entries).toHaveLength(4);
    expect(chainB.entries).toHaveLength(2);
    expect(verifyChain(genesisHash, chainA.entries)).toEqual({ ok: true, entries: 4 });
    expect(verifyChain(genesisHash, chainB.entries)).toEqual({ ok: true, entries: 2 });
    const all = await verifyAuditChain(runtime.ctx.db);
    expect(all.ok).toBe(true);
  });

  it("hashes details exactly as the database gives them back", async () => {
    const org = await newOrg("tricky");
    await runtime.ctx.db.transaction((tx) =>
      recordAudit(tx, runtime.ctx, manager(org.id), {
        action: "post.note\u0000",
        entityType: "post",
        entityId: "p\ud800",
        detail: trickyDetail,
      }),
    );
    const { entries } = await exportAuditChain(runtime.ctx.db, { orgId: org.id });
    const stored = entries.at(-1);
    expect(stored?.detail).toEqual(storableDetail(trickyDetail));
    expect(stored?.detail).toMatchObject({ nul: "before\ufffdafter", lone: "\ufffd alone" });
    expect(stored?.action).toBe("post.note\ufffd");
    expect(stored?.entityId).toBe("p\ufffd");
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 2 });
  });

  it("opens a transaction of its own when called with the database", async () => {
    const org = await newOrg("nontx");
    await recordAudit(runtime.ctx.db, runtime.ctx, manager(org.id), {
      action: "risk.update",
      entityType: "risk",
    });
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 2 });
  });

  it("leaves no broken link when a transaction is rolled back (seq gaps are fine)", async () => {
    const org = await newOrg("rollback");
    await write(org.id, 1);
    await expect(
      runtime.ctx.db.transaction(async (tx) => {
        await recordAudit(tx, runtime.ctx, manager(org.id), { action: "topic.delete", entityType: "topic" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await write(org.id, 1, "topic.update");
    const { entries } = await exportAuditChain(runtime.ctx.db, { orgId: org.id });
    expect(entries.map((e) => e.action)).toEqual(["org.create", "topic.create", "topic.update"]);
    const [, second, third] = entries;
    expect((third?.seq ?? 0) - (second?.seq ?? 0)).toBeGreaterThan(1);
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 3 });
  });

  it("builds one valid chain from many parallel transactions of one organisation", async () => {
    const org = await newOrg("parallel");
    const other = await newOrg("parallel-other");
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        runtime.ctx.db.transaction(async (tx) => {
          await recordAudit(tx, runtime.ctx, manager(i % 4 === 0 ? other.id : org.id), {
            action: "alert.acknowledge",
            entityType: "alert",
            entityId: `a${i}`,
            detail: { i },
          });
          // Hold the transaction open a little, so the others really wait for the chain lock.
          await tx.execute(sql`select pg_sleep(0.01)`);
        }),
      ),
    );
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 19 });
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: other.id })).toEqual({ ok: true, entries: 7 });
  });

  it("writes several events as one stretch of the chain, in order, beside parallel single entries", async () => {
    const org = await newOrg("batch");
    await Promise.all([
      ...Array.from({ length: 3 }, (_, b) =>
        runtime.ctx.db.transaction(async (tx) => {
          await recordAudits(
            tx,
            runtime.ctx,
            { orgId: org.id, system: true },
            Array.from({ length: 50 }, (_, i) => ({
              action: "conversation.open",
              entityType: "conversation",
              entityId: `b${b}-c${i}`,
              detail: { ticket: b * 100 + i },
            })),
          );
          await tx.execute(sql`select pg_sleep(0.01)`);
        }),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        recordAudit(runtime.ctx.db, runtime.ctx, manager(org.id), {
          action: "alert.acknowledge",
          entityType: "alert",
          entityId: `a${i}`,
        }),
      ),
    ]);
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 156 });
    const { entries } = await exportAuditChain(runtime.ctx.db, { orgId: org.id });
    for (let b = 0; b < 3; b++) {
      const own = entries.filter((e) => e.entityId?.startsWith(`b${b}-`));
      // Each batch is one unbroken run of seqs in the order its events were given, by the system actor.
      expect(own.map((e) => e.entityId)).toEqual(Array.from({ length: 50 }, (_, i) => `b${b}-c${i}`));
      expect(own.map((e) => e.seq)).toEqual(own.map((_e, i) => (own[0]?.seq ?? 0) + i));
      expect(own.every((e) => e.actor === "system")).toBe(true);
    }
    await runtime.ctx.db.transaction((tx) => recordAudits(tx, runtime.ctx, manager(org.id), []));
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 156 });
  });

  it("seals entries written before the chain existed, once, and chains new ones after them", async () => {
    const org = await newOrg("backlog");
    const legacy = (i: number) => ({
      orgId: org.id,
      actor: "user:legacy",
      action: "topic.create",
      entityType: "topic",
      entityId: `old${i}`,
      detail: { i, text: "vor der Kette 😀" },
      at: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
    });
    // The org.create entry above is sealed; make it look like an entry of the old version.
    await runtime.ctx.db.update(auditLog).set({ hash: null }).where(eq(auditLog.orgId, org.id));
    await runtime.ctx.db.insert(auditLog).values([legacy(1), legacy(2), legacy(3)]);
    const unsealed = await verifyAuditChain(runtime.ctx.db, { orgId: org.id });
    expect(unsealed).toMatchObject({ ok: false, entries: 0, reason: expect.stringContaining("no hash") });

    const first = await sealAuditBacklog(runtime.ctx.db);
    expect(first.sealed).toBeGreaterThanOrEqual(4);
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 4 });
    const sealedChain = await exportAuditChain(runtime.ctx.db, { orgId: org.id });
    expect(await sealAuditBacklog(runtime.ctx.db)).toEqual({ sealed: 0 });
    expect(await exportAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual(sealedChain);

    // An old-version process wrote more; recordAudit seals them before it appends.
    await runtime.ctx.db.insert(auditLog).values([legacy(4)]);
    await write(org.id, 1);
    expect(await verifyAuditChain(runtime.ctx.db, { orgId: org.id })).toEqual({ ok: true, entries: 6 });
  });

  it("exports a stretch by time that checks from the hash of the entry before it", async () => {
    const org = await newOrg("stretch");
    const clock = runtime.ctx.clock;
    const at = (iso: string) => ({ now: () => new Date(iso), sleep: clock.sleep });
    for (const [i, iso] of [
      "2026-03-01T10:00:00.000Z",
      "2026-03-02T10:00:00.000Z",
      "2026-03-03T10:00:00.000Z",
      "2026-03-04T10:00:00.000Z",
    ].entries()) {
      await recordAudit(runtime.ctx.db, { clock: at(iso) }, manager(org.id), {
        action: "incident.update",
        entityType: "incident",
        entityId: `i${i}`,
      });
    }
    const whole = await exportAuditChain(runtime.ctx.db, { orgId: org.id });
    const stretch = await exportAuditChain(runtime.ctx.db, {
      orgId: org.id,
      from: new Date("2026-03-02T00:00:00Z"),
      to: new Date("2026-03-03T10:00:00.000Z"),
    });
    expect(stretch.entries.map((e) => e.entityId)).toEqual(["i1", "i2"]);
    const before = whole.entries.find((e) => e.entityId === "i0");
    expect(stretch.previousHash).toBe(before?.hash);
    expect(verifyChain(stretch.previousHash, stretch.entries)).toEqual({ ok: true, entries: 2 });
    const empty = await exportAuditChain(runtime.ctx.db, {
      orgId: org.id,
      from: new Date("2030-01-01T00:00:00Z"),
    });
    expect(empty).toEqual({ previousHash: genesisHash, entries: [] });
    await expect(exportAuditChain(runtime.ctx.db, { from: new Date() })).rejects.toThrow(
      "orgId: an export from or to a time is a stretch of one organisation's chain",
    );
  });

  it("shows hashes in the log and lets only managers and admins verify", async () => {
    const org = await newOrg("perm");
    await write(org.id, 1);
    const page = await listAudit(runtime.ctx, manager(org.id), { limit: 10 });
    expect(page.items[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyOwnAuditChain(runtime.ctx, manager(org.id))).toEqual({ ok: true, entries: 2 });
    const agent: Actor = { orgId: org.id, role: "agent", userId: "u_agent", tokenId: null };
    await expect(verifyOwnAuditChain(runtime.ctx, agent)).rejects.toThrow(
      "Your role does not allow you to verify the audit log",
    );
  });
});
