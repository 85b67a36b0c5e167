import { and, asc, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { sources } from "../sources/sources.table.ts";
import { connectors } from "./connectors.table.ts";

export type ConnectorRow = typeof connectors.$inferSelect;

/** Connectors of an organisation with their source's name, oldest first. */
export async function listConnectors(tx: Tx, orgId: string) {
  return tx
    .select({ row: connectors, name: sources.name })
    .from(connectors)
    .innerJoin(sources, eq(sources.id, connectors.id))
    .where(eq(connectors.orgId, orgId))
    .orderBy(asc(connectors.createdAt), asc(connectors.id));
}

/** One connector with its name. */
export async function findConnector(tx: Tx, orgId: string, id: string) {
  const [found] = await tx
    .select({ row: connectors, name: sources.name })
    .from(connectors)
    .innerJoin(sources, eq(sources.id, connectors.id))
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id)));
  return found;
}

export async function insertConnector(tx: Tx, row: ConnectorRow) {
  await tx.insert(connectors).values(row);
}

export async function updateConnector(tx: Tx, orgId: string, id: string, set: Partial<ConnectorRow>) {
  await tx
    .update(connectors)
    .set(set)
    .where(and(eq(connectors.orgId, orgId), eq(connectors.id, id)));
}

/**
 * Claims up to `limit` enabled connectors that are due, for this runner until `lockUntil`; connectors other
 * runners hold are skipped, so several workers share the polling and none polls a connector twice.
 */
export async function claimDueConnectors(
  tx: Tx,
  now: Date,
  lockUntil: Date,
  limit: number,
): Promise<ConnectorRow[]> {
  const due = tx
    .select({ id: connectors.id })
    .from(connectors)
    .where(
      and(
        eq(connectors.enabled, true),
        lte(connectors.nextRunAt, now),
        or(isNull(connectors.lockedUntil), lt(connectors.lockedUntil, now)),
      ),
    )
    .orderBy(asc(connectors.nextRunAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return tx
    .update(connectors)
    .set({ lockedUntil: lockUntil })
    .where(sql`${connectors.id} in ${due}`)
    .returning();
}

/** Claims one connector now (poll on demand) unless another runner holds it; undefined then. */
export async function claimConnector(tx: Tx, orgId: string, id: string, now: Date, lockUntil: Date) {
  const [row] = await tx
    .update(connectors)
    .set({ lockedUntil: lockUntil })
    .where(
      and(
        eq(connectors.orgId, orgId),
        eq(connectors.id, id),
        or(isNull(connectors.lockedUntil), lt(connectors.lockedUntil, now)),
      ),
    )
    .returning();
  return row;
}

/** Counts connectors per kind and state, for /metrics. */
export async function countByState(tx: Tx) {
  return tx
    .select({ kind: connectors.kind, state: connectors.state, count: sql<number>`count(*)::int` })
    .from(connectors)
    .where(eq(connectors.enabled, true))
    .groupBy(connectors.kind, connectors.state);
}

/** One connector by id alone, for the webhook endpoint (which has no session to take the organisation from). */
export async function findConnectorById(tx: Tx, id: string): Promise<ConnectorRow | undefined> {
  const [row] = await tx.select().from(connectors).where(eq(connectors.id, id));
  return row;
}
