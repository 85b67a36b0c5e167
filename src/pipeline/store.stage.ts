import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { storeAssessedPosts } from "../posts/posts.service.ts";
import { AssessedPost, type AssessedPost as AssessedPostT } from "./pipeline.messages.ts";

/** Starts the store stage: `posts.assessed` → database → `posts.stored` (only for posts that were new). */
export function startStoreStage(
  ctx: AppContext,
  metrics?: { stored(n: number): void },
): { stop(): Promise<void> } {
  const log = categoryLogger(ctx.log, "pipeline");
  const consumer = ctx.bus.consume(
    "posts.assessed",
    "store",
    async (payloads) => {
      const batch: AssessedPostT[] = [];
      for (const payload of payloads) {
        const parsed = AssessedPost.safeParse(payload);
        if (parsed.success) batch.push(parsed.data);
        else log.error({ issues: parsed.error.issues }, "malformed posts.assessed message dropped");
      }
      const stored = await storeAssessedPosts(ctx, batch);
      metrics?.stored(stored.length);
      for (const s of stored) await ctx.bus.publish("posts.stored", s, { id: `${s.orgId}:${s.post.id}` });
      // The batch is acknowledged only once its output is held by the bus.
      await ctx.bus.flush();
    },
    // Multi-row inserts: one transaction per batch is what makes the embedded database keep up.
    { batchSize: 500 },
  );
  return { stop: () => consumer.stop() };
}
