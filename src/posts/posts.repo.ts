import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { authors } from "../authors/authors.table.ts";
import { normalHandle, riskEngineVersion } from "../core/risk/risk.types.ts";
import type { Tx } from "../platform/db/client.ts";
import { insertUnnest, inTextArray } from "../platform/db/unnest.ts";
import type { PostFilter } from "./posts.schema.ts";
import { assessments, postDeletions, postRevisions, posts, postTopics } from "./posts.table.ts";

export type NewPostRow = typeof posts.$inferInsert;

/** Inserts posts that are new; existing (org, platform, external id) are left alone. Returns the inserted ids. */
export async function insertNewPosts(tx: Tx, rows: NewPostRow[]): Promise<Set<string>> {
  const inserted = await insertUnnest(tx, posts, rows, sql`on conflict do nothing returning id`);
  return new Set(inserted.map((r) => String(r.id)));
}

/** Records which topics each post matched. */
export async function insertPostTopics(tx: Tx, rows: (typeof postTopics.$inferInsert)[]) {
  await insertUnnest(tx, postTopics, rows, sql`on conflict do nothing`);
}

/** Stores assessments. */
export async function insertAssessments(tx: Tx, rows: (typeof assessments.$inferInsert)[]) {
  await insertUnnest(tx, assessments, rows, sql`on conflict do nothing`);
}

/** The stored version of a post an edit may replace, locked until the transaction ends. */
export async function lockPostForEdit(tx: Tx, orgId: string, platform: string, externalId: string) {
  // The row lock serialises two workers storing edits of the same post: the second reads the first's text.
  const [row] = await tx
    .select({
      id: posts.id,
      text: posts.text,
      lang: posts.lang,
      raw: posts.raw,
      postedAt: posts.postedAt,
      editedAt: posts.editedAt,
    })
    .from(posts)
    .where(and(eq(posts.orgId, orgId), eq(posts.platform, platform), eq(posts.externalId, externalId)))
    .for("update");
  return row;
}

export type PostEditRow = Pick<typeof posts.$inferInsert, "text" | "lang" | "url" | "metrics" | "raw"> & {
  editedAt: Date;
};

/** Replaces a post's text with a newer edit; does nothing unless the edit is newer than the stored version. */
export async function applyPostEdit(
  tx: Tx,
  orgId: string,
  postId: string,
  edit: PostEditRow,
): Promise<boolean> {
  const rows = await tx
    .update(posts)
    .set(edit)
    .where(
      and(
        eq(posts.orgId, orgId),
        eq(posts.id, postId),
        sql`coalesce(${posts.editedAt}, ${posts.postedAt}) < ${edit.editedAt.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: posts.id });
  return rows.length > 0;
}

/** Keeps an earlier version of a post's text; a version already kept (same post and time) is left alone. */
export async function insertPostRevision(tx: Tx, row: typeof postRevisions.$inferInsert) {
  await tx.insert(postRevisions).values(row).onConflictDoNothing();
}

/** The earlier versions of a post, oldest first, scoped to the organisation. */
export async function listPostRevisions(tx: Tx, orgId: string, postId: string) {
  return tx
    .select({ text: postRevisions.text, lang: postRevisions.lang, writtenAt: postRevisions.writtenAt })
    .from(postRevisions)
    .where(and(eq(postRevisions.orgId, orgId), eq(postRevisions.postId, postId)))
    .orderBy(asc(postRevisions.writtenAt));
}

/** Which of the given posts have earlier versions. */
export async function postsWithRevisions(tx: Tx, postIds: string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ postId: postRevisions.postId })
    .from(postRevisions)
    .where(inArray(postRevisions.postId, postIds));
  return new Set(rows.map((r) => r.postId));
}

/** Replaces a post's assessments and matched topics with those of its new text. */
export async function replaceAssessment(
  tx: Tx,
  orgId: string,
  postId: string,
  assessment: typeof assessments.$inferInsert,
  topicIds: readonly string[],
) {
  // Every engine's verdict was on the old text: none of them may stay.
  await tx.delete(assessments).where(and(eq(assessments.orgId, orgId), eq(assessments.postId, postId)));
  await tx.insert(assessments).values(assessment);
  await tx.delete(postTopics).where(and(eq(postTopics.orgId, orgId), eq(postTopics.postId, postId)));
  if (topicIds.length > 0)
    await tx.insert(postTopics).values(topicIds.map((topicId) => ({ orgId, postId, topicId })));
}

/** A keyset cursor: the sort key of the last row of a page. */
export interface PostCursor {
  postedAt: Date;
  id: string;
  /** Present when sorting by priority. */
  priority?: number;
}

const assessmentJoin = and(eq(assessments.postId, posts.id), eq(assessments.engine, riskEngineVersion));

function filterConditions(orgId: string, f: PostFilter): SQL[] {
  const where: SQL[] = [eq(posts.orgId, orgId)];
  if (f.platform) where.push(eq(posts.platform, f.platform));
  if (f.lang) where.push(eq(posts.lang, f.lang));
  if (f.from) where.push(gte(posts.postedAt, f.from));
  if (f.to) where.push(lt(posts.postedAt, f.to));
  if (f.topicId) {
    // A semi-join Drizzle renders fully qualified, also in single-table queries (stats, live filter).
    const matching = sql`(select ${postTopics.postId} from ${postTopics} where ${postTopics.orgId} = ${orgId} and ${postTopics.topicId} = ${f.topicId})`;
    where.push(inArray(posts.id, matching));
  }
  if (f.risk) {
    const flagged = sql`(select ${assessments.postId} from ${assessments} where ${assessments.orgId} = ${orgId} and ${assessments.engine} = ${riskEngineVersion} and ${assessments.flags} @> array[${f.risk}]::text[])`;
    where.push(inArray(posts.id, flagged));
  }
  if (f.author) {
    const written = sql`(select ${authors.id} from ${authors} where ${authors.orgId} = ${orgId} and lower(${authors.handle}) = ${normalHandle(f.author)})`;
    where.push(inArray(posts.authorId, written));
  }
  if (f.deleted === "hide") where.push(isNull(posts.deletedAt));
  if (f.deleted === "only") where.push(isNotNull(posts.deletedAt));
  if (f.ids) where.push(inArray(posts.id, f.ids.split(",")));
  if (f.q) {
    // The search text is a bound parameter; websearch_to_tsquery never fails on user syntax.
    where.push(
      sql`${posts.search} @@ (websearch_to_tsquery('german', ${f.q}) || websearch_to_tsquery('english', ${f.q}) || websearch_to_tsquery('simple', ${f.q}))`,
    );
  }
  return where;
}

const postColumns = {
  id: posts.id,
  platform: posts.platform,
  externalId: posts.externalId,
  text: posts.text,
  lang: posts.lang,
  url: posts.url,
  inReplyTo: posts.inReplyTo,
  postedAt: posts.postedAt,
  ingestedAt: posts.ingestedAt,
  deletedAt: posts.deletedAt,
  editedAt: posts.editedAt,
  metrics: posts.metrics,
  authorId: authors.id,
  authorHandle: authors.handle,
  authorDisplayName: authors.displayName,
  authorFollowers: authors.followers,
  authorCreatedAt: authors.accountCreatedAt,
  priority: assessments.priority,
  categories: assessments.categories,
  flags: assessments.flags,
  topicIds: sql<
    string[] | null
  >`(select array_agg(${postTopics.topicId} order by ${postTopics.topicId}) from ${postTopics} where ${postTopics.postId} = ${posts.id})`,
};

export type PostListRow = Awaited<ReturnType<typeof listPosts>>[number];

/**
 * A page of posts after the cursor: newest first, or highest priority first. By priority, the posts the
 * engine has assessed come first (priority, then time, then id, all descending), read in that order from
 * `assessments_priority_idx`; posts without a current assessment (an engine upgrade not yet caught up with)
 * follow, newest first, as priority -1.
 */
export async function listPosts(
  tx: Tx,
  orgId: string,
  f: PostFilter,
  cursor: PostCursor | null,
  limit: number,
  sort: "time" | "priority" = "time",
) {
  if (sort === "time") return listPostsQuery(tx, orgId, f, cursor, limit, sort);
  const pastAssessed = cursor !== null && (cursor.priority ?? -1) < 0;
  const assessed = pastAssessed ? [] : await assessedByPriorityQuery(tx, orgId, f, cursor, limit);
  if (assessed.length >= limit) return assessed;
  const rest = await listPostsQuery(
    tx,
    orgId,
    f,
    pastAssessed ? cursor : null,
    limit - assessed.length,
    "unassessed",
  );
  return [...assessed, ...rest];
}

/**
 * The query of a page by time (`time`: every post; `unassessed`: those without a current assessment),
 * unexecuted (its plan is tested: the time order must come from the index).
 */
export function listPostsQuery(
  tx: Tx,
  orgId: string,
  f: PostFilter,
  cursor: PostCursor | null,
  limit: number,
  which: "time" | "unassessed" = "time",
) {
  const where = filterConditions(orgId, f);
  if (which === "unassessed") where.push(isNull(assessments.postId));
  if (cursor) {
    // A row comparison, so that the index on (org, time, id) starts the scan at the cursor; an `or` of the
    // two cases would read every newer post of the organisation again for each page.
    where.push(
      sql`(${posts.postedAt}, ${posts.id}) < (${cursor.postedAt.toISOString()}::timestamptz, ${cursor.id})`,
    );
  }
  return tx
    .select(postColumns)
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(assessments, assessmentJoin)
    .where(and(...where))
    .orderBy(desc(posts.postedAt), desc(posts.id))
    .limit(limit);
}

/**
 * The query of a page of assessed posts by priority, then time, then id (all descending), unexecuted. A
 * period is asked of the assessment's copy of the post's time, which the index holds, so each post is then
 * found by its key: asked of the post, a planner without statistics (a freshly filled embedded database,
 * before its first ANALYZE) looked every post up by scanning the whole period for it — 68 s for a page of ten
 * among 30,000 posts of a week, against 0.4 s.
 */
export function assessedByPriorityQuery(
  tx: Tx,
  orgId: string,
  f: PostFilter,
  cursor: PostCursor | null,
  limit: number,
) {
  const { from, to, ...rest } = f;
  const where = [
    ...filterConditions(orgId, rest),
    eq(assessments.orgId, orgId),
    eq(assessments.engine, riskEngineVersion),
  ];
  if (from) where.push(gte(assessments.postedAt, from));
  if (to) where.push(lt(assessments.postedAt, to));
  if (cursor) {
    where.push(
      sql`(${assessments.priority}, ${assessments.postedAt}, ${assessments.postId}) < (${cursor.priority ?? -1}, ${cursor.postedAt.toISOString()}::timestamptz, ${cursor.id})`,
    );
  }
  return tx
    .select(postColumns)
    .from(assessments)
    .innerJoin(posts, eq(posts.id, assessments.postId))
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .where(and(...where))
    .orderBy(desc(assessments.priority), desc(assessments.postedAt), desc(assessments.postId))
    .limit(limit);
}

/** Posts by id, scoped to the organisation. */
export async function findPosts(tx: Tx, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select(postColumns)
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(assessments, assessmentJoin)
    .where(and(eq(posts.orgId, orgId), inArray(posts.id, ids)));
}

/**
 * Marks posts as deleted by their author (they stay as a record); returns how many were marked now.
 * `platform` narrows the match where the ids come from one platform (a connector's report).
 */
export async function markPostsDeleted(
  tx: Tx,
  orgId: string,
  externalIds: readonly string[],
  at: Date,
  platform?: string,
): Promise<number> {
  if (externalIds.length === 0) return 0;
  const rows = await tx
    .update(posts)
    .set({ deletedAt: at })
    .where(
      and(
        eq(posts.orgId, orgId),
        platform === undefined ? undefined : eq(posts.platform, platform),
        inArray(posts.externalId, [...externalIds]),
        isNull(posts.deletedAt),
      ),
    )
    .returning({ id: posts.id });
  return rows.length;
}

/** Remembers deletions of posts not stored yet; a later report of the same post keeps the first. */
export async function insertPostDeletions(tx: Tx, rows: (typeof postDeletions.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx.insert(postDeletions).values(rows).onConflictDoNothing();
}

/** The remembered deletions among the given external ids (any organisation and platform; callers match). */
export async function findPostDeletions(tx: Tx, externalIds: readonly string[]) {
  if (externalIds.length === 0) return [];
  return tx
    .select()
    .from(postDeletions)
    .where(inTextArray(postDeletions.externalId, [...new Set(externalIds)]));
}

/** Forgets the organisation's remembered deletions reported before `before`. */
export async function prunePostDeletions(tx: Tx, orgId: string, before: Date) {
  await tx
    .delete(postDeletions)
    .where(and(eq(postDeletions.orgId, orgId), lt(postDeletions.deletedAt, before)));
}

/** Which of these external ids of a platform are stored for the organisation. */
export async function storedExternalIds(
  tx: Tx,
  orgId: string,
  platform: string,
  externalIds: readonly string[],
): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const rows = await tx
    .select({ externalId: posts.externalId })
    .from(posts)
    .where(
      and(eq(posts.orgId, orgId), eq(posts.platform, platform), inArray(posts.externalId, [...externalIds])),
    );
  return rows.map((row) => row.externalId);
}

/** Posts by (platform, external id), scoped to the organisation. */
export async function findPostsByExternalId(
  tx: Tx,
  orgId: string,
  keys: readonly { platform: string; externalId: string }[],
) {
  if (keys.length === 0) return [];
  const match = or(
    ...keys.map((k) => and(eq(posts.platform, k.platform), eq(posts.externalId, k.externalId))),
  );
  return tx
    .select(postColumns)
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(assessments, assessmentJoin)
    .where(and(eq(posts.orgId, orgId), match));
}

/** Which of the given posts match the filter (for the live stream's full-text filter). */
export async function filterPostIds(
  tx: Tx,
  orgId: string,
  f: PostFilter,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(...filterConditions(orgId, f), inArray(posts.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Counts by a column, largest first. */
export async function countPostsBy(tx: Tx, orgId: string, f: PostFilter, by: "platform" | "lang") {
  const column = by === "platform" ? posts.platform : posts.lang;
  return tx
    .select({ key: column, count: sql<number>`count(*)::int` })
    .from(posts)
    .where(and(...filterConditions(orgId, f)))
    .groupBy(column)
    .orderBy(desc(sql`count(*)`));
}

/** Counts per matched topic. */
export async function countPostsByTopic(tx: Tx, orgId: string, f: PostFilter) {
  return tx
    .select({ key: postTopics.topicId, count: sql<number>`count(*)::int` })
    .from(postTopics)
    .innerJoin(posts, eq(posts.id, postTopics.postId))
    .where(and(...filterConditions(orgId, f)))
    .groupBy(postTopics.topicId)
    .orderBy(desc(sql`count(*)`));
}

/** Posts per time bucket, oldest first. */
export async function countPostsPerBucket(
  tx: Tx,
  orgId: string,
  f: PostFilter,
  bucket: "minute" | "hour" | "day",
) {
  const unit = { minute: sql`'minute'`, hour: sql`'hour'`, day: sql`'day'` }[bucket];
  const start = sql`date_trunc(${unit}, ${posts.postedAt})`;
  return tx
    .select({ t: sql<string>`${start}`, count: sql<number>`count(*)::int` })
    .from(posts)
    .where(and(...filterConditions(orgId, f)))
    .groupBy(start)
    .orderBy(start);
}

/** The posts of a topic written since a time and stored before another, oldest first: what escalation rebuilds from. */
export async function listTopicPostsForEscalation(
  tx: Tx,
  orgId: string,
  topicId: string,
  since: Date,
  storedUpTo: Date,
  limit: number,
) {
  return tx
    .select({
      postedAt: posts.postedAt,
      platform: posts.platform,
      postId: posts.id,
      text: posts.text,
      authorHandle: authors.handle,
      followers: authors.followers,
      accountCreatedAt: authors.accountCreatedAt,
      flags: assessments.flags,
    })
    .from(postTopics)
    .innerJoin(posts, eq(posts.id, postTopics.postId))
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(assessments, assessmentJoin)
    .where(
      and(
        eq(postTopics.orgId, orgId),
        eq(postTopics.topicId, topicId),
        gte(posts.postedAt, since),
        lt(posts.ingestedAt, storedUpTo),
      ),
    )
    .orderBy(posts.postedAt)
    .limit(limit);
}

/** How many posts of a topic the risk engine flagged with `category` in [from, to), and the newest of them. */
export async function flaggedTopicPosts(
  tx: Tx,
  orgId: string,
  topicId: string,
  category: string,
  from: Date,
  to: Date,
  newest: number,
) {
  const where = and(
    eq(postTopics.orgId, orgId),
    eq(postTopics.topicId, topicId),
    eq(assessments.engine, riskEngineVersion),
    sql`${assessments.flags} @> array[${category}]::text[]`,
    gte(posts.postedAt, from),
    lt(posts.postedAt, to),
  );
  const [counted] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(postTopics)
    .innerJoin(posts, eq(posts.id, postTopics.postId))
    .innerJoin(assessments, eq(assessments.postId, posts.id))
    .where(where);
  const recent = await tx
    .select({ id: posts.id })
    .from(postTopics)
    .innerJoin(posts, eq(posts.id, postTopics.postId))
    .innerJoin(assessments, eq(assessments.postId, posts.id))
    .where(where)
    .orderBy(desc(posts.postedAt), desc(posts.id))
    .limit(newest);
  return { count: counted?.count ?? 0, recentIds: recent.map((r) => r.id) };
}

// ── Figures of a period (the situation report) ───────────────────────────────────────────────────────

/** Posts and distinct authors written in [from, to). */
export async function countPostsAndAuthors(tx: Tx, orgId: string, from: Date, to: Date) {
  const [row] = await tx
    .select({
      posts: sql<number>`count(*)::int`,
      authors: sql<number>`count(distinct ${posts.authorId})::int`,
    })
    .from(posts)
    .where(and(eq(posts.orgId, orgId), gte(posts.postedAt, from), lt(posts.postedAt, to)));
  return { posts: row?.posts ?? 0, authors: row?.authors ?? 0 };
}

/** Posts written in [from, to) that the current engine flagged, per category (categories without any left out). */
export async function countFlaggedPosts(tx: Tx, orgId: string, from: Date, to: Date) {
  const flag = sql<string>`unnest(${assessments.flags})`;
  const rows = await tx
    .select({ key: flag, count: sql<number>`count(*)::int` })
    .from(assessments)
    .where(
      and(
        eq(assessments.orgId, orgId),
        eq(assessments.engine, riskEngineVersion),
        gte(assessments.postedAt, from),
        lt(assessments.postedAt, to),
      ),
    )
    .groupBy(sql`1`);
  return rows;
}

/**
 * Posts per topic written in [from, to), and how many of them the current engine flagged with any of
 * `criticalFlags` (a post without a current assessment counts as not critical).
 */
export async function countTopicPosts(
  tx: Tx,
  orgId: string,
  from: Date,
  to: Date,
  criticalFlags: readonly string[],
) {
  return tx
    .select({
      topicId: postTopics.topicId,
      count: sql<number>`count(*)::int`,
      critical: sql<number>`(count(*) filter (where ${assessments.flags} && ${sql.param([...criticalFlags])}::text[]))::int`,
    })
    .from(postTopics)
    .innerJoin(posts, eq(posts.id, postTopics.postId))
    .leftJoin(assessments, assessmentJoin)
    .where(and(eq(postTopics.orgId, orgId), gte(posts.postedAt, from), lt(posts.postedAt, to)))
    .groupBy(postTopics.topicId);
}
