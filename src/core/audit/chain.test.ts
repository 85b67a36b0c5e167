import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AuditChainEntry,
  type AuditEntryContent,
  canonicalEntry,
  entryHash,
  genesisHash,
  storableDetail,
  storableText,
  verifyChain,
} from "./chain.ts";

function buildContent(seq: number, overrides: Partial<AuditEntryContent> = {}): AuditEntryContent {
  return {
    seq,
    orgId: "org_1",
    actor: "user:u1",
    action: "topic.create",
    entityType: "topic",
    entityId: `topic_${seq}`,
    detail: { name: "Störung", seq },
    at: new Date(Date.UTC(2026, 11, 2, 12, 0, seq)).toISOString(),
    ...overrides,
  };
}

/** Seals contents into a chain the way recordAudit does. */
function seal(contents: AuditEntryContent[], previous = genesisHash): AuditChainEntry[] {
  let prev = previous;
  return contents.map((c) => {
    const hash = entryHash(prev, c);
    prev = hash;
    return { ...c, hash };
  });
}

describe("audit chain", () => {
  it("hashes the previous hash immediately followed by the JCS of the entry", () => {
    const entry = buildContent(1, { entityId: null, detail: { b: 1, a: "x" } });
    const jcs = canonicalEntry(entry);
    expect(jcs).toBe(
      '{"action":"topic.create","actor":"user:u1","at":"2026-12-02T12:00:01.000Z","detail":{"a":"x","b":1},' +
        '"entityId":null,"entityType":"topic","orgId":"org_1","seq":1}',
    );
    const expected = createHash("sha256")
      .update(Buffer.from(genesisHash + jcs, "utf8"))
      .digest("hex");
    expect(entryHash(genesisHash, entry)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores fields other than the hashed ones", () => {
    const entry = buildContent(3);
    const withExtra = { ...entry, hash: "f".repeat(64), extra: "ignored" };
    expect(entryHash(genesisHash, withExtra)).toBe(entryHash(genesisHash, entry));
  });

  it("accepts an intact chain and a stretch checked from the hash before it", () => {
    const chain = seal([1, 2, 5, 9].map((s) => buildContent(s)));
    expect(verifyChain(genesisHash, chain)).toEqual({ ok: true, entries: 4 });
    const before = chain[1]?.hash as string;
    expect(verifyChain(before, chain.slice(2))).toEqual({ ok: true, entries: 2 });
    expect(verifyChain(genesisHash, [])).toEqual({ ok: true, entries: 0 });
  });

  it("reports the changed entry when its content is edited", () => {
    const chain = seal([1, 2, 3, 4].map((s) => buildContent(s)));
    const edited = chain.map((e) => (e.seq === 3 ? { ...e, detail: { name: "harmlos" } } : e));
    expect(verifyChain(genesisHash, edited)).toEqual({
      ok: false,
      entries: 2,
      seq: 3,
      reason:
        "its hash does not match its content and the previous entry's hash: the entry was changed, or the hash of entry seq 2 was rewritten",
    });
  });

  it("reports the entry after a removed one, naming the gap", () => {
    const chain = seal([1, 2, 3, 4].map((s) => buildContent(s)));
    const check = verifyChain(
      genesisHash,
      chain.filter((e) => e.seq !== 2),
    );
    expect(check).toMatchObject({ ok: false, entries: 1, seq: 3 });
    expect(check.ok === false && check.reason).toContain("an entry between seq 1 and 3 was removed");
    const first = verifyChain(genesisHash, chain.slice(1));
    expect(first).toMatchObject({ ok: false, entries: 0, seq: 2 });
    expect(first.ok === false && first.reason).toContain("an entry before it was removed");
  });

  it("reports the entry after one whose hash was recomputed behind the chain's back", () => {
    const chain = seal([1, 2, 3].map((s) => buildContent(s)));
    const forged = { ...buildContent(2), detail: { forged: true } };
    const rewritten = chain.map((e) =>
      e.seq === 2 ? { ...forged, hash: entryHash(chain[0]?.hash as string, forged) } : e,
    );
    expect(verifyChain(genesisHash, rewritten)).toMatchObject({ ok: false, entries: 2, seq: 3 });
  });

  it("reports unsealed entries, entries out of order and entries of another organisation", () => {
    const chain = seal([1, 2].map((s) => buildContent(s)));
    expect(
      verifyChain(genesisHash, [chain[0] as AuditChainEntry, { ...buildContent(2), hash: null }]),
    ).toEqual({
      ok: false,
      entries: 1,
      seq: 2,
      reason: "the entry has no hash (the backlog was not sealed)",
    });
    expect(verifyChain(genesisHash, [chain[1], chain[0]] as AuditChainEntry[])).toMatchObject({
      ok: false,
      seq: 2,
    });
    const other = seal([buildContent(2, { orgId: "org_2" })], chain[0]?.hash);
    expect(verifyChain(genesisHash, [chain[0] as AuditChainEntry, ...other])).toMatchObject({
      ok: false,
      seq: 2,
      reason: "the entry belongs to organisation org_2, not org_1",
    });
  });

  it("detects any single-character change of a hashed field", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("actor", "action", "entityType", "entityId", "at", "orgId") as fc.Arbitrary<
          "actor" | "action" | "entityType" | "entityId" | "at" | "orgId"
        >,
        fc.string({ minLength: 1, maxLength: 1 }),
        (field, char) => {
          const chain = seal([1, 2, 3].map((s) => buildContent(s)));
          const target = chain[1] as AuditChainEntry;
          const changed = `${target[field] ?? ""}${char}`;
          const tampered = chain.map((e) => (e.seq === 2 ? { ...e, [field]: changed } : e));
          const check = verifyChain(genesisHash, tampered);
          expect(check.ok).toBe(false);
          expect(check.ok === false && check.seq).toBe(2);
        },
      ),
    );
  });

  it("makes details storable: JSON round trip, no U+0000, no lone surrogates", () => {
    const detail = storableDetail({
      when: new Date(Date.UTC(2026, 0, 1)),
      gone: undefined,
      zero: -0,
      inf: Number.POSITIVE_INFINITY,
      "nul\u0000key": "a\u0000b",
      lone: ["\ud800x", "ok 😀"],
    });
    expect(detail).toEqual({
      when: "2026-01-01T00:00:00.000Z",
      zero: 0,
      inf: null,
      "nul\ufffdkey": "a\ufffdb",
      lone: ["\ufffdx", "ok 😀"],
    });
    expect(storableText("plain")).toBe("plain");
  });
});
