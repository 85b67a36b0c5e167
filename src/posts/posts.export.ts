import { recordAudit } from "../audit/audit.service.ts";
import { riskCategories } from "../core/risk/risk.types.ts";
import { type CsvCell, csvRecord, utf8Bom } from "../core/text/csv.ts";
import { type Actor, canExportPosts } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { forbidden } from "../platform/http/errors.ts";
import { listTopics } from "../topics/topics.repo.ts";
import * as repo from "./posts.repo.ts";
import type { PostExportQuery, PostRead } from "./posts.schema.ts";
import { cursorAfter, presentPost, type StoredRiskResult } from "./posts.service.ts";

/** Posts read from the database per query while an export is written. */
const exportPage = 500;

/**
 * The columns of a CSV export, in order. Those a file import also reads carry its names (`platform`,
 * `external_id`, `text`, `posted_at`, `author_handle` …); then the analysis: the tracked topics the post
 * matches, the engine's priority and flags, and one score column per category (0 when the engine found
 * nothing, empty when the post is not assessed yet).
 */
export const exportColumns = [
  "id",
  "posted_at",
  "platform",
  "external_id",
  "url",
  "author_handle",
  "author_name",
  "author_followers",
  "lang",
  "text",
  "topics",
  "priority",
  "flags",
  "in_reply_to",
  "likes",
  "shares",
  "replies",
  "views",
  "edited_at",
  "deleted_at",
  ...riskCategories.map((category) => `score_${category}`),
] as const;

/** What an export writes, and how the reply names it. */
export interface PostExport {
  contentType: string;
  fileName: string;
  /** The file, a chunk per page of posts, read as the client takes it. */
  body: AsyncGenerator<string, void, undefined>;
}

/**
 * The organisation's posts that pass the filters, in the list's order, as a CSV or JSONL file of at most
 * `query.limit` posts. Read page by page while the client downloads, so memory stays flat whatever the
 * size. Agents and above; every export is written to the audit log with its filters and how many posts it
 * held (also when the download broke off).
 */
export async function exportPosts(
  ctx: AppContext,
  actor: Actor,
  query: PostExportQuery,
): Promise<PostExport> {
  if (!canExportPosts(actor)) throw forbidden("export mentions");
  const topicNames = new Map((await listTopics(ctx.db, actor.orgId)).map((t) => [t.id, t.name]));
  // The first page is read before the reply starts, so a failing database is a clean error, not a cut file.
  const first = await repo.listPosts(
    ctx.db,
    actor.orgId,
    query,
    null,
    Math.min(exportPage, query.limit),
    query.sort,
  );
  const stamp = ctx.clock.now().toISOString().slice(0, 16).replace(/[-:]/g, "");
  const csv = query.format === "csv";
  return {
    contentType: csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    fileName: `brandwache-mentions-${stamp}Z.${csv ? "csv" : "jsonl"}`,
    body: writeExport(ctx, actor, query, first, topicNames),
  };
}

async function* writeExport(
  ctx: AppContext,
  actor: Actor,
  query: PostExportQuery,
  first: repo.PostListRow[],
  topicNames: ReadonlyMap<string, string>,
): AsyncGenerator<string, void, undefined> {
  const csv = query.format === "csv";
  let written = 0;
  let complete = false;
  try {
    if (csv) yield utf8Bom + csvRecord(exportColumns, query.separator);
    let rows = first;
    while (rows.length > 0) {
      let chunk = "";
      for (const row of rows) {
        const post = presentPost(row);
        const scores = scoresOf(row.categories as Record<string, StoredRiskResult> | null, post);
        chunk += csv
          ? csvRecord(csvCells(post, scores, topicNames), query.separator)
          : `${JSON.stringify({ ...post, scores })}\n`;
      }
      written += rows.length;
      yield chunk;
      const last = rows.at(-1);
      if (!last || rows.length < exportPage || written >= query.limit) break;
      const cursor = cursorAfter(last, query.sort);
      const size = Math.min(exportPage, query.limit - written);
      rows = await repo.listPosts(ctx.db, actor.orgId, query, cursor, size, query.sort);
    }
    complete = true;
  } finally {
    await recordAudit(ctx.db, ctx, actor, {
      action: "posts.export",
      entityType: "organisation",
      entityId: actor.orgId,
      detail: { format: query.format, posts: written, complete, filters: filtersOf(query) },
    }).catch((error: unknown) =>
      ctx.log.error({ err: error }, "the audit entry of a mentions export failed"),
    );
  }
}

/** Each category's score (0 where the engine found nothing); null for a post not assessed yet. */
function scoresOf(
  categories: Record<string, StoredRiskResult> | null,
  post: PostRead,
): Record<string, number> | null {
  if (!post.assessment || !categories) return null;
  return Object.fromEntries(riskCategories.map((category) => [category, categories[category]?.score ?? 0]));
}

function csvCells(
  post: PostRead,
  scores: Record<string, number> | null,
  topicNames: ReadonlyMap<string, string>,
): CsvCell[] {
  return [
    post.id,
    post.postedAt,
    post.platform,
    post.externalId,
    post.url,
    post.author.handle,
    post.author.displayName,
    post.author.followers,
    post.lang,
    post.text,
    post.topicIds.map((id) => topicNames.get(id) ?? id).join(" | "),
    post.assessment?.priority,
    post.assessment?.flags.join(" "),
    post.inReplyTo,
    post.metrics.likes,
    post.metrics.shares,
    post.metrics.replies,
    post.metrics.views,
    post.editedAt,
    post.deletedAt,
    ...riskCategories.map((category) => scores?.[category]),
  ];
}

/** The filters of an export as the audit log keeps them (what was asked for, not the posts). */
function filtersOf(query: PostExportQuery): Record<string, string | number> {
  const { format: _format, separator: _separator, ...asked } = query;
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(asked)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (value !== undefined) out[key] = value;
  }
  return out;
}
