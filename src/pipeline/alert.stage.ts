import type { AlertEngine } from "../alerts/alerts.engine.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { StoredPost } from "./pipeline.messages.ts";

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
        const parsed = StoredPost.safeParse(payload);
        if (parsed.success) batch.push(parsed.data);
        else log.error({ issues: parsed.error.issues }, "malformed posts.stored message dropped");
      }
      await engine.evaluatePosts(batch);
    },
    { batchSize: 200 },
  );
  return { stop: () => consumer.stop() };
}
