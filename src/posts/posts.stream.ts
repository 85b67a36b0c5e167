import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../orgs/orgs.policy.ts";
import { storedPostsOf } from "../pipeline/pipeline.messages.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import type { PostFilter } from "./posts.schema.ts";
import { matchesLiveFilter } from "./posts.service.ts";

const pingEveryMs = 15_000;
const open = new Set<() => void>();

/** Streams newly stored posts that match the filter as server-sent events (`event: post`). */
export function streamPosts(
  ctx: AppContext,
  actor: Actor,
  filter: PostFilter,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.write("retry: 3000\n\n");
  // Events are written in arrival order even when the full-text check makes some wait for the database.
  let chain = Promise.resolve();
  const unlisten = ctx.bus.listen("posts.stored", (payload) => {
    for (const { orgId, post } of storedPostsOf(payload).posts) {
      if (orgId !== actor.orgId) continue;
      chain = chain
        .then(async () => {
          if (await matchesLiveFilter(ctx, actor.orgId, post, filter)) {
            res.write(`event: post\nid: ${post.id}\ndata: ${JSON.stringify(post)}\n\n`);
          }
        })
        .catch((error) => categoryLogger(ctx.log, "http").warn({ err: error }, "live stream filter failed"));
    }
  });
  const ping = setInterval(() => res.write(": ping\n\n"), pingEveryMs);
  const close = () => {
    clearInterval(ping);
    unlisten();
    open.delete(close);
    res.end();
  };
  open.add(close);
  request.raw.on("close", close);
}

/** Ends every open stream (graceful shutdown: browsers reconnect to another instance). */
export function closeAllPostStreams() {
  for (const close of [...open]) close();
}
