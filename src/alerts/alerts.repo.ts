import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { lockUntilCommit, type Tx } from "../platform/db/client.ts";
import { alertChannels, alertDeliveries, alertRules, alerts } from "./alerts.table.ts";

export type AlertRuleRow = typeof alertRules.$inferSelect;
export type AlertChannelRow = typeof alertChannels.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type AlertDeliveryRow = typeof alertDeliveries.$inferSelect;

/** Rules of an organisation, oldest first. */
export async function listRules(tx: Tx, orgId: string): Promise<AlertRuleRow[]> {
  return tx
    .select()
    .from(alertRules)
    .where(eq(alertRules.orgId, orgId))
    .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
}

/** The enabled rules of every organisation that has any (for the periodic check). */
export async function listEnabledRules(tx: Tx): Promise<AlertRuleRow[]> {
  return tx.select().from(alertRules).where(eq(alertRules.enabled, true)).orderBy(asc(alertRules.orgId));
}

/** One rule. */
export async function findRule(tx: Tx, orgId: string, id: string): Promise<AlertRuleRow | undefined> {
  const [row] = await tx
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)));
  return row;
}

export async function insertRule(tx: Tx, row: AlertRuleRow) {
  await tx.insert(alertRules).values(row);
}

export async function updateRule(tx: Tx, orgId: string, id: string, set: Partial<AlertRuleRow>) {
  await tx
    .update(alertRules)
    .set(set)
    .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)));
}

/** Deletes a rule; its alerts stay (their rule becomes null). Returns whether it existed. */
export async function deleteRule(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(alertRules)
    .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)))
    .returning({ id: alertRules.id });
  return deleted.length > 0;
}

/** Channels of an organisation, oldest first. */
export async function listChannels(tx: Tx, orgId: string): Promise<AlertChannelRow[]> {
  return tx
    .select()
    .from(alertChannels)
    .where(eq(alertChannels.orgId, orgId))
    .orderBy(asc(alertChannels.createdAt), asc(alertChannels.id));
}

/** Channels by id, scoped to the organisation. */
export async function findChannels(
  tx: Tx,
  orgId: string,
  ids: readonly string[],
): Promise<AlertChannelRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.orgId, orgId), inArray(alertChannels.id, [...ids])));
}

export async function insertChannel(tx: Tx, row: AlertChannelRow) {
  await tx.insert(alertChannels).values(row);
}

export async function updateChannel(tx: Tx, orgId: string, id: string, set: Partial<AlertChannelRow>) {
  await tx
    .update(alertChannels)
    .set(set)
    .where(and(eq(alertChannels.orgId, orgId), eq(alertChannels.id, id)));
}

/** Deletes a channel; past deliveries keep its name. Returns whether it existed. */
export async function deleteChannel(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(alertChannels)
    .where(and(eq(alertChannels.orgId, orgId), eq(alertChannels.id, id)))
    .returning({ id: alertChannels.id });
  return deleted.length > 0;
}

/** Serialises raising alerts of one cause across transactions and processes (PostgreSQL and PGlite alike). */
export async function lockCause(tx: Tx, orgId: string, dedupKey: string) {
  await lockUntilCommit(tx, `alert:${orgId}:${dedupKey}`);
}

/** The newest alert of a cause. */
export async function latestAlertOfCause(
  tx: Tx,
  orgId: string,
  dedupKey: string,
): Promise<AlertRow | undefined> {
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.dedupKey, dedupKey)))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(1);
  return row;
}

/**
 * The alert of a rule that already names this post (a redelivered post must not raise it again). The query
 * asks only for alerts naming the post, which the GIN index on `post_ids` answers in a few look-ups (a post is
 * in a handful of alerts at most); organisation and rule are checked here. With them in the query, PostgreSQL
 * could prefer the organisation's index and read every alert the organisation ever had whenever its
 * statistics are stale (a table that grows fast, autovacuum behind or off).
 */
export async function alertOfRuleWithPost(
  tx: Tx,
  orgId: string,
  ruleId: string,
  postId: string,
): Promise<{ id: string } | undefined> {
  const rows = await tx
    .select({ id: alerts.id, orgId: alerts.orgId, ruleId: alerts.ruleId })
    .from(alerts)
    .where(sql`${alerts.postIds} @> ${JSON.stringify([postId])}::jsonb`);
  const known = rows.find((row) => row.orgId === orgId && row.ruleId === ruleId);
  return known && { id: known.id };
}

export async function insertAlert(tx: Tx, row: AlertRow) {
  await tx.insert(alerts).values(row);
}

export async function updateAlert(tx: Tx, orgId: string, id: string, set: Partial<AlertRow>) {
  await tx
    .update(alerts)
    .set(set)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.id, id)));
}

/** One alert. */
export async function findAlert(tx: Tx, orgId: string, id: string): Promise<AlertRow | undefined> {
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.id, id)));
  return row;
}

/** A page of alerts, newest first; `before` is the last alert of the previous page. */
export async function listAlerts(
  tx: Tx,
  orgId: string,
  f: { state?: string; topicId?: string },
  before: AlertRow | undefined,
  limit: number,
): Promise<AlertRow[]> {
  const where: SQL[] = [eq(alerts.orgId, orgId)];
  if (f.state) where.push(eq(alerts.state, f.state));
  if (f.topicId) where.push(eq(alerts.topicId, f.topicId));
  if (before) {
    const older = or(
      lt(alerts.createdAt, before.createdAt),
      and(eq(alerts.createdAt, before.createdAt), lt(alerts.id, before.id)),
    );
    if (older) where.push(older);
  }
  return tx
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(limit);
}

/** Alerts raised in [from, to): all, critical ones, and those of them still open. */
export async function countAlertsRaised(tx: Tx, orgId: string, from: Date, to: Date) {
  const [row] = await tx
    .select({
      raised: sql<number>`count(*)::int`,
      critical: sql<number>`(count(*) filter (where ${alerts.severity} = 'critical'))::int`,
      open: sql<number>`(count(*) filter (where ${alerts.state} = 'open'))::int`,
    })
    .from(alerts)
    .where(and(eq(alerts.orgId, orgId), gte(alerts.createdAt, from), lt(alerts.createdAt, to)));
  return { raised: row?.raised ?? 0, critical: row?.critical ?? 0, open: row?.open ?? 0 };
}

/** Open alerts of an organisation. */
export async function countOpenAlerts(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(eq(alerts.orgId, orgId), eq(alerts.state, "open")));
  return row?.count ?? 0;
}

export async function insertDeliveries(tx: Tx, rows: AlertDeliveryRow[]) {
  if (rows.length > 0) await tx.insert(alertDeliveries).values(rows);
}

/** Deliveries of the given alerts, in the order they were queued. */
export async function deliveriesOf(
  tx: Tx,
  orgId: string,
  alertIds: readonly string[],
): Promise<AlertDeliveryRow[]> {
  if (alertIds.length === 0) return [];
  return tx
    .select()
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.orgId, orgId), inArray(alertDeliveries.alertId, [...alertIds])))
    .orderBy(asc(alertDeliveries.createdAt), asc(alertDeliveries.id));
}

/**
 * Claims up to `limit` due deliveries of every organisation for this dispatcher until `lockUntil`: rows other
 * dispatchers hold are skipped, so several processes can work the outbox at once.
 */
export async function claimDueDeliveries(
  tx: Tx,
  now: Date,
  lockUntil: Date,
  limit: number,
): Promise<AlertDeliveryRow[]> {
  const due = tx
    .select({ id: alertDeliveries.id })
    .from(alertDeliveries)
    .where(
      and(
        eq(alertDeliveries.state, "pending"),
        lte(alertDeliveries.nextAttemptAt, now),
        or(isNull(alertDeliveries.lockedUntil), lt(alertDeliveries.lockedUntil, now)),
      ),
    )
    .orderBy(asc(alertDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return tx
    .update(alertDeliveries)
    .set({ lockedUntil: lockUntil })
    .where(inArray(alertDeliveries.id, due))
    .returning();
}

/**
 * Records the outcome of one attempt, if the delivery is still claimed until `claimedUntil` (the claim this
 * dispatcher took): a delivery another dispatcher took over meanwhile keeps that one's record. Whether it was.
 */
export async function updateClaimedDelivery(
  tx: Tx,
  id: string,
  claimedUntil: Date,
  set: Partial<AlertDeliveryRow>,
): Promise<boolean> {
  const updated = await tx
    .update(alertDeliveries)
    .set(set)
    .where(and(eq(alertDeliveries.id, id), eq(alertDeliveries.lockedUntil, claimedUntil)))
    .returning({ id: alertDeliveries.id });
  return updated.length > 0;
}

/** Gives claimed deliveries back unsent (those still claimed until `claimedUntil`), for the next pass. */
export async function releaseClaims(tx: Tx, ids: readonly string[], claimedUntil: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(alertDeliveries)
    .set({ lockedUntil: null })
    .where(and(inArray(alertDeliveries.id, [...ids]), eq(alertDeliveries.lockedUntil, claimedUntil)));
}

/** One alert by id without organisation scope, for the dispatcher (which works for every organisation). */
export async function findAlertForDelivery(tx: Tx, id: string): Promise<AlertRow | undefined> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, id));
  return row;
}

/** One channel by id without organisation scope, for the dispatcher. */
export async function findChannelForDelivery(tx: Tx, id: string): Promise<AlertChannelRow | undefined> {
  const [row] = await tx.select().from(alertChannels).where(eq(alertChannels.id, id));
  return row;
}
