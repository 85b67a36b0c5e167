import { PgTransaction } from "drizzle-orm/pg-core";
import {
  type AuditChainEntry,
  type AuditEntryContent,
  type ChainCheck,
  checkLink,
  entryHash,
  genesisHash,
  storableDetail,
  storableText,
} from "../core/audit/chain.ts";
import type { JsonValue } from "../core/audit/jcs.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { actorLabel, canReadAudit } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { AppError, forbidden } from "../platform/http/errors.ts";
import {
  type AuditRow,
  auditChainPage,
  auditEntryBefore,
  auditSeqRange,
  insertAuditEntries,
  latestAuditEntry,
  listAuditEntries,
  lockOrgChain,
  nextAuditSeqs,
  orgsWithAudit,
  orgsWithUnsealedAudit,
  setAuditHash,
  unsealedAuditEntries,
} from "./audit.repo.ts";
import type { AuditEntryRead } from "./audit.schema.ts";

export type { AuditChainEntry } from "../core/audit/chain.ts";

/** What changed, in the API's words. */
export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

/** The result of checking the chain: intact, or the first broken entry and why. */
export type AuditChainCheck =
  | { ok: true; entries: number }
  | { ok: false; entries: number; orgId: string; seq: number; reason: string };

/** A stretch of one organisation's chain, or whole chains, with the hash the first entry links to. */
export interface AuditChainExport {
  /** Hash of the entry before the first one exported; 64 zeros when the export starts at the chain's start. */
  previousHash: string;
  /** In chain order: organisation by organisation, seq ascending within each. */
  entries: AuditChainEntry[];
}

const pageSize = 1000;

/** The hashed content of a stored row, exactly as it was read back. */
function contentOf(row: AuditRow): AuditEntryContent {
  return {
    seq: row.seq,
    orgId: row.orgId,
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    detail: row.detail as { [key: string]: JsonValue },
    at: row.at.toISOString(),
  };
}

/**
 * Chains an organisation's entries that have no hash yet, in seq order, and returns the hash of its
 * newest entry and how many were sealed. Call under `lockOrgChain`. Cheap when nothing is unsealed:
 * one indexed read.
 */
async function sealOrg(tx: Tx, orgId: string): Promise<{ head: string; sealed: number }> {
  const latest = await latestAuditEntry(tx, orgId);
  if (!latest) return { head: genesisHash, sealed: 0 };
  if (latest.hash !== null) return { head: latest.hash, sealed: 0 };
  // Entries are only ever appended after the backlog is sealed, so unsealed ones are the oldest.
  let head = genesisHash;
  let sealed = 0;
  for (;;) {
    const batch = await unsealedAuditEntries(tx, orgId, pageSize);
    const first = batch[0];
    if (!first) return { head, sealed };
    head = (await auditEntryBefore(tx, orgId, first.seq))?.hash ?? genesisHash;
    for (const row of batch) {
      head = entryHash(head, contentOf(row));
      await setAuditHash(tx, row.seq, head);
    }
    sealed += batch.length;
    if (batch.length < pageSize) return { head, sealed };
  }
}

async function appendEntries(
  tx: Tx,
  ctx: Pick<AppContext, "clock">,
  actor: Actor | { orgId: string; system: true },
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const orgId = actor.orgId;
  await lockOrgChain(tx, orgId);
  let { head } = await sealOrg(tx, orgId);
  const seqs = await nextAuditSeqs(tx, events.length);
  const at = ctx.clock.now().toISOString();
  const label = storableText("system" in actor ? "system" : actorLabel(actor));
  const rows = events.map((event, i) => {
    const content: AuditEntryContent = {
      seq: seqs[i] as number,
      orgId,
      actor: label,
      action: storableText(event.action),
      entityType: storableText(event.entityType),
      entityId: event.entityId == null ? null : storableText(event.entityId),
      detail: storableDetail(event.detail ?? {}),
      at,
    };
    head = entryHash(head, content);
    return { ...content, at: new Date(content.at), hash: head };
  });
  await insertAuditEntries(tx, rows);
}

/**
 * Writes one audit entry inside the caller's transaction, so the change and its record commit
 * together, and links it into the organisation's hash chain (docs/EVIDENCE.md). Called with the
 * database itself, it opens a transaction of its own, because the chain lock lasts one transaction.
 */
export async function recordAudit(
  tx: Tx,
  ctx: Pick<AppContext, "clock">,
  actor: Actor | { orgId: string; system: true },
  event: AuditEvent,
): Promise<void> {
  await recordAudits(tx, ctx, actor, [event]);
}

/**
 * `recordAudit` for several events of one actor, in order: one chain lock, one sequence read and one
 * INSERT for all of them (a sync that opens 200 conversations writes 200 entries).
 */
export async function recordAudits(
  tx: Tx,
  ctx: Pick<AppContext, "clock">,
  actor: Actor | { orgId: string; system: true },
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  if (tx instanceof PgTransaction) return appendEntries(tx, ctx, actor, events);
  await tx.transaction((inner) => appendEntries(inner, ctx, actor, events));
}

/**
 * Chains every entry that was written before the chain existed, organisation by organisation in seq
 * order. Idempotent: sealed entries are never changed. Run at start-up after the migrations.
 */
export async function sealAuditBacklog(db: Db): Promise<{ sealed: number }> {
  let sealed = 0;
  for (const orgId of await orgsWithUnsealedAudit(db)) {
    await db.transaction(async (tx) => {
      await lockOrgChain(tx, orgId);
      sealed += (await sealOrg(tx, orgId)).sealed;
    });
  }
  return { sealed };
}

async function orgIdsOf(db: Db, orgId: string | undefined): Promise<string[]> {
  return orgId !== undefined ? [orgId] : orgsWithAudit(db);
}

/** Walks an organisation's chain (or the stretch from `afterSeq` to `untilSeq`) page by page. */
async function* chainRows(
  db: Db,
  orgId: string,
  range: { afterSeq: number; untilSeq?: number | undefined } = { afterSeq: 0 },
): AsyncGenerator<AuditRow> {
  let afterSeq = range.afterSeq;
  for (;;) {
    const page = await auditChainPage(db, orgId, { afterSeq, untilSeq: range.untilSeq, limit: pageSize });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    afterSeq = last.seq;
  }
}

/**
 * Re-checks every link of each organisation's chain (or the one named) from its first entry and
 * reports the first broken entry; `entries` counts the intact entries checked.
 */
export async function verifyAuditChain(db: Db, opts: { orgId?: string } = {}): Promise<AuditChainCheck> {
  let intact = 0;
  for (const orgId of await orgIdsOf(db, opts.orgId)) {
    let previousHash = genesisHash;
    let previous: { seq: number } | null = null;
    for await (const row of chainRows(db, orgId)) {
      const reason = checkLink(previousHash, previous, { ...contentOf(row), hash: row.hash });
      if (reason !== null) return { ok: false, entries: intact, orgId, seq: row.seq, reason };
      previousHash = row.hash as string;
      previous = row;
      intact++;
    }
  }
  return { ok: true, entries: intact };
}

function unsealed(orgId: string, seq: number): Error {
  return new Error(
    `Audit entry seq ${seq} of organisation ${orgId} has no hash yet; seal the backlog first (sealAuditBacklog)`,
  );
}

function exportedEntry(row: AuditRow): AuditChainEntry {
  if (row.hash === null) throw unsealed(row.orgId, row.seq);
  return { ...contentOf(row), hash: row.hash };
}

/**
 * Streams each organisation's chain (or the one named) in chain order. With `from`/`to` (one
 * organisation only) it yields the contiguous seq stretch from the first entry written at or after
 * `from` to the last written at or before `to`, and `previousHash` is the hash it links to.
 */
export async function openAuditChainExport(
  db: Db,
  opts: { orgId?: string | undefined; from?: Date | undefined; to?: Date | undefined },
): Promise<{ previousHash: string; entries: AsyncGenerator<AuditChainEntry> }> {
  if ((opts.from || opts.to) && opts.orgId === undefined) {
    throw new AppError(
      "bad_request",
      "orgId: an export from or to a time is a stretch of one organisation's chain; name the organisation",
    );
  }
  if (opts.orgId !== undefined && (opts.from || opts.to)) {
    const orgId = opts.orgId;
    const range = await auditSeqRange(db, orgId, { from: opts.from, to: opts.to });
    if (range === null) return { previousHash: genesisHash, entries: (async function* () {})() };
    const before = await auditEntryBefore(db, orgId, range.first);
    if (before && before.hash === null) throw unsealed(orgId, before.seq);
    const rows = chainRows(db, orgId, { afterSeq: before?.seq ?? 0, untilSeq: range.last });
    return {
      previousHash: before?.hash ?? genesisHash,
      entries: (async function* () {
        for await (const row of rows) yield exportedEntry(row);
      })(),
    };
  }
  const orgIds = await orgIdsOf(db, opts.orgId);
  return {
    previousHash: genesisHash,
    entries: (async function* () {
      for (const orgId of orgIds) for await (const row of chainRows(db, orgId)) yield exportedEntry(row);
    })(),
  };
}

/** Each organisation's chain (or one organisation's stretch from/to a time) in chain order, in memory. */
export async function exportAuditChain(
  db: Db,
  opts: { orgId?: string; from?: Date; to?: Date } = {},
): Promise<AuditChainExport> {
  const { previousHash, entries } = await openAuditChainExport(db, opts);
  const all: AuditChainEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return { previousHash, entries: all };
}

/** The chain check of the actor's organisation (managers and admins). */
export async function verifyOwnAuditChain(ctx: AppContext, actor: Actor): Promise<ChainCheck> {
  if (!canReadAudit(actor)) throw forbidden("verify the audit log");
  const check = await verifyAuditChain(ctx.db, { orgId: actor.orgId });
  return check.ok ? check : { ok: false, entries: check.entries, seq: check.seq, reason: check.reason };
}

/** A page of the organisation's audit log, newest first. */
export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  opts: { before?: number | undefined; limit: number },
) {
  if (!canReadAudit(actor)) throw forbidden("read the audit log");
  const rows = await listAuditEntries(ctx.db, actor.orgId, { before: opts.before, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  const items: AuditEntryRead[] = page.map((r) => ({
    seq: r.seq,
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    detail: r.detail,
    at: r.at.toISOString(),
    hash: r.hash,
  }));
  return { items, nextBefore: rows.length > opts.limit ? (page.at(-1)?.seq ?? null) : null };
}
