import type { OutgoingMessage } from "../platform/bus/bus.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { alreadyStoredPosts, storeAssessedPosts } from "../posts/posts.service.ts";
import {
  AssessedPost,
  type AssessedPost as AssessedPostT,
  chunkMessages,
  maxMessageBytes,
  postBytes,
  type StoredPost as StoredPostT,
} from "./pipeline.messages.ts";

/** The announcement of a new post is one; each edit of it is another. */
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
  await ctx.bus.publishMany("posts.stored", announcementMessages(announce));
}

/**
 * The announcements of a store step as `posts.stored` messages (`StoredPosts`): up to 100 posts or about
 * 512 kB each, identified by a digest of their posts' ids (edits included), so the same announcement sent
 * again (a redelivered batch) is one message to a bus that drops duplicates; consumers count each post
 * once in any case (the alert stage folds a post's repeat, the escalation monitor remembers the posts it counted).
 */
export function announcementMessages(announce: readonly StoredPostT[]): OutgoingMessage[] {
  return chunkMessages(announce, {
    maxItems: 100,
    maxBytes: maxMessageBytes,
    bytesOf: (s) => postBytes(s.post.text, s.post.assessment?.spans.length ?? 0, 0),
    idOf: storedMessageId,
    payload: (posts) => ({ posts }),
  });
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
