import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { alreadyStoredPosts, storeAssessedPosts } from "../posts/posts.service.ts";
import {
  AssessedPost,
  type AssessedPost as AssessedPostT,
  type StoredPost as StoredPostT,
} from "./pipeline.messages.ts";

/** The announcement of a new post is one message; each edit of it is another. */
const storedMessageId = (s: StoredPostT) =>
  s.edited ? `${s.orgId}:${s.post.id}:edited:${s.post.editedAt}` : `${s.orgId}:${s.post.id}`;

/** Counts the posts the pipeline stored (for /metrics and the benchmark). */
export interface StoredCounter {
  stored(n: number): void;
}

/**
 * Stores a batch of assessed posts and announces on `posts.stored` the posts that were new and the edits that
 * replaced a stored post's text (flagged `edited`). Resolves once the announcements are held by the bus, so the
 * caller may then acknowledge its batch.
 */
export async function storeAndAnnounce(
  ctx: AppContext,
  batch: AssessedPostT[],
  redelivered: boolean,
  metrics?: StoredCounter,
): Promise<void> {
  const stored = await storeAssessedPosts(ctx, batch);
  // An edit is not a new post: it is announced (flagged `edited`) but not counted.
  metrics?.stored(stored.filter((s) => !s.edited).length);
  // A batch that comes back may have been stored by a worker that died before its announcements were
  // held by the bus: announce its posts again; the message ids let the bus drop those it already holds.
  const announce = redelivered ? await alreadyStoredPosts(ctx, batch) : stored;
  // Resolves once the bus holds every announcement (rejects otherwise): only then may the batch be acknowledged.
  await ctx.bus.publishMany(
    "posts.stored",
    announce.map((s) => ({ payload: s, id: storedMessageId(s) })),
  );
}

/**
 * Starts the store stage of earlier versions: `posts.assessed` → database → `posts.stored`. Today's assess
 * stage stores what it assessed itself; this consumer stores what workers of an earlier version still
 * publish on `posts.assessed` during a rolling upgrade, and what they left in the stream.
 */
export function startStoreStage(ctx: AppContext, metrics?: StoredCounter): { stop(): Promise<void> } {
  const log = categoryLogger(ctx.log, "pipeline");
  const consumer = ctx.bus.consume(
    "posts.assessed",
    "store",
    async (payloads, { redelivered }) => {
      const batch: AssessedPostT[] = [];
      for (const payload of payloads) {
        const parsed = AssessedPost.safeParse(payload);
        if (parsed.success) batch.push(parsed.data);
        else log.error({ issues: parsed.error.issues }, "malformed posts.assessed message dropped");
      }
      await storeAndAnnounce(ctx, batch, redelivered, metrics);
    },
    { batchSize: 500 },
  );
  return { stop: () => consumer.stop() };
}
