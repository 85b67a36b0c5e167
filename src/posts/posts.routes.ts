import { Readable } from "node:stream";
import { z } from "zod";
import type { App, AppOptions } from "../platform/http/app.ts";
import { requireActor } from "../platform/http/auth.ts";
import { problemResponses } from "../platform/http/problem.ts";
import { exportPosts } from "./posts.export.ts";
import {
  IngestResult,
  PostBatch,
  PostExportQuery,
  PostFilter,
  PostList,
  PostListQuery,
  PostRead,
  PostRevisionList,
} from "./posts.schema.ts";
import { getPost, ingestPosts, listPostRevisions, listPosts, postStats } from "./posts.service.ts";
import { PostStats, PostStatsQuery } from "./posts.stats.schema.ts";
import { streamPosts } from "./posts.stream.ts";

/** Mentions: batch ingest, list and search, export, volume, live stream. */
export function registerPostRoutes(app: App, { ctx, metrics }: Pick<AppOptions, "ctx" | "metrics">) {
  app.post(
    "/api/posts",
    {
      schema: {
        operationId: "ingestPosts",
        tags: ["posts"],
        summary: "Send up to 1,000 posts; valid ones are accepted, invalid ones reported by index and field",
        description:
          "Idempotent on (platform, externalId): sending the same post again changes nothing; sent again with a later `editedAt` and a new text, it replaces the stored text and keeps the old one as a revision.",
        body: PostBatch,
        response: { 202: IngestResult, ...problemResponses },
      },
    },
    async (request, reply) => {
      const result = await ingestPosts(ctx, requireActor(request), request.body.posts);
      metrics.postsIngested.inc({ source: "api" }, result.accepted);
      metrics.ingestRejected.inc(result.rejected);
      return reply.code(202).send(result);
    },
  );

  app.get(
    "/api/posts",
    {
      schema: {
        operationId: "listPosts",
        tags: ["posts"],
        summary: "Posts, newest first, with filters and full-text search (German and English)",
        querystring: PostListQuery,
        response: { 200: PostList, ...problemResponses },
      },
    },
    async (request) => listPosts(ctx, requireActor(request), request.query),
  );

  app.get(
    "/api/posts/stats",
    {
      schema: {
        operationId: "postStats",
        tags: ["posts"],
        summary: "Mention volume: totals by platform, language and topic, and a time series",
        querystring: PostStatsQuery,
        response: { 200: PostStats, ...problemResponses },
      },
    },
    async (request) => postStats(ctx, requireActor(request), request.query),
  );

  app.get(
    "/api/posts/stream",
    {
      schema: {
        operationId: "streamPosts",
        tags: ["posts"],
        summary: "Live stream of new posts matching the filters (server-sent events, `event: post`)",
        querystring: PostFilter,
        response: {
          200: {
            description: "An event stream; each event's data is a post",
            content: { "text/event-stream": { schema: z.string() } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => streamPosts(ctx, requireActor(request), request.query, request, reply),
  );

  app.get(
    "/api/posts/export",
    {
      schema: {
        operationId: "exportPosts",
        tags: ["posts"],
        summary: "Download the posts that pass the filters as CSV or JSONL (agents and above; audited)",
        description:
          "The list's filters and order; at most `limit` posts (100,000). CSV: UTF-8 with a byte order mark, RFC 4180 quoting, a text cell that starts with = + - @ or a tab gets a leading apostrophe so that no spreadsheet runs it as a formula; `separator=semicolon` writes semicolons and decimal commas for spreadsheets set to German. JSONL: one post per line as `GET /api/posts` returns it, plus `scores` (every category's score, null before the assessment). Every export is written to the audit log.",
        querystring: PostExportQuery,
        response: {
          200: {
            description:
              'The file, as an attachment (`content-disposition: attachment; filename="brandwache-mentions-<yyyymmddThhmm>Z.csv"`, or `.jsonl`)',
            content: {
              "text/csv": { schema: z.string() },
              "application/x-ndjson": { schema: z.string() },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await exportPosts(ctx, requireActor(request), request.query);
      return reply
        .type(file.contentType)
        .header("content-disposition", `attachment; filename="${file.fileName}"`)
        .header("cache-control", "no-store")
        .send(Readable.from(file.body) as unknown as string);
    },
  );

  app.get(
    "/api/posts/:id",
    {
      schema: {
        operationId: "getPost",
        tags: ["posts"],
        summary: "One post",
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: PostRead, ...problemResponses },
      },
    },
    async (request) => getPost(ctx, requireActor(request), request.params.id),
  );

  app.get(
    "/api/posts/:id/revisions",
    {
      schema: {
        operationId: "listPostRevisions",
        tags: ["posts"],
        summary: "Earlier versions of a post's text, oldest first, kept when its author edited it",
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: PostRevisionList, ...problemResponses },
      },
    },
    async (request) => listPostRevisions(ctx, requireActor(request), request.params.id),
  );
}
