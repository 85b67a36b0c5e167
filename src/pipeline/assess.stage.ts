import { matchQuery, prepareDoc } from "../core/query/index.ts";
import type { Assessment as RiskAssessment } from "../core/risk/assess.ts";
import { riskEngineVersion } from "../core/risk/risk.types.ts";
import type { Consumer } from "../platform/bus/bus.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import type { RiskAssessor } from "../risk/risk.service.ts";
import { loadMatchableTopics, type MatchableTopic } from "../topics/topics.service.ts";
import {
  type AssessedPost,
  type Assessment,
  type IngestedPost,
  ingestedPostsOf,
  TopicsChanged,
} from "./pipeline.messages.ts";
import { type StoredCounter, storeAndAnnounce } from "./store.stage.ts";

/** Assesses one post: the risk engine's verdict (with the language) and the tracked topics it matches. */
export function assessIngestedPost(
  item: IngestedPost,
  topics: MatchableTopic[],
  verdict: RiskAssessment,
): AssessedPost {
  const lang = verdict.lang;
  const doc = prepareDoc({
    text: item.post.text,
    authorHandle: item.post.author.handle,
    lang,
    platform: item.post.platform,
  });
  const topicIds = topics.filter((t) => matchQuery(t.query, doc)).map((t) => t.id);
  const assessment: Assessment = {
    engine: riskEngineVersion,
    lang,
    priority: verdict.priority,
    categories: verdict.risks,
  };
  return { ...item, lang, topicIds, assessment };
}

/**
 * Starts the assess stage: `posts.ingested` → risk engine and topic matching → database → `posts.stored`.
 * A batch is assessed and then stored in the same handler: handing it on over the bus (`posts.assessed`)
 * cost a third of all bus messages, the largest ones, and a second wait in a queue (docs/OPERATIONS.md).
 */
export function startAssessStage(
  ctx: AppContext,
  risk: RiskAssessor,
  metrics?: StoredCounter,
): { stop(): Promise<void> } {
  const log = categoryLogger(ctx.log, "pipeline");
  // Compiled topic queries per organisation, dropped when topics change anywhere in the cluster.
  const cache = new Map<string, { at: number; topics: Promise<MatchableTopic[]> }>();
  const maxAgeMs = 60_000;
  const unlisten = ctx.bus.listen("topics.changed", (payload) => {
    const parsed = TopicsChanged.safeParse(payload);
    if (parsed.success) cache.delete(parsed.data.orgId);
  });
  const topicsOf = (orgId: string) => {
    const hit = cache.get(orgId);
    if (hit && Date.now() - hit.at < maxAgeMs) return hit.topics;
    const topics = loadMatchableTopics(ctx, orgId);
    cache.set(orgId, { at: Date.now(), topics });
    topics.catch(() => cache.delete(orgId));
    return topics;
  };
  const consumer: Consumer = ctx.bus.consume(
    "posts.ingested",
    "assess",
    async (payloads, { redelivered }) => {
      const items: IngestedPost[] = [];
      for (const payload of payloads) {
        const { posts, malformed } = ingestedPostsOf(payload);
        items.push(...posts);
        for (const issues of malformed) log.error({ issues }, "malformed post in posts.ingested dropped");
      }
      const assessed: AssessedPost[] = [];
      for (const [index, item] of items.entries()) {
        // Assessment is CPU work that never waits for I/O; letting timers and sockets run now and then keeps
        // the bus client responsive (a NATS pull that expires unseen is redelivered only after the ack wait).
        if (index % 25 === 24) await new Promise((resolve) => setImmediate(resolve));
        const { orgId, post } = item;
        const verdict = await risk.assess(orgId, {
          text: post.text,
          lang: post.lang,
          author: {
            handle: post.author.handle,
            displayName: post.author.displayName,
            platform: post.platform,
          },
        });
        assessed.push(assessIngestedPost(item, await topicsOf(orgId), verdict));
      }
      await storeAndAnnounce(ctx, assessed, redelivered, metrics);
    },
    // Pages of up to 50 posts (one post each from workers of an earlier version): up to 200 posts a batch.
    { batchSize: 4 },
  );
  return {
    stop: async () => {
      unlisten();
      await consumer.stop();
    },
  };
}
