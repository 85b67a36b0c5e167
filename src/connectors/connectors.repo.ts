import { and, asc, eq, inArray, isNull, lt, lte, notInArray, or, type SQL, sql } from "drizzle-orm";
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
  return claimFree(tx, now, lockUntil, limit, lte(connectors.nextRunAt, now));
}

/**
 * Sets `lockUntil` on up to `limit` enabled connectors that nobody holds and that match `condition`, the
 * longest due first; rows another transaction is claiming are skipped.
 */
async function claimFree(
  tx: Tx,
  now: Date,
  lockUntil: Date,
  limit: number,
  condition: SQL | undefined,
): Promise<ConnectorRow[]> {
  const free = tx
    .select({ id: connectors.id })
    .from(connectors)
    .where(
      and(
        eq(connectors.enabled, true),
        or(isNull(connectors.lockedUntil), lt(connectors.lockedUntil, now)),
        condition,
      ),
    )
    .orderBy(asc(connectors.nextRunAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return tx
    .update(connectors)
    .set({ lockedUntil: lockUntil })
    .where(sql`${connectors.id} in ${free}`)
    .returning();
}

/** States in which a connector may be connected live at once; the others wait for `next_run_at`. */
const readyStates = ["new", "ok", "live"];

/**
 * Claims up to `limit` enabled connectors of the given (streaming) kinds whose `live` setting is not
 * false and that nobody holds, for this process's live connections until `lockUntil`. A connector whose
 * last try failed waits for its `next_run_at` (back-off, Retry-After, an hour for refused settings).
 */
export async function claimStreamConnectors(
  tx: Tx,
  now: Date,
  lockUntil: Date,
  kinds: readonly string[],
  limit: number,
  /** Connectors this process leaves to the poll runner for now. */
  exclude: readonly string[] = [],
): Promise<ConnectorRow[]> {
  if (kinds.length === 0 || limit <= 0) return [];
  return claimFree(
    tx,
    now,
    lockUntil,
    limit,
    and(
      inArray(connectors.kind, [...kinds]),
      sql`coalesce(${connectors.config}->>'live', 'true') <> 'false'`,
      or(inArray(connectors.state, readyStates), lte(connectors.nextRunAt, now)),
      exclude.length > 0 ? notInArray(connectors.id, [...exclude]) : undefined,
    ),
  );
}

/** How a live connection holds its connector: the lease it set last and the change time it started with. */
export interface Hold {
  id: string;
  lease: Date;
  /** `updated_at` when claimed; a person's change (settings, switch) moves it and ends the hold. */
  since: Date;
}

/**
 * Writes to a held connector, only while the hold is still valid: enabled, not changed by a person since,
 * and still under this hold's lease. False when it is not (deleted, switched off, settings changed, or
 * taken over by another process after the lease ran out). `addPosts` is added to `posts_total`.
 */
export async function updateHeldConnector(
  tx: Tx,
  hold: Hold,
  set: Partial<ConnectorRow>,
  addPosts = 0,
): Promise<boolean> {
  const rows = await tx
    .update(connectors)
    .set({ ...set, ...(addPosts > 0 ? { postsTotal: sql`${connectors.postsTotal} + ${addPosts}` } : {}) })
    .where(
      and(
        eq(connectors.id, hold.id),
        eq(connectors.enabled, true),
        eq(connectors.updatedAt, hold.since),
        eq(connectors.lockedUntil, hold.lease),
      ),
    )
    .returning({ id: connectors.id });
  return rows.length > 0;
}

/**
 * Ends a hold whatever became of the connector: frees the lease if it is still this hold's, and a `live`
 * state becomes `ok` (no connection is open any more).
 */
export async function releaseHold(tx: Tx, hold: Hold): Promise<void> {
  await tx
    .update(connectors)
    .set({
      lockedUntil: null,
      state: sql`case when ${connectors.state} = 'live' then 'ok' else ${connectors.state} end`,
    })
    .where(and(eq(connectors.id, hold.id), eq(connectors.lockedUntil, hold.lease)));
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
