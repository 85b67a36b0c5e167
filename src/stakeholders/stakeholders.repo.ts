import { and, asc, eq, sql } from "drizzle-orm";
import { authors } from "../authors/authors.table.ts";
import { criticalFlags } from "../core/escalation/series.ts";
import { riskEngineVersion } from "../core/risk/risk.types.ts";
import type { Tx } from "../platform/db/client.ts";
import { assessments, posts } from "../posts/posts.table.ts";
import { stakeholderAccounts } from "./stakeholders.table.ts";

export type StakeholderRow = typeof stakeholderAccounts.$inferSelect;

/** The map of an organisation with each account's activity since `since` (joins to read related rows). */
export async function listWithActivity(tx: Tx, orgId: string, since: Date) {
  const critical = `{${[...criticalFlags].join(",")}}`;
  const recent = sql`${posts.postedAt} >= ${since.toISOString()}::timestamptz`;
  return tx
    .select({
      row: stakeholderAccounts,
      followers: sql<number | null>`max(${authors.followers})`,
      posts7d: sql<number>`(count(${posts.id}) filter (where ${recent}))::int`,
      critical7d: sql<number>`(count(${posts.id}) filter (where ${recent} and ${assessments.flags} && ${critical}::text[]))::int`,
      lastPostAt: sql<string | null>`max(${posts.postedAt})`,
    })
    .from(stakeholderAccounts)
    .leftJoin(
      authors,
      and(
        eq(authors.orgId, stakeholderAccounts.orgId),
        eq(authors.platform, stakeholderAccounts.platform),
        sql`lower(${authors.handle}) = ${stakeholderAccounts.handle}`,
      ),
    )
    .leftJoin(posts, and(eq(posts.authorId, authors.id), eq(posts.orgId, stakeholderAccounts.orgId)))
    .leftJoin(assessments, and(eq(assessments.postId, posts.id), eq(assessments.engine, riskEngineVersion)))
    .where(eq(stakeholderAccounts.orgId, orgId))
    .groupBy(stakeholderAccounts.id)
    .orderBy(asc(stakeholderAccounts.group), asc(stakeholderAccounts.handle));
}

/** Every account of an organisation (for the escalation monitor's directory). */
export async function listAccounts(tx: Tx, orgId: string): Promise<StakeholderRow[]> {
  return tx.select().from(stakeholderAccounts).where(eq(stakeholderAccounts.orgId, orgId));
}

export async function findAccount(tx: Tx, orgId: string, id: string): Promise<StakeholderRow | undefined> {
  const [row] = await tx
    .select()
    .from(stakeholderAccounts)
    .where(and(eq(stakeholderAccounts.orgId, orgId), eq(stakeholderAccounts.id, id)));
  return row;
}

/** Inserts an account; false when the organisation has it already. */
export async function insertAccount(tx: Tx, row: StakeholderRow): Promise<boolean> {
  const inserted = await tx
    .insert(stakeholderAccounts)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: stakeholderAccounts.id });
  return inserted.length > 0;
}

export async function updateAccount(tx: Tx, orgId: string, id: string, set: Partial<StakeholderRow>) {
  await tx
    .update(stakeholderAccounts)
    .set(set)
    .where(and(eq(stakeholderAccounts.orgId, orgId), eq(stakeholderAccounts.id, id)));
}

/** Deletes an account; returns whether it existed. */
export async function deleteAccount(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(stakeholderAccounts)
    .where(and(eq(stakeholderAccounts.orgId, orgId), eq(stakeholderAccounts.id, id)))
    .returning({ id: stakeholderAccounts.id });
  return deleted.length > 0;
}
