import { recordAudit } from "../audit/audit.service.ts";
import { type AuthorSighting, authorKey, upsertAuthors } from "../authors/authors.repo.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canIngestPosts } from "../orgs/orgs.policy.ts";
import type { AssessedPost, StoredPost } from "../pipeline/pipeline.messages.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { ensureSource } from "../sources/sources.service.ts";
import * as repo from "./posts.repo.ts";
import {
  type IngestProblem,
  type IngestResult,
  type Lang,
  type Platform,
  PostCreate,
  type PostFilter,
  type PostList,
  type PostListQuery,
  type PostRead,
  RiskCategory,
} from "./posts.schema.ts";
import type { PostStats, PostStatsQuery } from "./posts.stats.schema.ts";

const maxListedProblems = 1000;

/** Turns zod issues of one item into problems with the item's line and dotted field path. */
export function problemsOf(
  line: number,
  issues: { path: PropertyKey[]; message: string }[],
): IngestProblem[] {
  return issues.map((i) => ({ line, field: i.path.map(String).join(".") || "(item)", message: i.message }));
}

/** Checks each item on its own and sends the valid ones into the pipeline; invalid ones are reported, never fatal. */
export async function ingestPosts(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  items: unknown[],
  opts: { sourceId?: string | null; firstLine?: number } = {},
): Promise<IngestResult> {
  if (!("system" in actor) && !canIngestPosts(actor)) throw forbidden("send posts");
  const problems: IngestProblem[] = [];
  let accepted = 0;
  let rejected = 0;
  const firstLine = opts.firstLine ?? 0;
  let sourceId: string | null | undefined;
  for (const [index, item] of items.entries()) {
    const parsed = PostCreate.safeParse(item);
    if (!parsed.success) {
      rejected++;
      if (problems.length < maxListedProblems)
        problems.push(...problemsOf(firstLine + index, parsed.error.issues));
      continue;
    }
    sourceId ??= opts.sourceId ?? (await ensureSource(ctx, actor.orgId, "api", "API"));
    await publishIngested(ctx, actor.orgId, parsed.data, sourceId);
    accepted++;
  }
  await recordAudit(ctx.db, ctx, actor, {
    action: "posts.ingest",
    entityType: "source",
    entityId: sourceId ?? opts.sourceId ?? null,
    detail: { accepted, rejected },
  });
  return { accepted, rejected, problems: problems.slice(0, maxListedProblems) };
}

/** Records a finished file import in the audit log. */
export async function recordImport(
  ctx: AppContext,
  orgId: string,
  sourceId: string,
  detail: { file: string; accepted: number; rejected: number },
) {
  await recordAudit(
    ctx.db,
    ctx,
    { orgId, system: true },
    { action: "posts.import", entityType: "source", entityId: sourceId, detail },
  );
}

/** Sends one already-validated post into the pipeline (file import, connectors, scenario player). */
export async function publishIngested(
  ctx: AppContext,
  orgId: string,
  post: PostCreate,
  sourceId: string | null,
) {
  await ctx.bus.publish(
    "posts.ingested",
    { orgId, sourceId, post },
    { id: `${orgId}:${post.platform}:${post.externalId}` },
  );
}

/** The store stage: writes a batch of assessed posts; posts seen before are skipped, so redelivery is harmless. */
export async function storeAssessedPosts(ctx: AppContext, batch: AssessedPost[]): Promise<StoredPost[]> {
  if (batch.length === 0) return [];
  const now = ctx.clock.now();
  const stored: StoredPost[] = [];
  await ctx.db.transaction(async (tx) => {
    const sightings: AuthorSighting[] = batch.map(({ orgId, post }) => ({
      orgId,
      platform: post.platform,
      handle: post.author.handle,
      displayName: post.author.displayName ?? null,
      followers: post.author.followers ?? null,
      accountCreatedAt: post.author.createdAt ?? null,
      seenAt: post.postedAt,
    }));
    const authorIds = await upsertAuthors(tx, sightings, ctx.ids.id);
    // The same post twice in one batch (a redelivery racing the original) is written once.
    const seen = new Set<string>();
    const rows = [];
    for (const item of batch) {
      const key = `${item.orgId}\u0000${item.post.platform}\u0000${item.post.externalId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const authorId = authorIds.get(authorKey(item.orgId, item.post.platform, item.post.author.handle));
      if (!authorId) throw new AppError("internal", `author of ${item.post.externalId} was not stored`);
      rows.push({ item, row: toRow(ctx.ids.id(), item, authorId, now) });
    }
    const inserted = await repo.insertNewPosts(
      tx,
      rows.map((r) => r.row),
    );
    const fresh = rows.filter((r) => inserted.has(r.row.id));
    await repo.insertPostTopics(
      tx,
      fresh.flatMap(({ item, row }) =>
        item.topicIds.map((topicId) => ({ orgId: item.orgId, postId: row.id, topicId })),
      ),
    );
    await repo.insertAssessments(
      tx,
      fresh.map(({ item, row }) => ({
        orgId: item.orgId,
        postId: row.id,
        engine: item.assessment.engine,
        lang: item.assessment.lang,
        priority: item.assessment.priority,
        categories: item.assessment.categories,
        flags: flaggedCategories(item.assessment.categories),
        assessedAt: now,
      })),
    );
    for (const { item, row } of fresh) {
      stored.push({
        orgId: item.orgId,
        post: presentPost({
          ...row,
          url: row.url ?? null,
          inReplyTo: row.inReplyTo ?? null,
          deletedAt: null,
          metrics: row.metrics ?? {},
          authorId: row.authorId,
          authorHandle: item.post.author.handle,
          authorDisplayName: item.post.author.displayName ?? null,
          authorFollowers: item.post.author.followers ?? null,
          authorCreatedAt: item.post.author.createdAt ? new Date(item.post.author.createdAt) : null,
          topicIds: item.topicIds,
          priority: item.assessment.priority,
          categories: item.assessment.categories,
          flags: flaggedCategories(item.assessment.categories),
        }),
      });
    }
  });
  return stored;
}

function toRow(id: string, item: AssessedPost, authorId: string, now: Date) {
  const { post } = item;
  return {
    id,
    orgId: item.orgId,
    sourceId: item.sourceId,
    platform: post.platform,
    externalId: post.externalId,
    authorId,
    text: post.text,
    lang: item.lang,
    url: post.url ?? null,
    inReplyTo: post.inReplyTo ?? null,
    postedAt: post.postedAt,
    ingestedAt: now,
    metrics: post.metrics ?? {},
    raw: post.raw ?? null,
  };
}

function flaggedCategories(categories: Record<string, { flagged: boolean }>): string[] {
  return Object.entries(categories)
    .filter(([, r]) => r.flagged)
    .map(([category]) => category);
}

type StoredRiskResult = {
  flagged: boolean;
  spans: { start: number; end: number; reason: string; detail?: string }[];
};

function presentAssessment(
  row: Pick<repo.PostListRow, "priority" | "categories" | "flags">,
): PostRead["assessment"] {
  if (row.priority === null || !row.categories || !row.flags) return null;
  const categories = row.categories as Record<string, StoredRiskResult>;
  const flags = row.flags.filter((c): c is RiskCategory => RiskCategory.safeParse(c).success);
  return {
    priority: row.priority,
    flags,
    spans: flags.flatMap((category) => (categories[category]?.spans ?? []).map((s) => ({ category, ...s }))),
  };
}

/**
 * The stored form of posts a batch carried that were stored already, for a stage that must announce them
 * again: a worker can die after storing a batch and before `posts.stored` for it was held by the bus.
 */
export async function alreadyStoredPosts(ctx: AppContext, batch: AssessedPost[]): Promise<StoredPost[]> {
  const byOrg = new Map<string, { platform: string; externalId: string }[]>();
  for (const { orgId, post } of batch) {
    byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), { platform: post.platform, externalId: post.externalId }]);
  }
  const out: StoredPost[] = [];
  for (const [orgId, keys] of byOrg) {
    for (const row of await repo.findPostsByExternalId(ctx.db, orgId, keys))
      out.push({ orgId, post: presentPost(row) });
  }
  return out;
}

/** Builds the API's shape of a post from a row. */
export function presentPost(
  row: Omit<repo.PostListRow, "topicIds"> & { topicIds: string[] | null },
): PostRead {
  return {
    assessment: presentAssessment(row),
    id: row.id,
    platform: row.platform as Platform,
    externalId: row.externalId,
    text: row.text,
    lang: row.lang as Lang,
    url: row.url,
    postedAt: row.postedAt.toISOString(),
    ingestedAt: row.ingestedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    author: {
      id: row.authorId,
      handle: row.authorHandle,
      displayName: row.authorDisplayName,
      followers: row.authorFollowers,
      accountCreatedAt: row.authorCreatedAt?.toISOString() ?? null,
    },
    metrics: row.metrics,
    topicIds: row.topicIds ?? [],
    inReplyTo: row.inReplyTo,
  };
}

function encodeCursor(c: repo.PostCursor): string {
  return Buffer.from(`${c.postedAt.toISOString()}|${c.id}|${c.priority ?? ""}`).toString("base64url");
}

function decodeCursor(s: string): repo.PostCursor {
  const [time, id, priorityText] = Buffer.from(s, "base64url").toString().split("|");
  const postedAt = new Date(time ?? "");
  const priority = priorityText ? Number(priorityText) : undefined;
  if (!id || Number.isNaN(postedAt.getTime()) || Number.isNaN(priority)) {
    throw new AppError("validation_failed", "The cursor is not valid", [
      { field: "cursor", message: "not a cursor from this API" },
    ]);
  }
  return { postedAt, id, ...(priority !== undefined ? { priority } : {}) };
}

/** A page of the organisation's posts, newest first. */
export async function listPosts(ctx: AppContext, actor: Actor, query: PostListQuery): Promise<PostList> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await repo.listPosts(ctx.db, actor.orgId, query, cursor, query.limit + 1, query.sort);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const next = last && {
    postedAt: last.postedAt,
    id: last.id,
    ...(query.sort === "priority" ? { priority: last.priority ?? -1 } : {}),
  };
  return {
    items: page.map(presentPost),
    nextCursor: rows.length > query.limit && next ? encodeCursor(next) : null,
  };
}

/** One post of the actor's organisation. */
export async function getPost(ctx: AppContext, actor: Actor, id: string): Promise<PostRead> {
  const [row] = await repo.findPosts(ctx.db, actor.orgId, [id]);
  if (!row) throw notFound("Post");
  return presentPost(row);
}

/** Mention volume: totals, breakdowns and a series. */
export async function postStats(ctx: AppContext, actor: Actor, query: PostStatsQuery): Promise<PostStats> {
  const [byPlatform, byLang, byTopic, series] = await Promise.all([
    repo.countPostsBy(ctx.db, actor.orgId, query, "platform"),
    repo.countPostsBy(ctx.db, actor.orgId, query, "lang"),
    repo.countPostsByTopic(ctx.db, actor.orgId, query),
    repo.countPostsPerBucket(ctx.db, actor.orgId, query, query.bucket),
  ]);
  return {
    total: byPlatform.reduce((sum, r) => sum + r.count, 0),
    byPlatform,
    byLang,
    byTopic,
    series: series.map((r) => ({ t: new Date(r.t).toISOString(), count: r.count })),
  };
}

/** Whether a stored post passes the live stream's filters (the full-text part is asked of the database). */
export async function matchesLiveFilter(
  ctx: AppContext,
  orgId: string,
  post: PostRead,
  f: PostFilter,
): Promise<boolean> {
  if (f.platform && post.platform !== f.platform) return false;
  if (f.lang && post.lang !== f.lang) return false;
  if (f.topicId && !post.topicIds.includes(f.topicId)) return false;
  if (f.risk && !post.assessment?.flags.includes(f.risk)) return false;
  if (f.from && new Date(post.postedAt) < f.from) return false;
  if (f.to && new Date(post.postedAt) >= f.to) return false;
  if (f.q) return (await repo.filterPostIds(ctx.db, orgId, { q: f.q }, [post.id])).has(post.id);
  return true;
}

/** A stored post as the escalation engine counts it. */
export interface TopicPostEvent {
  postId: string;
  text: string;
  postedAt: Date;
  platform: string;
  authorHandle: string;
  followers: number | null;
  accountCreatedAt: Date | null;
  flags: string[];
}

/** The topic's posts of the last `since`…now that were stored by `storedUpTo`, oldest first (at most 200,000). */
export async function topicPostsForEscalation(
  ctx: AppContext,
  orgId: string,
  topicId: string,
  since: Date,
  storedUpTo: Date,
): Promise<TopicPostEvent[]> {
  const rows = await repo.listTopicPostsForEscalation(ctx.db, orgId, topicId, since, storedUpTo, 200_000);
  return rows.map((r) => ({ ...r, flags: r.flags ?? [] }));
}

/** Posts of a topic flagged with a risk category in [from, to): how many, and the ids of the newest. */
export async function flaggedTopicPosts(
  ctx: AppContext,
  orgId: string,
  topicId: string,
  category: string,
  from: Date,
  to: Date,
): Promise<{ count: number; recentIds: string[] }> {
  return repo.flaggedTopicPosts(ctx.db, orgId, topicId, category, from, to, 50);
}

/** Marks posts of the organisation as deleted by their author (they stay as a record), inside the caller's transaction. */
export async function markPostsDeleted(tx: Tx, orgId: string, externalIds: readonly string[], at: Date) {
  return repo.markPostsDeleted(tx, orgId, externalIds, at);
}
