import { createAnomalyDetector } from "../core/escalation/anomaly.ts";
import { explainLevel } from "../core/escalation/level.ts";
import { bucketValue, isCriticalPost } from "../core/escalation/series.ts";
import { assessTopic, createTopicTracker, type TopicTracker, trackPost } from "../core/escalation/tracker.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { StoredPost } from "../pipeline/pipeline.messages.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { topicPostsForEscalation } from "../posts/posts.service.ts";
import { listTopics } from "../topics/topics.service.ts";
import type { TopicEscalationRead } from "./escalation.schema.ts";

const minuteMs = 60_000;
// The series keep 30 days of hours; rebuilding that much is enough for the weekly baseline.
const rebuildDays = 30;
// Authors remembered per topic to tell first-time voices; the oldest are forgotten beyond this.
const maxKnownAuthors = 200_000;

interface TopicState {
  tracker: TopicTracker;
  knownAuthors: Map<string, true>;
  /** Posts stored from this time on were not part of the rebuild and are counted live. */
  rebuiltUpTo: number;
}

/** Per-topic escalation of this process: fed by `posts.stored`, rebuilt from stored posts after a restart. */
export interface EscalationMonitor {
  /** The current escalation of every topic of the actor's organisation. */
  list(actor: Actor): Promise<TopicEscalationRead[]>;
  close(): void;
}

function count(
  state: TopicState,
  event: { tMs: number; platform: string; author: string; followers: number; flags: string[] },
) {
  const authorKey = `${event.platform}:${event.author}`;
  const isFirstTimeAuthor = !state.knownAuthors.has(authorKey);
  if (isFirstTimeAuthor) {
    state.knownAuthors.set(authorKey, true);
    if (state.knownAuthors.size > maxKnownAuthors) {
      const oldest = state.knownAuthors.keys().next().value;
      if (oldest !== undefined) state.knownAuthors.delete(oldest);
    }
  }
  trackPost(state.tracker, {
    tMs: event.tMs,
    authorKey,
    isFirstTimeAuthor,
    followers: event.followers,
    platform: event.platform,
    negative: isCriticalPost(event.flags),
  });
}

/** Starts the monitor: listens to stored posts of every organisation in this process. */
export function createEscalationMonitor(ctx: AppContext): EscalationMonitor {
  const log = categoryLogger(ctx.log, "pipeline");
  const topics = new Map<string, Promise<TopicState>>();

  const stateOf = (orgId: string, topicId: string): Promise<TopicState> => {
    let found = topics.get(topicId);
    if (!found) {
      found = (async () => {
        const now = ctx.clock.now();
        const state: TopicState = {
          tracker: createTopicTracker(createAnomalyDetector()),
          knownAuthors: new Map(),
          rebuiltUpTo: now.getTime(),
        };
        const since = new Date(now.getTime() - rebuildDays * 24 * 3_600_000);
        for (const p of await topicPostsForEscalation(ctx, orgId, topicId, since, now)) {
          count(state, {
            tMs: p.postedAt.getTime(),
            platform: p.platform,
            author: p.authorHandle,
            followers: p.followers ?? 0,
            flags: p.flags,
          });
        }
        return state;
      })();
      found.catch(() => topics.delete(topicId));
      topics.set(topicId, found);
    }
    return found;
  };

  const unlisten = ctx.bus.listen("posts.stored", (payload) => {
    const parsed = StoredPost.safeParse(payload);
    if (!parsed.success) return;
    const { orgId, post } = parsed.data;
    for (const topicId of post.topicIds) {
      stateOf(orgId, topicId)
        .then((state) => {
          // The rebuild read posts stored before `rebuiltUpTo`; later ones are counted here, once.
          if (new Date(post.ingestedAt).getTime() < state.rebuiltUpTo) return;
          count(state, {
            tMs: new Date(post.postedAt).getTime(),
            platform: post.platform,
            author: post.author.handle,
            followers: post.author.followers ?? 0,
            flags: post.assessment?.flags ?? [],
          });
        })
        .catch((error) => log.warn({ err: error, topicId }, "escalation rebuild failed"));
    }
  });

  return {
    async list(actor) {
      const now = ctx.clock.now().getTime();
      const out: TopicEscalationRead[] = [];
      for (const topic of await listTopics(ctx, actor)) {
        const state = await stateOf(actor.orgId, topic.id);
        const a = assessTopic(state.tracker, now);
        const lastMinute = Math.floor(now / minuteMs) * minuteMs;
        const minutes = [];
        for (let t = lastMinute - 59 * minuteMs; t <= lastMinute; t += minuteMs) {
          minutes.push({
            t: new Date(t).toISOString(),
            volume: bucketValue(state.tracker.series, "minute", t, "volume"),
            negative: bucketValue(state.tracker.series, "minute", t, "negative"),
          });
        }
        const { doublingMinutes, baselineSource: _source, ...numbers } = a.metrics;
        out.push({
          topicId: topic.id,
          level: a.level,
          explanation: {
            de: explainLevel(a.level, a.metrics, "de", a.held),
            en: explainLevel(a.level, a.metrics, "en", a.held),
          },
          since: new Date(a.sinceMs).toISOString(),
          anomalyScore: a.anomalyScore,
          metrics: { ...numbers, ...(doublingMinutes !== null ? { doublingMinutes } : {}) },
          minutes,
        });
      }
      return out;
    },
    close: unlisten,
  };
}
