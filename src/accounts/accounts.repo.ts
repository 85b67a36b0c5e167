import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { authors } from "../authors/authors.table.ts";
import { takeoverCategories } from "../core/accounts/takeover.ts";
import { riskEngineVersion } from "../core/risk/risk.types.ts";
import type { Tx } from "../platform/db/client.ts";
import { assessments, posts } from "../posts/posts.table.ts";
import { stakeholderAccounts } from "../stakeholders/stakeholders.table.ts";
import { accountSecurity } from "./accounts.table.ts";

export type AccountSecurityRow = typeof accountSecurity.$inferSelect;

/** What the team recorded about the organisation's accounts. */
export async function listSecurity(tx: Tx, orgId: string): Promise<AccountSecurityRow[]> {
  return tx.select().from(accountSecurity).where(eq(accountSecurity.orgId, orgId));
}

/** Writes an account's record, replacing the one before (keyed on organisation, platform, handle). */
export async function upsertSecurity(tx: Tx, row: AccountSecurityRow): Promise<void> {
  const { id: _id, orgId: _org, platform: _platform, handle: _handle, createdAt: _created, ...set } = row;
  await tx
    .insert(accountSecurity)
    .values(row)
    .onConflictDoUpdate({
      target: [accountSecurity.orgId, accountSecurity.platform, accountSecurity.handle],
      set,
    });
}

/** Authors of the organisation whose lower-case handle is one of `handles`, with their activity. */
export async function authorActivity(
  tx: Tx,
  orgId: string,
  handles: string[],
  since: Date,
  lastHourFrom: Date,
) {
  if (handles.length === 0) return [];
  const recent = sql`${posts.postedAt} >= ${since.toISOString()}::timestamptz`;
  const lastHour = sql`${posts.postedAt} >= ${lastHourFrom.toISOString()}::timestamptz`;
  return tx
    .select({
      platform: authors.platform,
      handle: sql<string>`lower(${authors.handle})`,
      followers: sql<number | null>`max(${authors.followers})`,
      posts7d: sql<number>`(count(${posts.id}) filter (where ${recent}))::int`,
      lastHour: sql<number>`(count(${posts.id}) filter (where ${lastHour}))::int`,
      lastPostAt: sql<string | null>`max(${posts.postedAt})`,
    })
    .from(authors)
    .leftJoin(posts, and(eq(posts.authorId, authors.id), eq(posts.orgId, authors.orgId)))
    .where(and(eq(authors.orgId, orgId), inArray(sql`lower(${authors.handle})`, handles)))
    .groupBy(authors.platform, sql`lower(${authors.handle})`);
}

/** Posts of each (platform, handle) per hour between `from` and `to` (only hours with posts). */
export async function hourlyCounts(tx: Tx, orgId: string, handles: string[], from: Date, to: Date) {
  if (handles.length === 0) return [];
  const hour = sql<string>`date_trunc('hour', ${posts.postedAt})`;
  return tx
    .select({
      platform: authors.platform,
      handle: sql<string>`lower(${authors.handle})`,
      hour: sql<string>`${hour}::text`,
      count: sql<number>`count(*)::int`,
    })
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .where(
      and(
        eq(posts.orgId, orgId),
        inArray(sql`lower(${authors.handle})`, handles),
        gte(posts.postedAt, from),
        sql`${posts.postedAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(authors.platform, sql`lower(${authors.handle})`, hour);
}

/** Posts of these handles since `since` flagged for a category an own post should never have. */
export async function flaggedOwnPosts(tx: Tx, orgId: string, handles: string[], since: Date, limit: number) {
  if (handles.length === 0) return [];
  const wanted = `{${takeoverCategories.join(",")}}`;
  return tx
    .select({
      id: posts.id,
      postedAt: posts.postedAt,
      text: posts.text,
      flags: assessments.flags,
      platform: authors.platform,
      handle: sql<string>`lower(${authors.handle})`,
    })
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .innerJoin(assessments, and(eq(assessments.postId, posts.id), eq(assessments.engine, riskEngineVersion)))
    .where(
      and(
        eq(posts.orgId, orgId),
        inArray(sql`lower(${authors.handle})`, handles),
        gte(posts.postedAt, since),
        sql`${assessments.flags} && ${wanted}::text[]`,
      ),
    )
    .orderBy(desc(posts.postedAt))
    .limit(limit);
}

/** The impersonation findings about an author's names (not about a post's words). */
const authorFindingReasons = `{${[
  "impersonation.handle_lookalike",
  "impersonation.display_name_copy",
  "impersonation.added_word",
  "impersonation.name_lookalike",
  "impersonation.executive",
  "impersonation.brand_in_name",
].join(",")}}`;

/**
 * Authors whose posts since `since` the risk engine flagged as impersonation, newest first, with what
 * the engine said they imitate (the details of its author findings) and whether they are on the map.
 */
export async function impersonators(tx: Tx, orgId: string, since: Date, limit: number) {
  return tx
    .select({
      platform: authors.platform,
      handle: authors.handle,
      displayName: authors.displayName,
      followers: authors.followers,
      accountCreatedAt: authors.accountCreatedAt,
      posts: sql<number>`count(distinct ${posts.id})::int`,
      lastPostAt: sql<string>`max(${posts.postedAt})`,
      details: sql<string[] | null>`(
        select array_agg(distinct s->>'detail') from ${posts} p2
        join ${assessments} a2 on a2.post_id = p2.id and a2.engine = ${riskEngineVersion}
        cross join lateral jsonb_array_elements(coalesce(a2.categories->'impersonation'->'spans', '[]'::jsonb)) s
        where p2.author_id = ${authors.id} and p2.posted_at >= ${since.toISOString()}::timestamptz
          and s->>'reason' = any(${authorFindingReasons}::text[]))`,
      known: sql<boolean>`exists (select 1 from ${stakeholderAccounts} sa where sa.org_id = ${authors.orgId}
        and sa.platform = ${authors.platform} and sa.handle = lower(${authors.handle}))`,
    })
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .innerJoin(assessments, and(eq(assessments.postId, posts.id), eq(assessments.engine, riskEngineVersion)))
    .where(
      and(
        eq(posts.orgId, orgId),
        gte(posts.postedAt, since),
        sql`'impersonation' = any(${assessments.flags})`,
      ),
    )
    .groupBy(authors.id)
    .orderBy(sql`max(${posts.postedAt}) desc`)
    .limit(limit);
}
