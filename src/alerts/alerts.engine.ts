// Evaluates the alert rules: post rules on every stored post (a pipeline stage), level and anomaly rules on
// each topic's state at a fixed interval. Both raise through `raiseAlert`, which deduplicates per cause.
import {
  type AlertCandidate,
  evaluatePriorityRule,
  evaluateRiskCountRule,
  evaluateTakeoverRule,
  evaluateTopicRule,
  type RuleRef,
  type TopicRef,
} from "../core/alerts/rules.ts";
import { type OfficialAccount, officialAccountLabel, officialAccountOf } from "../core/risk/risk.types.ts";
import type { EscalationMonitor } from "../escalation/escalation.service.ts";
import type { StoredPost } from "../pipeline/pipeline.messages.ts";
import type { AppContext } from "../platform/context.ts";
import { type BackgroundJob, every } from "../platform/jobs.ts";
import { categoryLogger } from "../platform/logger.ts";
import { flaggedTopicPosts } from "../posts/posts.service.ts";
import { getRiskProfile } from "../risk/risk.service.ts";
import { topicNamesOf } from "../topics/topics.service.ts";
import type { AlertRuleRead } from "./alerts.schema.ts";
import { enabledRules, lockKeyOf, type RaiseOutcome, raiseAlert } from "./alerts.service.ts";

type Rule = AlertRuleRead & { orgId: string };

/** Called after each raise, e.g. to wake the dispatcher. */
export type RaiseListener = (outcome: RaiseOutcome) => void;

/** Rules, topic names and official accounts of one organisation, read at most every few seconds. */
interface OrgRules {
  rules: Rule[];
  topics: Map<string, string>;
  officialAccounts: OfficialAccount[];
  loadedMs: number;
}

const cacheMs = 5_000;
/** Causes raised at the same time by one batch (each holds a database connection while it raises). */
const raiseConcurrency = 8;

/** Runs `work` on every item, at most `limit` at a time; rejects with the first failure after all settled. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item).catch((error: unknown) => {
        failures.push(error);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failures.length > 0) throw failures[0];
}

/** The alert engine of one process. */
export interface AlertEngine {
  /** Stops listening for rule and topic changes. */
  close(): void;
  /** Post rules (priority, risk counts) on newly stored posts. */
  evaluatePosts(stored: readonly StoredPost[]): Promise<RaiseOutcome[]>;
  /** Level and anomaly rules on every topic's current state. */
  checkTopics(): Promise<RaiseOutcome[]>;
}

const ruleRef = (rule: Rule): RuleRef => ({
  id: rule.id,
  condition: rule.condition,
  severity: rule.severity,
});

/** Creates the engine; `escalation` supplies the topics' levels. */
export function createAlertEngine(
  ctx: AppContext,
  escalation: Pick<EscalationMonitor, "topicLevel">,
  onRaise: RaiseListener = () => {},
): AlertEngine {
  const log = categoryLogger(ctx.log, "alerts");
  const cache = new Map<string, OrgRules>();
  // Which (rule, topic) fired at the previous check, so that a lasting state is one occurrence, not many.
  const firing = new Set<string>();

  // Rules or topics changed somewhere: read them again at the next post.
  const forget = (payload: unknown) => {
    const orgId = (payload as { orgId?: unknown } | null)?.orgId;
    if (typeof orgId === "string") cache.delete(orgId);
  };
  const unlisten = [
    ctx.bus.listen("alerts.changed", forget),
    ctx.bus.listen("topics.changed", forget),
    ctx.bus.listen("risk.changed", forget),
  ];

  const rulesOf = async (orgId: string): Promise<OrgRules> => {
    const now = Date.now();
    const cached = cache.get(orgId);
    if (cached && now - cached.loadedMs < cacheMs) return cached;
    const [rules, topics] = await Promise.all([enabledRules(ctx, orgId), topicNamesOf(ctx, orgId)]);
    // The registry is read only where a takeover rule needs it.
    const officialAccounts = rules.some((r) => r.condition.kind === "account_takeover")
      ? (await getRiskProfile(ctx, orgId)).officialAccounts
      : [];
    const fresh = {
      rules,
      topics: new Map(topics.map((t) => [t.id, t.name])),
      officialAccounts,
      loadedMs: now,
    };
    cache.set(orgId, fresh);
    return fresh;
  };

  const raise = async (orgId: string, rule: Rule, candidate: AlertCandidate | null) => {
    if (!candidate) return null;
    const outcome = await raiseAlert(ctx, orgId, candidate, rule);
    if (outcome.outcome === "raised") {
      log.info(
        { orgId, alertId: outcome.alertId, ruleId: rule.id, trigger: candidate.trigger },
        "alert raised",
      );
    }
    onRaise(outcome);
    return outcome;
  };

  return {
    close() {
      for (const stop of unlisten) stop();
    },

    async evaluatePosts(stored) {
      // First every post against every rule (risk counts read the database, raises do not change them),
      // then the raises: those of one cause in post order, different causes at the same time. A raise is a
      // transaction of several round trips; one after the other, on an event loop the risk engine and the
      // store stage keep busy, a batch with a few alerts took seconds and the alert stage fell behind.
      const raises: { orgId: string; rule: Rule; candidate: AlertCandidate }[] = [];
      for (const { orgId, post } of stored) {
        const { rules, topics, officialAccounts } = await rulesOf(orgId);
        if (rules.length === 0) continue;
        const facts = {
          id: post.id,
          text: post.text,
          author: `${post.platform}:${post.author.handle}`,
          priority: post.assessment?.priority ?? 0,
          flags: post.assessment?.flags ?? [],
        };
        const postedAt = new Date(post.postedAt);
        for (const rule of rules) {
          const { condition } = rule;
          if (condition.kind === "priority_post") {
            if (rule.topicId !== null && !post.topicIds.includes(rule.topicId)) continue;
            const topic: TopicRef | null = rule.topicId
              ? { id: rule.topicId, name: topics.get(rule.topicId) ?? rule.topicId }
              : null;
            const candidate = evaluatePriorityRule(ruleRef(rule), topic, facts);
            if (candidate) raises.push({ orgId, rule, candidate });
          } else if (condition.kind === "account_takeover") {
            if (rule.topicId !== null && !post.topicIds.includes(rule.topicId)) continue;
            const entry = officialAccountOf(officialAccounts, post.platform, post.author.handle);
            const official = entry ? officialAccountLabel(entry) : null;
            const candidate = evaluateTakeoverRule(ruleRef(rule), facts, official);
            if (candidate) raises.push({ orgId, rule, candidate });
          } else if (condition.kind === "risk_count" && facts.flags.includes(condition.category)) {
            const topicIds =
              rule.topicId !== null ? post.topicIds.filter((t) => t === rule.topicId) : post.topicIds;
            for (const topicId of topicIds) {
              // Counted up to the newest post: a backlog imported late still counts in its own time.
              const to = new Date(Math.max(postedAt.getTime(), ctx.clock.now().getTime()) + 1);
              const from = new Date(to.getTime() - condition.windowMinutes * 60_000);
              const { count, recentIds } = await flaggedTopicPosts(
                ctx,
                orgId,
                topicId,
                condition.category,
                from,
                to,
              );
              const topic = { id: topicId, name: topics.get(topicId) ?? topicId };
              const candidate = evaluateRiskCountRule(ruleRef(rule), topic, count, recentIds);
              if (candidate) raises.push({ orgId, rule, candidate });
            }
          }
        }
      }
      const byCause = new Map<string, number[]>();
      for (const [i, { orgId, rule, candidate }] of raises.entries()) {
        const key = `${orgId}\u0000${lockKeyOf(candidate, rule.cooldownMinutes)}`;
        const indexes = byCause.get(key);
        if (indexes) indexes.push(i);
        else byCause.set(key, [i]);
      }
      const outcomes: (RaiseOutcome | null)[] = raises.map(() => null);
      await inParallel([...byCause.values()], raiseConcurrency, async (indexes) => {
        for (const i of indexes) {
          const item = raises[i];
          if (item) outcomes[i] = await raise(item.orgId, item.rule, item.candidate);
        }
      });
      return outcomes.filter((outcome) => outcome !== null);
    },

    async checkTopics() {
      const outcomes: RaiseOutcome[] = [];
      const byOrg = new Map<string, Rule[]>();
      for (const rule of await enabledRules(ctx)) {
        if (rule.condition.kind !== "level_reached" && rule.condition.kind !== "anomaly") continue;
        byOrg.set(rule.orgId, [...(byOrg.get(rule.orgId) ?? []), rule]);
      }
      const seen = new Set<string>();
      for (const [orgId, rules] of byOrg) {
        const topics = await topicNamesOf(ctx, orgId);
        for (const rule of rules) {
          for (const topic of topics) {
            if (rule.topicId !== null && rule.topicId !== topic.id) continue;
            const key = `${rule.id}:${topic.id}`;
            const state = await escalation.topicLevel(orgId, topic.id);
            const candidate = evaluateTopicRule(ruleRef(rule), topic, state, firing.has(key));
            if (!candidate) continue;
            seen.add(key);
            const outcome = await raise(orgId, rule, candidate);
            if (outcome) outcomes.push(outcome);
          }
        }
      }
      firing.clear();
      for (const key of seen) firing.add(key);
      return outcomes;
    },
  };
}

/** Runs `checkTopics` every `intervalMs` (and never two at once) until stopped. */
export function startTopicChecks(engine: AlertEngine, intervalMs: number, ctx: AppContext): BackgroundJob {
  return every(intervalMs, () => engine.checkTopics(), categoryLogger(ctx.log, "alerts"), "alert check");
}
