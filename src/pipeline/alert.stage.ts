import type { AlertEngine } from "../alerts/alerts.engine.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { type StoredPost, storedPostsOf } from "./pipeline.messages.ts";

/**
 * Starts the alert stage: `posts.stored` → post rules (priority, risk counts). A work queue, so each stored
 * post is evaluated by one process; a failed batch is delivered again and folds into the alerts it raised.
 */
export function startAlertStage(ctx: AppContext, engine: AlertEngine): { stop(): Promise<void> } {
  const log = categoryLogger(ctx.log, "pipeline");
  const consumer = ctx.bus.consume(
    "posts.stored",
    "alerts",
    async (payloads) => {
      const batch: StoredPost[] = [];
      for (const payload of payloads) {
        const { posts, malformed } = storedPostsOf(payload);
        batch.push(...posts);
        for (const issues of malformed) log.error({ issues }, "malformed posts.stored announcement dropped");
      }
      await engine.evaluatePosts(batch);
    },
    // One message is a store step's announcements (up to 100 posts). A pull for more would wait for them (up
    // to a second) while the posts in hand are ready to be checked.
    { batchSize: 1 },
  );
  return { stop: () => consumer.stop() };
}
