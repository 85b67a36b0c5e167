import { and, desc, eq, lt } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { auditLog } from "./audit.table.ts";

/** Appends an entry. */
export async function insertAuditEntry(tx: Tx, row: typeof auditLog.$inferInsert) {
  await tx.insert(auditLog).values(row);
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
