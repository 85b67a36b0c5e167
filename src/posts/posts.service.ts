import { recordAudit } from "../audit/audit.service.ts";
import { type AuthorSighting, authorKey, upsertAuthors } from "../authors/authors.repo.ts";
import { normalHandle } from "../core/risk/risk.types.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canIngestPosts } from "../orgs/orgs.policy.ts";
import {
  type AssessedPost,
  chunkMessages,
  maxMessageBytes,
  postBytes,
  postMessageId,
  rawBytesOf,
  type StoredPost,
} from "../pipeline/pipeline.messages.ts";
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
  type PostRevisionList,
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
  let rejected = 0;
  const firstLine = opts.firstLine ?? 0;
  let sourceId: string | null | undefined;
  const valid: PostCreate[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = PostCreate.safeParse(item);
    if (!parsed.success) {
      rejected++;
      if (problems.length < maxListedProblems)
        problems.push(...problemsOf(firstLine + index, parsed.error.issues));
      continue;
    }
    valid.push(parsed.data);
  }
  if (valid.length > 0) {
    sourceId = opts.sourceId ?? (await ensureSource(ctx, actor.orgId, "api", "API"));
    await publishIngested(ctx, actor.orgId, valid, sourceId);
  }
  const accepted = valid.length;
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

/** The most bytes of JSON a post's original payload (`raw`) may have on its way through the pipeline. */
export const maxRawBytes = 256 * 1024;

/**
 * The post as it can travel: an original payload beyond `maxRawBytes` would make its message larger than the
 * bus takes (NATS: 1 MB), and the page would be refused again and again, holding up its connector. Such a
 * payload is replaced by a note of its size; the post itself, with its text, goes on.
 */
function withinBusLimit(post: PostCreate): { post: PostCreate; bytes: number } {
  const rawBytes = rawBytesOf(post.raw);
  if (rawBytes <= maxRawBytes) return { post, bytes: postBytes(post.text, 0, rawBytes) };
  const raw = {
    omitted: `the platform's payload of ${rawBytes} bytes is larger than the ${maxRawBytes} bytes kept per post`,
  };
  return { post: { ...post, raw }, bytes: postBytes(post.text, 0, rawBytesOf(raw)) };
}

/**
 * Posts as `posts.ingested` messages (`IngestedPage`): pages of up to 50 posts or about 512 kB, identified by a
 * digest of their posts' message ids, so a page handed over again (a connector retrying) is one message to a
 * bus that drops duplicates, and a page with an edit (a later `editedAt`) another.
 */
export function ingestMessages(orgId: string, posts: readonly PostCreate[], sourceId: string | null) {
  return chunkMessages(posts.map(withinBusLimit), {
    maxItems: 50,
    maxBytes: maxMessageBytes,
    bytesOf: (sized) => sized.bytes,
    idOf: (sized) => postMessageId(orgId, sized.post),
    payload: (page) => ({ orgId, sourceId, posts: page.map((sized) => sized.post) }),
  });
}

/**
 * Sends already-validated posts into the pipeline (API, file import, connectors, scenario player), in order and
 * in as few bus writes as the bus allows; resolves once the bus holds them all and rejects otherwise.
 */
export async function publishIngested(
  ctx: AppContext,
  orgId: string,
  posts: readonly PostCreate[],
  sourceId: string | null,
) {
  await ctx.bus.publishMany("posts.ingested", ingestMessages(orgId, posts, sourceId));
}

/**
 * The store stage: writes a batch of assessed posts. A post seen before is skipped, so redelivery is harmless,
 * unless it carries a newer edit: then its text is replaced and the old text kept as a revision (see
 * `storeEdit`). Returns the new posts and the edits applied now (`edited: true`).
 */
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
    // The same post twice in one batch (a redelivery racing the original, or an edit) is inserted once;
    // the other copies can only be edits of it.
    const seen = new Set<string>();
    const rows = [];
    const laterCopies: AssessedPost[] = [];
    for (const item of batch) {
      const key = editKey(item);
      if (seen.has(key)) {
        laterCopies.push(item);
        continue;
      }
      seen.add(key);
      const authorId = authorIds.get(authorKey(item.orgId, item.post.platform, item.post.author.handle));
      if (!authorId) throw new AppError("internal", `author of ${item.post.externalId} was not stored`);
      rows.push({ item, key, row: toRow(ctx.ids.id(), item, authorId, now) });
    }
    // Inserted in key order, so that two workers storing the same posts (a redelivery racing the original)
    // lock them in the same order and cannot deadlock; announced in batch order.
    const inserted = await repo.insertNewPosts(
      tx,
      [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.row),
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
      fresh.map(({ item, row }) => assessmentRow(item, row.id, row.postedAt, now)),
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
    // Posts in one order, so that two workers locking the same posts cannot deadlock; each post's edits
    // oldest first (any order ends the same, this one with fewer writes).
    const edits = [...rows.filter((r) => !inserted.has(r.row.id)).map((r) => r.item), ...laterCopies]
      .filter((item) => item.post.editedAt !== undefined)
      .sort(
        (a, b) =>
          editKey(a).localeCompare(editKey(b)) ||
          (a.post.editedAt?.getTime() ?? 0) - (b.post.editedAt?.getTime() ?? 0),
      );
    const editedIds = new Map<string, string>();
    for (const item of edits) {
      const postId = await storeEdit(tx, ctx, item, now);
      if (postId) editedIds.set(postId, item.orgId);
    }
    for (const [postId, orgId] of editedIds) {
      const [row] = await repo.findPosts(tx, orgId, [postId]);
      if (row) stored.push({ orgId, post: presentPost(row), edited: true });
    }
  });
  await applyEarlyDeletions(ctx, batch, stored);
  return stored;
}

/**
 * Applies an edit to a stored post, inside the store transaction. A newer edit with a different text replaces
 * the text, language, link, metrics, payload, assessment and topics, and keeps the replaced text as a
 * revision. An edit older than the stored version is kept as a revision only (it arrived late; the author
 * wrote it); one at the same time as the stored version, or with the same text, changes nothing. Returns the post's id when its
 * text was replaced.
 */
async function storeEdit(tx: Tx, ctx: AppContext, item: AssessedPost, now: Date): Promise<string | null> {
  const { orgId, post } = item;
  const editedAt = post.editedAt;
  if (!editedAt) return null;
  const current = await repo.lockPostForEdit(tx, orgId, post.platform, post.externalId);
  if (!current) return null;
  const currentAt = current.editedAt ?? current.postedAt;
  if (editedAt.getTime() <= currentAt.getTime()) {
    // A late, older edit: not the post's text any more, but a version its author wrote. (One at the very
    // time of the stored version cannot be told apart from it and changes nothing.)
    const older = editedAt.getTime() < currentAt.getTime() && editedAt.getTime() > current.postedAt.getTime();
    if (older && post.text !== current.text) {
      await repo.insertPostRevision(tx, {
        id: ctx.ids.id(),
        orgId,
        postId: current.id,
        text: post.text,
        lang: item.lang,
        writtenAt: editedAt,
        raw: post.raw ?? null,
        createdAt: now,
      });
    }
    return null;
  }
  // Metrics come without the time they were counted, so they are taken only with a newer edit: a redelivered
  // older message must not roll them back.
  if (post.text === current.text) return null;
  await repo.insertPostRevision(tx, {
    id: ctx.ids.id(),
    orgId,
    postId: current.id,
    text: current.text,
    lang: current.lang,
    writtenAt: currentAt,
    raw: current.raw,
    createdAt: now,
  });
  const applied = await repo.applyPostEdit(tx, orgId, current.id, {
    text: post.text,
    lang: item.lang,
    url: post.url ?? null,
    metrics: post.metrics ?? {},
    raw: post.raw ?? null,
    editedAt,
  });
  if (!applied) return null;
  // The assess stage assessed the new text: its verdict and topics replace those of the old one.
  await repo.replaceAssessment(
    tx,
    orgId,
    current.id,
    assessmentRow(item, current.id, current.postedAt, now),
    item.topicIds,
  );
  return current.id;
}

/** One post of one organisation: (organisation, platform, external id) as one string. */
const postKey = (orgId: string, platform: string, externalId: string) =>
  `${orgId}\u0000${platform}\u0000${externalId}`;
const editKey = ({ orgId, post }: AssessedPost) => postKey(orgId, post.platform, post.externalId);

function assessmentRow(item: AssessedPost, postId: string, postedAt: Date, now: Date) {
  return {
    orgId: item.orgId,
    postId,
    postedAt,
    engine: item.assessment.engine,
    lang: item.assessment.lang,
    priority: item.assessment.priority,
    categories: storedCategories(item.assessment.categories),
    flags: flaggedCategories(item.assessment.categories),
    assessedAt: now,
  };
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
    editedAt: post.editedAt ?? null,
    ingestedAt: now,
    metrics: post.metrics ?? {},
    raw: post.raw ?? null,
  };
}

/** One category of a stored verdict (the JSON of `assessments.categories`). */
export type StoredRiskResult = {
  score: number;
  flagged: boolean;
  spans: { start: number; end: number; reason: string; detail?: string }[];
};

/**
 * A verdict as stored: the categories that scored above 0, were flagged or have spans, each with its score to
 * four decimals (flags are decided before, at full precision). A category that is absent scored 0. Of the 17
 * categories a post typically has five or six with a score, and 17 digits of a score say nothing a fourth
 * decimal does not. On bench:pipeline's posts (many flagged, with spans) the stored JSON went from 1,289 to
 * 869 bytes a row on average, the assessments table from 1,588 to 1,084 bytes a row.
 */
export function storedCategories(
  categories: Record<string, StoredRiskResult>,
): Record<string, StoredRiskResult> {
  const out: Record<string, StoredRiskResult> = {};
  for (const [category, result] of Object.entries(categories)) {
    if (result.score === 0 && !result.flagged && result.spans.length === 0) continue;
    out[category] = {
      score: Math.round(result.score * 10_000) / 10_000,
      flagged: result.flagged,
      spans: result.spans,
    };
  }
  return out;
}

function flaggedCategories(categories: Record<string, { flagged: boolean }>): string[] {
  return Object.entries(categories)
    .filter(([, r]) => r.flagged)
    .map(([category]) => category);
}

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
 * again: a worker can die after storing a batch and before `posts.stored` for it was held by the bus. A post
 * whose stored version is the batch's edit of it (and that has earlier versions) is announced as an edit.
 */
export async function alreadyStoredPosts(ctx: AppContext, batch: AssessedPost[]): Promise<StoredPost[]> {
  const byOrg = new Map<string, AssessedPost[]>();
  for (const item of batch) byOrg.set(item.orgId, [...(byOrg.get(item.orgId) ?? []), item]);
  const out: StoredPost[] = [];
  for (const [orgId, items] of byOrg) {
    const keys = items.map(({ post }) => ({ platform: post.platform, externalId: post.externalId }));
    const rows = await repo.findPostsByExternalId(ctx.db, orgId, keys);
    const revised = await repo.postsWithRevisions(
      ctx.db,
      rows.filter((r) => r.editedAt !== null).map((r) => r.id),
    );
    for (const row of rows) {
      const edit = items.some(
        ({ post }) =>
          post.platform === row.platform &&
          post.externalId === row.externalId &&
          post.editedAt?.getTime() === row.editedAt?.getTime(),
      );
      out.push({ orgId, post: presentPost(row), ...(edit && revised.has(row.id) ? { edited: true } : {}) });
    }
  }
  return out;
}

/** The earlier versions of one of the actor's organisation's posts, oldest first. */
export async function listPostRevisions(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<PostRevisionList> {
  const [post] = await repo.findPosts(ctx.db, actor.orgId, [id]);
  if (!post) throw notFound("Post");
  const versions = await repo.listPostRevisions(ctx.db, actor.orgId, id);
  // Each version was replaced by the next one written; the last by the post's current text.
  const replacedAt = [...versions.slice(1).map((v) => v.writtenAt), post.editedAt ?? post.postedAt];
  return {
    items: versions.map((v, i) => ({
      text: v.text,
      lang: v.lang as Lang,
      writtenAt: v.writtenAt.toISOString(),
      replacedAt: (replacedAt[i] ?? v.writtenAt).toISOString(),
    })),
  };
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
    editedAt: row.editedAt?.toISOString() ?? null,
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
  return {
    items: page.map(presentPost),
    nextCursor: rows.length > query.limit && last ? encodeCursor(cursorAfter(last, query.sort)) : null,
  };
}

/** The keyset cursor that continues after a row, in the list's order. */
export function cursorAfter(
  row: Pick<repo.PostListRow, "postedAt" | "id" | "priority">,
  sort: "time" | "priority",
): repo.PostCursor {
  return {
    postedAt: row.postedAt,
    id: row.id,
    ...(sort === "priority" ? { priority: row.priority ?? -1 } : {}),
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
  if (f.author && normalHandle(post.author.handle) !== normalHandle(f.author)) return false;
  if (f.deleted === "hide" && post.deletedAt) return false;
  if (f.deleted === "only" && !post.deletedAt) return false;
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

// How long a deletion reported before its post is kept for the post to arrive.
const earlyDeletionKeepMs = 24 * 3_600_000;

/** Which of these external ids of a platform the organisation has stored. */
export async function storedExternalIds(
  ctx: AppContext,
  orgId: string,
  platform: Platform,
  externalIds: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(externalIds)];
  const out = new Set<string>();
  for (let i = 0; i < unique.length; i += 1000) {
    for (const id of await repo.storedExternalIds(ctx.db, orgId, platform, unique.slice(i, i + 1000)))
      out.add(id);
  }
  return out;
}

/**
 * Marks the posts a platform reports as deleted by their author (a connector's poll or live connection);
 * they stay as a record with `deletedAt`. A deletion of a post not stored yet (still in the pipeline: a
 * live connection reports it within moments) is remembered for a day and applied when the post is
 * stored. Returns how many stored posts were marked now.
 */
export async function markDeletedByAuthor(
  ctx: AppContext,
  orgId: string,
  platform: Platform,
  externalIds: readonly string[],
): Promise<number> {
  const unique = [...new Set(externalIds)];
  if (unique.length === 0) return 0;
  const at = ctx.clock.now();
  let marked = 0;
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    // Remembered first, marked after: a post stored meanwhile either sees the deletion when the store
    // stage looks after its commit, or is already committed when the UPDATE below runs.
    await repo.insertPostDeletions(
      ctx.db,
      chunk.map((externalId) => ({ orgId, platform, externalId, deletedAt: at })),
    );
    marked += await repo.markPostsDeleted(ctx.db, orgId, chunk, at, platform);
  }
  await repo.prunePostDeletions(ctx.db, orgId, new Date(at.getTime() - earlyDeletionKeepMs));
  return marked;
}

/**
 * Applies remembered deletions to the posts of a batch (after its transaction committed; see
 * markDeletedByAuthor): all of the batch, so that a redelivered batch whose first try stopped after the
 * commit still marks them. Marks the stored copies too, so that what is announced shows the deletion.
 */
async function applyEarlyDeletions(
  ctx: AppContext,
  batch: AssessedPost[],
  stored: StoredPost[],
): Promise<void> {
  const found = await repo.findPostDeletions(
    ctx.db,
    batch.map(({ post }) => post.externalId),
  );
  if (found.length === 0) return;
  const deletions = new Map(found.map((row) => [postKey(row.orgId, row.platform, row.externalId), row]));
  for (const { orgId, post } of batch) {
    const deletion = deletions.get(postKey(orgId, post.platform, post.externalId));
    if (!deletion) continue;
    await repo.markPostsDeleted(ctx.db, orgId, [post.externalId], deletion.deletedAt, post.platform);
  }
  for (const item of stored) {
    const deletion = deletions.get(postKey(item.orgId, item.post.platform, item.post.externalId));
    if (deletion) item.post = { ...item.post, deletedAt: deletion.deletedAt.toISOString() };
  }
}
