import { createAnomalyDetector } from "../core/escalation/anomaly.ts";
import { fairShareCap } from "../core/escalation/budget.ts";
import {
  addCampaignPost,
  type CampaignDetector,
  type CampaignGroup,
  campaignPostCount,
  createCampaignDetector,
  detectCampaigns,
  trimCampaignPosts,
} from "../core/escalation/campaigns.ts";
import { explainLevel, type LevelAssessment } from "../core/escalation/level.ts";
import { bucketValue, isCriticalPost, resolutions } from "../core/escalation/series.ts";
import {
  assessTopic,
  createTopicTracker,
  maxAnomalyBetween,
  type TopicTracker,
  trackPost,
} from "../core/escalation/tracker.ts";
import { detectNewVoices, linkToStakeholders, type StakeholderLink } from "../core/escalation/voices.ts";
import { isOfficialHandle } from "../core/risk/risk.types.ts";
import type { StakeholderGroup } from "../core/scenario/scenario.schema.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { type StoredPost, storedPostsOf } from "../pipeline/pipeline.messages.ts";
import type { Subject } from "../platform/bus/bus.ts";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import { topicPostsForEscalation } from "../posts/posts.service.ts";
import { getRiskProfile } from "../risk/risk.service.ts";
import { stakeholderDirectory } from "../stakeholders/stakeholders.service.ts";
import { getTopic, listTopics } from "../topics/topics.service.ts";
import type {
  CampaignGroupRead,
  TimelineResolution,
  TopicEscalationDetail,
  TopicEscalationRead,
} from "./escalation.schema.ts";

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
// The series keep 30 days of hours; rebuilding that much is enough for the weekly baseline.
const rebuildDays = 30;
// Campaigns are looked for in the last 3 hours (the detector's window); the rebuild feeds it that much.
const campaignWindowMs = 3 * hourMs;
// Authors remembered per topic to tell first-time voices; the oldest are forgotten beyond this.
const maxKnownAuthors = 200_000;

/**
 * What the monitor of one process may hold over all its topics together (each topic also keeps its own
 * limits: 50,000 campaign posts, 200,000 authors). When the topics together hold more, the busiest give up
 * their oldest entries (`fairShareCap`), so memory stays bounded however many topics an installation tracks.
 */
export interface EscalationBudget {
  /** Posts of the last 3 hours kept for campaign detection (text and MinHash signature, ~1 KB each). */
  campaignPosts: number;
  /** Authors remembered to tell first-time voices from known ones (~100 bytes each). */
  knownAuthors: number;
}

// Ids of the posts counted live that are remembered to drop repeated announcements (~60 bytes each).
const countedHorizon = 250_000;

export const defaultEscalationBudget: EscalationBudget = { campaignPosts: 200_000, knownAuthors: 1_000_000 };

/** What the monitor holds now, for /metrics. */
export interface EscalationMemory {
  topics: number;
  campaignPosts: number;
  knownAuthors: number;
}
// How far back each timeline resolution reaches.
const timelineSpanMs: Record<TimelineResolution, number> = {
  minute: 6 * hourMs,
  quarter: 3 * 24 * hourMs,
  hour: 14 * 24 * hourMs,
};

type Directory = ReadonlyMap<string, StakeholderGroup>;

interface TopicState {
  tracker: TopicTracker;
  knownAuthors: Map<string, true>;
  /** Authors' ties to accounts on the stakeholder map (mentions, reshares), for the new-voices report. */
  links: Map<string, StakeholderLink[]>;
  campaigns: CampaignDetector;
  /** Posts stored from this time on were not part of the rebuild and are counted live. */
  rebuiltUpTo: number;
}

/** A topic's level as alert checks see it. */
export interface TopicLevel {
  level: number;
  explanation: { de: string; en: string };
  anomalyScore: number;
}

/** Per-topic escalation of this process: fed by `posts.stored`, rebuilt from stored posts after a restart. */
export interface EscalationMonitor {
  /** The current escalation of every topic of the actor's organisation. */
  list(actor: Actor): Promise<TopicEscalationRead[]>;
  /** One topic with its timeline, new voices and coordinated groups. */
  detail(actor: Actor, topicId: string, resolution: TimelineResolution): Promise<TopicEscalationDetail>;
  /** A topic's current level and anomaly score, for work done on the organisation's behalf (alert checks). */
  topicLevel(orgId: string, topicId: string): Promise<TopicLevel>;
  /** Topics tracked in this process and the entries their windows hold, over all of them. */
  memory(): EscalationMemory;
  close(): void;
}

interface CountedPost {
  id: string;
  text: string;
  tMs: number;
  platform: string;
  author: string;
  followers: number;
  accountCreatedMs: number | undefined;
  flags: string[];
}

const mentionPattern = /(?<![\p{L}\p{N}_.])@([\p{L}\p{N}_.]{1,100})/gu;

/** Accounts a post mentions, as `platform:handle` (lower-case, as the stakeholder map keys them). */
function mentionsOf(platform: string, text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(mentionPattern)) {
    found.add(`${platform}:${(match[1] ?? "").replace(/\.+$/u, "").toLowerCase()}`);
  }
  return [...found];
}

function count(state: TopicState, post: CountedPost, now: number, directory: Directory) {
  const authorKey = `${post.platform}:${post.author}`;
  const mapKey = `${post.platform}:${post.author.toLowerCase()}`;
  const isFirstTimeAuthor = !state.knownAuthors.has(authorKey);
  if (isFirstTimeAuthor) {
    state.knownAuthors.set(authorKey, true);
    forgetOldest(state.knownAuthors, maxKnownAuthors);
  }
  if (directory.size > 0 && post.text.includes("@")) {
    const links = linkToStakeholders(
      { authorKey: mapKey, mentions: mentionsOf(post.platform, post.text) },
      directory,
    );
    if (links.length > 0) {
      const known = state.links.get(authorKey) ?? [];
      for (const link of links) {
        if (!known.some((k) => k.account === link.account && k.via === link.via))
          known.push({ ...link, authorKey });
      }
      state.links.delete(authorKey); // re-inserted last: the map forgets the least recently linked first
      state.links.set(authorKey, known.slice(-20));
      forgetOldest(state.links, maxKnownAuthors);
    }
  }
  const stakeholderGroup = directory.get(mapKey);
  trackPost(state.tracker, {
    tMs: post.tMs,
    authorKey,
    isFirstTimeAuthor,
    followers: post.followers,
    platform: post.platform,
    negative: isCriticalPost(post.flags),
    ...(stakeholderGroup !== undefined ? { stakeholderGroup } : {}),
  });
  if (post.tMs >= now - campaignWindowMs) {
    addCampaignPost(state.campaigns, {
      id: post.id,
      tMs: post.tMs,
      authorKey,
      text: post.text,
      ...(post.accountCreatedMs !== undefined ? { accountCreatedMs: post.accountCreatedMs } : {}),
    });
  }
}

/** Deletes a map's or set's oldest entries (in insertion order) until at most `keep` remain. */
function forgetOldest(entries: Map<string, unknown> | Set<string>, keep: number): void {
  if (entries.size <= keep) return;
  for (const key of entries.keys()) {
    if (entries.size <= keep) break;
    entries.delete(key);
  }
}

function explained(a: LevelAssessment) {
  return {
    de: explainLevel(a.level, a.metrics, "de", a.held),
    en: explainLevel(a.level, a.metrics, "en", a.held),
  };
}

function presentCampaign(group: CampaignGroup): CampaignGroupRead {
  return {
    score: group.score,
    flagged: group.flagged,
    signals: group.signals,
    members: group.members.slice(0, 50),
    memberCount: group.members.length,
    postIds: group.postIds.slice(0, 100),
    postCount: group.postIds.length,
    exampleTexts: group.exampleTexts,
    sharedLink: group.sharedLink,
    from: new Date(group.fromMs).toISOString(),
    to: new Date(group.toMs).toISOString(),
    medianAccountAgeDays: group.accountAges.medianDays,
    youngAccounts: group.accountAges.young,
    textSimilarity: group.textSimilarity,
    synchrony: group.synchrony,
    reshareShare: group.reshareShare,
  };
}

/**
 * What `load` reads for an organisation, loaded once and kept until the bus says on `subject` that the
 * organisation's data changed (or the load failed, so the next use tries again).
 */
function orgCache<T>(
  ctx: AppContext,
  subject: Subject,
  load: (orgId: string) => Promise<T>,
): { get(orgId: string): Promise<T>; close(): void } {
  const entries = new Map<string, Promise<T>>();
  const close = ctx.bus.listen(subject, (payload) => {
    const orgId = (payload as { orgId?: unknown } | null)?.orgId;
    if (typeof orgId === "string") entries.delete(orgId);
  });
  const get = (orgId: string): Promise<T> => {
    let found = entries.get(orgId);
    if (!found) {
      found = load(orgId);
      found.catch(() => entries.delete(orgId));
      entries.set(orgId, found);
    }
    return found;
  };
  return { get, close };
}

/** Starts the monitor: listens to stored posts of every organisation in this process. */
export function createEscalationMonitor(
  ctx: AppContext,
  budget: EscalationBudget = defaultEscalationBudget,
): EscalationMonitor {
  const log = categoryLogger(ctx.log, "pipeline");
  const topics = new Map<string, Promise<TopicState>>();
  // The same states once created, for the budget's synchronous look over all of them.
  const states = new Map<string, TopicState>();

  // The budget is checked every so many counted posts: between checks the topics may hold at most that
  // many entries more than it allows.
  const checkEvery = Math.max(100, Math.floor(Math.min(budget.campaignPosts, budget.knownAuthors) / 100));
  let countedSinceCheck = 0;
  const keepWithinBudget = () => {
    if (++countedSinceCheck < checkEvery) return;
    countedSinceCheck = 0;
    const all = [...states.values()];
    const postCap = fairShareCap(
      all.map((state) => campaignPostCount(state.campaigns)),
      budget.campaignPosts,
    );
    const authorCap = fairShareCap(
      all.map((state) => state.knownAuthors.size),
      budget.knownAuthors,
    );
    for (const state of all) {
      if (campaignPostCount(state.campaigns) > postCap) trimCampaignPosts(state.campaigns, postCap);
      forgetOldest(state.knownAuthors, authorCap);
      forgetOldest(state.links, authorCap);
    }
  };

  // The stakeholder map, re-read when it changes.
  const directories = orgCache(ctx, "stakeholders.changed", (orgId) => stakeholderDirectory(ctx, orgId));
  // The organisation's own accounts (the registry of the risk profile): their posts are the organisation
  // speaking, not the public reacting, so they count neither in a topic's series nor in its campaigns. Posts
  // counted before an account joined the registry stay counted until the next rebuild (a restart).
  const ownAccounts = orgCache(
    ctx,
    "risk.changed",
    async (orgId) => (await getRiskProfile(ctx, orgId)).officialAccounts,
  );

  const stateOf = (orgId: string, topicId: string): Promise<TopicState> => {
    let found = topics.get(topicId);
    if (!found) {
      found = (async () => {
        const now = ctx.clock.now();
        const [directory, officials] = await Promise.all([directories.get(orgId), ownAccounts.get(orgId)]);
        const state: TopicState = {
          tracker: createTopicTracker(createAnomalyDetector()),
          knownAuthors: new Map(),
          links: new Map(),
          campaigns: createCampaignDetector(),
          rebuiltUpTo: now.getTime(),
        };
        states.set(topicId, state);
        const since = new Date(now.getTime() - rebuildDays * 24 * hourMs);
        for (const p of await topicPostsForEscalation(ctx, orgId, topicId, since, now)) {
          if (isOfficialHandle(officials, p.platform, p.authorHandle)) continue;
          count(
            state,
            {
              id: p.postId,
              text: p.text,
              tMs: p.postedAt.getTime(),
              platform: p.platform,
              author: p.authorHandle,
              followers: p.followers ?? 0,
              accountCreatedMs: p.accountCreatedAt?.getTime(),
              flags: p.flags,
            },
            now.getTime(),
            directory,
          );
          keepWithinBudget();
        }
        return state;
      })();
      found.catch(() => {
        topics.delete(topicId);
        states.delete(topicId);
      });
      topics.set(topicId, found);
    }
    return found;
  };

  // Posts counted live, newest last: an announcement that comes again (a worker that died after announcing
  // is replaced by one that announces its batch once more, and a broadcast has no de-duplication) is not
  // counted twice. Announcements repeat within seconds to minutes of the first, far inside this horizon.
  const counted = new Set<string>();
  const unlisten = ctx.bus.listen("posts.stored", (payload) => {
    for (const announced of storedPostsOf(payload).posts) countLive(announced);
  });

  function countLive({ orgId, post, edited }: StoredPost): void {
    // An edit replaced the text of a post counted already: not one more post.
    if (edited) return;
    if (counted.has(post.id)) return;
    counted.add(post.id);
    if (counted.size > countedHorizon) forgetOldest(counted, countedHorizon);
    for (const topicId of post.topicIds) {
      Promise.all([stateOf(orgId, topicId), directories.get(orgId), ownAccounts.get(orgId)])
        .then(([state, directory, officials]) => {
          // The rebuild read posts stored before `rebuiltUpTo`; later ones are counted here, once.
          if (new Date(post.ingestedAt).getTime() < state.rebuiltUpTo) return;
          if (isOfficialHandle(officials, post.platform, post.author.handle)) return;
          const accountCreated = post.author.accountCreatedAt
            ? Date.parse(post.author.accountCreatedAt)
            : Number.NaN;
          count(
            state,
            {
              id: post.id,
              text: post.text,
              tMs: new Date(post.postedAt).getTime(),
              platform: post.platform,
              author: post.author.handle,
              followers: post.author.followers ?? 0,
              accountCreatedMs: Number.isNaN(accountCreated) ? undefined : accountCreated,
              flags: post.assessment?.flags ?? [],
            },
            ctx.clock.now().getTime(),
            directory,
          );
          keepWithinBudget();
        })
        .catch((error) => log.warn({ err: error, topicId }, "escalation rebuild failed"));
    }
  }

  const summary = (topicId: string, state: TopicState, now: number): TopicEscalationRead => {
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
    return {
      topicId,
      level: a.level,
      explanation: explained(a),
      since: new Date(a.sinceMs).toISOString(),
      anomalyScore: a.anomalyScore,
      metrics: { ...numbers, ...(doublingMinutes !== null ? { doublingMinutes } : {}) },
      minutes,
    };
  };

  return {
    async list(actor) {
      const now = ctx.clock.now().getTime();
      const out: TopicEscalationRead[] = [];
      for (const topic of await listTopics(ctx, actor)) {
        out.push(summary(topic.id, await stateOf(actor.orgId, topic.id), now));
      }
      return out;
    },

    async detail(actor, topicId, resolution) {
      const topic = await getTopic(ctx, actor, topicId);
      const state = await stateOf(actor.orgId, topic.id);
      const now = ctx.clock.now().getTime();
      const head = summary(topic.id, state, now);
      const bucketMs = resolutions[resolution].bucketMs;
      const last = Math.floor(now / bucketMs) * bucketMs;
      const timeline = [];
      for (let t = last - timelineSpanMs[resolution] + bucketMs; t <= last; t += bucketMs) {
        timeline.push({
          t: new Date(t).toISOString(),
          volume: bucketValue(state.tracker.series, resolution, t, "volume"),
          negative: bucketValue(state.tracker.series, resolution, t, "negative"),
          anomaly: maxAnomalyBetween(state.tracker, t, Math.min(t + bucketMs, now + 1)),
        });
      }
      const voices = detectNewVoices(state.tracker.series, state.tracker.voices, now, state.links);
      const recent = [];
      for (let i = state.tracker.voices.entries.length - 1; i >= 0 && recent.length < 20; i--) {
        const entry = state.tracker.voices.entries[i];
        if (entry && entry.tMs <= now) recent.push(entry.authorKey);
      }
      const campaigns = detectCampaigns(state.campaigns)
        .filter((group) => group.toMs >= now - campaignWindowMs)
        .slice(0, 20)
        .map(presentCampaign);
      return {
        ...head,
        resolution,
        timeline,
        newVoices: {
          surge: voices.surge,
          firstTimeAuthors: voices.firstTimeAuthors,
          baseline: voices.baseline,
          ratio: voices.ratio,
          groups: voices.groups.map((g) => ({
            group: g.group,
            authors: g.authors,
            accounts: g.accounts,
            examples: g.examples,
          })),
          unlinked: voices.unlinked,
          recent,
        },
        campaigns,
      };
    },

    async topicLevel(orgId, topicId) {
      const state = await stateOf(orgId, topicId);
      const a = assessTopic(state.tracker, ctx.clock.now().getTime());
      return { level: a.level, explanation: explained(a), anomalyScore: a.anomalyScore };
    },

    memory() {
      let campaignPosts = 0;
      let knownAuthors = 0;
      for (const state of states.values()) {
        campaignPosts += campaignPostCount(state.campaigns);
        knownAuthors += state.knownAuthors.size;
      }
      return { topics: states.size, campaignPosts, knownAuthors };
    },

    close() {
      unlisten();
      directories.close();
      ownAccounts.close();
    },
  };
}
