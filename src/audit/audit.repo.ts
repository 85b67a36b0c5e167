import { and, asc, desc, eq, gt, gte, isNull, lt, lte, sql } from "drizzle-orm";
import { lockUntilCommit, type Tx } from "../platform/db/client.ts";
import { insertUnnest } from "../platform/db/unnest.ts";
import { auditLog } from "./audit.table.ts";

/** A row of the audit log. */
export type AuditRow = typeof auditLog.$inferSelect;

/** Appends an entry (with its seq and hash already chosen). */
export async function insertAuditEntries(tx: Tx, rows: (typeof auditLog.$inferInsert)[]) {
  await insertUnnest(tx, auditLog, rows);
}

/** Entries of an organisation, newest first. */
export async function listAuditEntries(
  tx: Tx,
  orgId: string,
  opts: { before?: number | undefined; limit: number },
) {
  return tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), opts.before ? lt(auditLog.seq, opts.before) : undefined))
    .orderBy(desc(auditLog.seq))
    .limit(opts.limit);
}

/**
 * Serialises appending to one organisation's chain across transactions and processes until the
 * transaction ends (PostgreSQL and PGlite alike), so two entries never link to the same predecessor.
 */
export async function lockOrgChain(tx: Tx, orgId: string) {
  await lockUntilCommit(tx, `audit:${orgId}`);
}

/**
 * The next `count` values of the seq column's sequence, ascending (taken under the chain lock, so seq
 * follows chain order).
 */
export async function nextAuditSeqs(tx: Tx, count: number): Promise<number[]> {
  // node-postgres and PGlite both answer a raw query with `{ rows }`.
  const result = (await tx.execute(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq from generate_series(1, ${count}::int)`,
  )) as unknown as { rows: { seq: string | number }[] };
  const seqs = result.rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
  if (seqs.length !== count) throw new Error(`nextval returned ${seqs.length} values, not ${count}`);
  return seqs;
}

/** The newest entry of an organisation's chain. */
export async function latestAuditEntry(tx: Tx, orgId: string) {
  const [row] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.orgId, orgId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

/** The hash of the entry just before `seq` in an organisation's chain (undefined at its start). */
export async function auditEntryBefore(tx: Tx, orgId: string, seq: number) {
  const [row] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), lt(auditLog.seq, seq)))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

/** The oldest entries of an organisation that have no hash yet, in seq order. */
export async function unsealedAuditEntries(tx: Tx, orgId: string, limit: number) {
  return tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), isNull(auditLog.hash)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}

/** Organisations that have entries without a hash. */
export async function orgsWithUnsealedAudit(tx: Tx): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ orgId: auditLog.orgId })
    .from(auditLog)
    .where(isNull(auditLog.hash))
    .orderBy(asc(auditLog.orgId));
  return rows.map((r) => r.orgId);
}

/** Organisations that have audit entries, in a stable order. */
export async function orgsWithAudit(tx: Tx): Promise<string[]> {
  const rows = await tx.selectDistinct({ orgId: auditLog.orgId }).from(auditLog).orderBy(asc(auditLog.orgId));
  return rows.map((r) => r.orgId);
}

/** Sets the hash of one entry (sealing the backlog). */
export async function setAuditHash(tx: Tx, seq: number, hash: string) {
  await tx.update(auditLog).set({ hash }).where(eq(auditLog.seq, seq));
}

/** A page of an organisation's chain in seq order: entries after `afterSeq`, up to `untilSeq`. */
export async function auditChainPage(
  tx: Tx,
  orgId: string,
  opts: { afterSeq: number; untilSeq?: number | undefined; limit: number },
) {
  return tx
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        gt(auditLog.seq, opts.afterSeq),
        opts.untilSeq !== undefined ? lte(auditLog.seq, opts.untilSeq) : undefined,
      ),
    )
    .orderBy(asc(auditLog.seq))
    .limit(opts.limit);
}

/** The seq range of an organisation's entries written between `from` and `to` (both inclusive). */
export async function auditSeqRange(
  tx: Tx,
  orgId: string,
  opts: { from?: Date | undefined; to?: Date | undefined },
): Promise<{ first: number; last: number } | null> {
  const [row] = await tx
    .select({
      first: sql<string | number | null>`min(${auditLog.seq})`,
      last: sql<string | number | null>`max(${auditLog.seq})`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, orgId),
        opts.from ? gte(auditLog.at, opts.from) : undefined,
        opts.to ? lte(auditLog.at, opts.to) : undefined,
      ),
    );
  if (!row || row.first === null || row.last === null) return null;
  return { first: Number(row.first), last: Number(row.last) };
}
