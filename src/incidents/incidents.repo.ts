import { and, asc, desc, eq, inArray, isNotNull, ne, or, type SQL, sql } from "drizzle-orm";
import { authors } from "../authors/authors.table.ts";
import { users } from "../orgs/orgs.table.ts";
import type { Tx } from "../platform/db/client.ts";
import { posts, postTopics } from "../posts/posts.table.ts";
import {
  incidentConversations,
  incidentPosts,
  incidentRoles,
  incidentSettings,
  incidents,
} from "./incidents.table.ts";

export type IncidentRow = typeof incidents.$inferSelect;

/** Incidents of an organisation: active first, then stable, then closed; newest first within each. */
export async function listIncidents(tx: Tx, orgId: string): Promise<IncidentRow[]> {
  const statusOrder = sql`case ${incidents.status} when 'active' then 0 when 'stable' then 1 else 2 end`;
  return tx
    .select()
    .from(incidents)
    .where(eq(incidents.orgId, orgId))
    .orderBy(asc(statusOrder), desc(incidents.createdAt));
}

/** Incidents not closed, of one organisation or of all (the background checks). */
export async function listOpenIncidents(tx: Tx, orgId?: string): Promise<IncidentRow[]> {
  return tx
    .select()
    .from(incidents)
    .where(and(ne(incidents.status, "closed"), orgId ? eq(incidents.orgId, orgId) : undefined));
}

/** One incident of an organisation. */
export async function findIncident(tx: Tx, orgId: string, id: string): Promise<IncidentRow | undefined> {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.orgId, orgId), eq(incidents.id, id)));
  return row;
}

/** One incident, locked until the transaction ends (serialises playbook runs and status changes). */
export async function lockIncident(tx: Tx, orgId: string, id: string): Promise<IncidentRow | undefined> {
  const [row] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.orgId, orgId), eq(incidents.id, id)))
    .for("update");
  return row;
}

/** Inserts an incident. */
export async function insertIncident(tx: Tx, row: IncidentRow) {
  await tx.insert(incidents).values(row);
}

/** Updates an incident. */
export async function updateIncident(tx: Tx, orgId: string, id: string, set: Partial<IncidentRow>) {
  await tx
    .update(incidents)
    .set(set)
    .where(and(eq(incidents.orgId, orgId), eq(incidents.id, id)));
}

/**
 * Incidents opened and closed in [from, to) and in the period of equal length before it ([previousFrom, from)),
 * and those open now, in one pass over the organisation's incidents.
 */
export async function countIncidents(
  tx: Tx,
  orgId: string,
  previousFromDate: Date,
  fromDate: Date,
  toDate: Date,
) {
  const previousFrom = sql`${previousFromDate.toISOString()}::timestamptz`;
  const from = sql`${fromDate.toISOString()}::timestamptz`;
  const to = sql`${toDate.toISOString()}::timestamptz`;
  const within = (column: typeof incidents.createdAt | typeof incidents.closedAt, start: SQL, end: SQL) =>
    sql<number>`(count(*) filter (where ${column} >= ${start} and ${column} < ${end}))::int`;
  const [row] = await tx
    .select({
      opened: within(incidents.createdAt, from, to),
      closed: within(incidents.closedAt, from, to),
      openedBefore: within(incidents.createdAt, previousFrom, from),
      closedBefore: within(incidents.closedAt, previousFrom, from),
      openNow: sql<number>`(count(*) filter (where ${incidents.status} <> 'closed'))::int`,
    })
    .from(incidents)
    .where(eq(incidents.orgId, orgId));
  return {
    opened: { current: row?.opened ?? 0, previous: row?.openedBefore ?? 0 },
    closed: { current: row?.closed ?? 0, previous: row?.closedBefore ?? 0 },
    openNow: row?.openNow ?? 0,
  };
}

/**
 * Whether any incident could take an alert on its timeline: one opened from it, or any not closed that
 * watches a topic. Most alerts arrive while no incident is open, and this one look-up then settles it.
 */
export async function mayTakeAlert(tx: Tx, orgId: string, alertId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(
        eq(incidents.orgId, orgId),
        or(
          and(eq(incidents.sourceKind, "alert"), eq(incidents.sourceId, alertId)),
          and(isNotNull(incidents.topicId), ne(incidents.status, "closed")),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Incidents opened from an alert, or watching its topic and not closed. */
export async function incidentsForAlert(
  tx: Tx,
  orgId: string,
  alertId: string,
  topicId: string | null,
): Promise<IncidentRow[]> {
  const rows = await tx
    .select()
    .from(incidents)
    .where(
      and(eq(incidents.orgId, orgId), eq(incidents.sourceKind, "alert"), eq(incidents.sourceId, alertId)),
    );
  if (!topicId) return rows;
  const watching = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.orgId, orgId), eq(incidents.topicId, topicId), ne(incidents.status, "closed")));
  const byId = new Map([...rows, ...watching].map((r) => [r.id, r]));
  return [...byId.values()];
}

// ── Posts and conversations ──────────────────────────────────────────────────────────────────────

/** Posts of an organisation among the ids, with their author handle. */
export async function findPosts(tx: Tx, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: posts.id,
      platform: posts.platform,
      text: posts.text,
      url: posts.url,
      postedAt: posts.postedAt,
      author: authors.handle,
    })
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .where(and(eq(posts.orgId, orgId), inArray(posts.id, [...ids])));
}

/** The first topic any of the posts matched, if one did. */
export async function topicOfPosts(
  tx: Tx,
  orgId: string,
  postIds: readonly string[],
): Promise<string | null> {
  if (postIds.length === 0) return null;
  const [row] = await tx
    .select({ topicId: postTopics.topicId })
    .from(postTopics)
    .where(and(eq(postTopics.orgId, orgId), inArray(postTopics.postId, [...postIds])))
    .limit(1);
  return row?.topicId ?? null;
}

/** Attaches posts (those already attached stay as they were); returns the ids newly attached. */
export async function attachPosts(
  tx: Tx,
  orgId: string,
  incidentId: string,
  postIds: readonly string[],
  at: Date,
): Promise<string[]> {
  if (postIds.length === 0) return [];
  const inserted = await tx
    .insert(incidentPosts)
    .values(postIds.map((postId) => ({ orgId, incidentId, postId, attachedAt: at })))
    .onConflictDoNothing()
    .returning({ postId: incidentPosts.postId });
  return inserted.map((r) => r.postId);
}

/** Attached posts of an incident, oldest post first. */
export async function listAttachedPosts(tx: Tx, orgId: string, incidentId: string) {
  return tx
    .select({
      id: posts.id,
      platform: posts.platform,
      text: posts.text,
      url: posts.url,
      postedAt: posts.postedAt,
      author: authors.handle,
      attachedAt: incidentPosts.attachedAt,
    })
    .from(incidentPosts)
    .innerJoin(posts, eq(posts.id, incidentPosts.postId))
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .where(and(eq(incidentPosts.orgId, orgId), eq(incidentPosts.incidentId, incidentId)))
    .orderBy(asc(posts.postedAt));
}

/** Links an inbox conversation to an incident. */
export async function linkConversation(
  tx: Tx,
  orgId: string,
  incidentId: string,
  conversationId: string,
  at: Date,
) {
  await tx
    .insert(incidentConversations)
    .values({ orgId, incidentId, conversationId, linkedAt: at })
    .onConflictDoNothing();
}

// ── Roles and members ────────────────────────────────────────────────────────────────────────────

/** The incident's roles with the holders' names. */
export async function listRoles(tx: Tx, orgId: string, incidentId: string) {
  return tx
    .select({ role: incidentRoles.role, userId: incidentRoles.userId, name: users.name })
    .from(incidentRoles)
    .innerJoin(users, eq(users.id, incidentRoles.userId))
    .where(and(eq(incidentRoles.orgId, orgId), eq(incidentRoles.incidentId, incidentId)));
}

/** Lead user ids of several incidents. */
export async function leadsOf(tx: Tx, orgId: string, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ incidentId: incidentRoles.incidentId, userId: incidentRoles.userId })
    .from(incidentRoles)
    .where(
      and(
        eq(incidentRoles.orgId, orgId),
        eq(incidentRoles.role, "lead"),
        inArray(incidentRoles.incidentId, [...incidentIds]),
      ),
    );
  return new Map(rows.map((r) => [r.incidentId, r.userId]));
}

/** Sets or frees one role. */
export async function setRole(
  tx: Tx,
  orgId: string,
  incidentId: string,
  role: string,
  userId: string | null,
  at: Date,
) {
  await tx
    .delete(incidentRoles)
    .where(and(eq(incidentRoles.incidentId, incidentId), eq(incidentRoles.role, role)));
  if (userId) await tx.insert(incidentRoles).values({ orgId, incidentId, role, userId, assignedAt: at });
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────

/** The organisation's incident settings (defaults when never saved). */
export async function findSettings(tx: Tx, orgId: string) {
  const [row] = await tx.select().from(incidentSettings).where(eq(incidentSettings.orgId, orgId));
  return { nis2InScope: row?.nis2InScope ?? false };
}

/** Saves the organisation's incident settings. */
export async function saveSettings(tx: Tx, orgId: string, nis2InScope: boolean, at: Date) {
  await tx
    .insert(incidentSettings)
    .values({ orgId, nis2InScope, updatedAt: at })
    .onConflictDoUpdate({ target: incidentSettings.orgId, set: { nis2InScope, updatedAt: at } });
}
