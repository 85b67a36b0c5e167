// Alert rules as pure functions: what a rule's condition says about a topic's state or a post, and whether
// a new alert is raised or folded into the last one of the same cause (deduplication with cooldown).
import { takeoverFlags } from "../accounts/takeover.ts";
import type { RiskCategory } from "../risk/risk.types.ts";
import { excerpt } from "../text/excerpt.ts";

/** A rule's condition (the API's AlertCondition). */
export type RuleCondition =
  | { kind: "level_reached"; minLevel: number }
  | { kind: "anomaly"; minScore: number }
  | { kind: "risk_count"; category: RiskCategory; count: number; windowMinutes: number }
  | { kind: "priority_post"; minPriority: number }
  | { kind: "account_takeover" }
  // Operational conditions: raised by the inbox and incidents (alerts.operational.ts), never evaluated on posts or topics.
  | { kind: "sla_breach" }
  | { kind: "deadline_due" }
  // A scheduled situation report (src/reports/reports.digest.ts), sent through the rule's channels.
  | { kind: "report_digest"; frequency: "daily" | "weekly"; weekday: number; hour: number; timeZone: string };

/** What evaluation needs of a rule. */
export interface RuleRef {
  id: string;
  condition: RuleCondition;
  severity: "info" | "warning" | "critical";
}

/** A topic by id and name (null: a rule over every topic evaluated on a post outside all topics). */
export interface TopicRef {
  id: string;
  name: string;
}

type Bilingual = { de: string; en: string };

/** An alert a rule wants raised; `raiseOrFold` decides whether it becomes a new alert. */
export interface AlertCandidate {
  /** Null: an operational alert of an organisation without a rule for its kind (shown in the app only). */
  ruleId: string | null;
  topicId: string | null;
  trigger: RuleCondition["kind"];
  severity: "info" | "warning" | "critical";
  /** Same cause, same key: repeats within the cooldown fold into one alert. */
  dedupKey: string;
  /** For escalating causes (the level): a higher rank raises a new alert even within the cooldown. */
  rank: number;
  /** Whether this is a fresh occurrence (a new post, a state just entered), not the same state seen again. */
  fresh: boolean;
  title: Bilingual;
  explanation: Bilingual;
  /** Posts behind it, newest first. */
  postIds: string[];
  /** The figures behind it, kept with the alert. */
  figures: Record<string, number | string>;
}

/** Each risk category's name in running text, in both languages. */
export const categoryNames: Record<RiskCategory, Bilingual> = {
  toxic: { de: "toxisch", en: "toxic" },
  hate: { de: "Hass", en: "hate" },
  threat: { de: "Drohung", en: "threat" },
  negative: { de: "negativ", en: "negative" },
  complaint: { de: "Beschwerde", en: "complaint" },
  fact_claim: { de: "Tatsachenbehauptung", en: "factual claim" },
  defamation: { de: "Rufschädigung", en: "defamation" },
  leak_pii: { de: "Personendaten", en: "personal data" },
  leak_secret: { de: "Zugangsdaten", en: "credentials" },
  leak_confidential: { de: "vertraulich", en: "confidential" },
  malicious_link: { de: "schädlicher Link", en: "malicious link" },
  impersonation: { de: "Identitätsmissbrauch", en: "impersonation" },
  scam: { de: "Betrug", en: "scam" },
  opportunity_question: { de: "Frage", en: "question" },
  opportunity_praise: { de: "Lob", en: "praise" },
  opportunity_lead: { de: "Kaufinteresse", en: "sales lead" },
  opportunity_recruiting: { de: "Jobinteresse", en: "job interest" },
};

const decimal = (value: number, lang: "de" | "en") =>
  new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);

// Titles and explanations quote topic names and post text: whoever shows them must treat them as text.
export const quoted = (text: string, lang: "de" | "en") => (lang === "de" ? `„${text}“` : `“${text}”`);

/** A topic's state as the periodic check sees it. */
export interface TopicState {
  level: number;
  /** The level's explanation ("Stufe 4: 7,3× normales Volumen, …"). */
  explanation: Bilingual;
  anomalyScore: number;
}

/**
 * Level and anomaly rules on a topic's state. `wasFiring` tells whether the same rule fired for the topic at
 * the previous check, so that a state that persists is not counted as a new occurrence.
 */
export function evaluateTopicRule(
  rule: RuleRef,
  topic: TopicRef,
  state: TopicState,
  wasFiring: boolean,
): AlertCandidate | null {
  const { condition } = rule;
  if (condition.kind === "level_reached") {
    if (state.level < condition.minLevel) return null;
    return {
      ruleId: rule.id,
      topicId: topic.id,
      trigger: "level_reached",
      severity: rule.severity,
      dedupKey: `${rule.id}:${topic.id}:level`,
      rank: state.level,
      fresh: !wasFiring,
      title: {
        de: `Eskalationsstufe ${state.level} bei ${quoted(topic.name, "de")}`,
        en: `Escalation level ${state.level} on ${quoted(topic.name, "en")}`,
      },
      explanation: state.explanation,
      postIds: [],
      figures: { level: state.level, anomalyScore: state.anomalyScore },
    };
  }
  if (condition.kind === "anomaly") {
    if (state.anomalyScore < condition.minScore) return null;
    return {
      ruleId: rule.id,
      topicId: topic.id,
      trigger: "anomaly",
      severity: rule.severity,
      dedupKey: `${rule.id}:${topic.id}:anomaly`,
      rank: 0,
      fresh: !wasFiring,
      title: {
        de: `Ungewöhnliches Volumen bei ${quoted(topic.name, "de")}`,
        en: `Unusual volume on ${quoted(topic.name, "en")}`,
      },
      explanation: {
        de: `Anomaliewert ${decimal(state.anomalyScore, "de")} für die Beiträge pro Minute (ab 0,50 ungewöhnlich). ${state.explanation.de}`,
        en: `Anomaly score ${decimal(state.anomalyScore, "en")} for posts per minute (0.50 and up is unusual). ${state.explanation.en}`,
      },
      postIds: [],
      figures: { anomalyScore: state.anomalyScore, level: state.level },
    };
  }
  return null;
}

/** A stored post as post rules see it. */
export interface PostFacts {
  id: string;
  text: string;
  /** `platform:handle`. */
  author: string;
  priority: number;
  /** Categories the risk engine flagged. */
  flags: readonly string[];
}

/** A priority rule on one post, for one of its topics (or none). */
export function evaluatePriorityRule(
  rule: RuleRef,
  topic: TopicRef | null,
  post: PostFacts,
): AlertCandidate | null {
  const { condition } = rule;
  if (condition.kind !== "priority_post" || post.priority < condition.minPriority) return null;
  const where = topic
    ? { de: ` bei ${quoted(topic.name, "de")}`, en: ` on ${quoted(topic.name, "en")}` }
    : null;
  const text = excerpt(post.text);
  const flags = post.flags.filter((f): f is RiskCategory => f in categoryNames);
  const flagList = (lang: "de" | "en") => flags.map((f) => categoryNames[f][lang]).join(", ");
  return {
    ruleId: rule.id,
    topicId: topic?.id ?? null,
    trigger: "priority_post",
    severity: rule.severity,
    dedupKey: `${rule.id}:${topic?.id ?? "-"}:priority`,
    rank: 0,
    fresh: true,
    title: {
      de: `Beitrag mit Priorität ${decimal(post.priority, "de")}${where?.de ?? ""}`,
      en: `Post with priority ${decimal(post.priority, "en")}${where?.en ?? ""}`,
    },
    explanation: {
      de: `${post.author}: ${quoted(text, "de")}${flags.length > 0 ? ` — erkannt: ${flagList("de")}` : ""}`,
      en: `${post.author}: ${quoted(text, "en")}${flags.length > 0 ? ` — flagged: ${flagList("en")}` : ""}`,
    },
    postIds: [post.id],
    figures: { priority: post.priority },
  };
}

/**
 * A takeover rule on a post of one of the organisation's official accounts: `official` names its registry
 * entry ("@nordwind_hilfe", "@nordwindmobil (x)"), null for anyone else. It fires when the post is flagged
 * for something an organisation never posts (docs/ACCOUNTS.md). One cause per registry entry, so a
 * hijacker's series of posts, on any of the platforms the entry covers, folds into one alert within the
 * cooldown.
 */
export function evaluateTakeoverRule(
  rule: RuleRef,
  post: PostFacts,
  official: string | null,
): AlertCandidate | null {
  if (rule.condition.kind !== "account_takeover" || official === null) return null;
  const flags = takeoverFlags(post.flags);
  if (flags.length === 0) return null;
  const flagList = (lang: "de" | "en") => flags.map((f) => categoryNames[f][lang]).join(", ");
  const text = excerpt(post.text);
  return {
    ruleId: rule.id,
    topicId: null,
    trigger: "account_takeover",
    severity: rule.severity,
    dedupKey: `${rule.id}:account:${official}`,
    rank: 0,
    fresh: true,
    title: {
      de: `Offizielles Konto ${official} möglicherweise gehackt`,
      en: `Official account ${official} may be hacked`,
    },
    explanation: {
      de: `${post.author} hat veröffentlicht: ${quoted(text, "de")} — erkannt: ${flagList("de")}. Wenn das niemand aus dem Team war: auf der Seite „Konten“ die Sperrung starten.`,
      en: `${post.author} posted: ${quoted(text, "en")} — flagged: ${flagList("en")}. If nobody on the team wrote it: start the lockdown on the Accounts page.`,
    },
    postIds: [post.id],
    figures: { flags: flags.join(",") },
  };
}

/**
 * A count rule on a topic after a post flagged with its category arrived: `count` posts so flagged in the
 * last `windowMinutes`, `recentPostIds` the newest of them.
 */
export function evaluateRiskCountRule(
  rule: RuleRef,
  topic: TopicRef,
  count: number,
  recentPostIds: readonly string[],
): AlertCandidate | null {
  const { condition } = rule;
  if (condition.kind !== "risk_count" || count < condition.count) return null;
  const name = categoryNames[condition.category];
  return {
    ruleId: rule.id,
    topicId: topic.id,
    trigger: "risk_count",
    severity: rule.severity,
    dedupKey: `${rule.id}:${topic.id}:risk:${condition.category}`,
    rank: 0,
    fresh: true,
    title: {
      de: `${count} Beiträge „${name.de}“ in ${condition.windowMinutes} Minuten bei ${quoted(topic.name, "de")}`,
      en: `${count} “${name.en}” posts in ${condition.windowMinutes} minutes on ${quoted(topic.name, "en")}`,
    },
    explanation: {
      de: `Die Regel meldet ab ${condition.count} Beiträgen mit dem Merkmal „${name.de}“ innerhalb von ${condition.windowMinutes} Minuten; jetzt sind es ${count}.`,
      en: `The rule fires from ${condition.count} posts flagged “${name.en}” within ${condition.windowMinutes} minutes; there are ${count} now.`,
    },
    postIds: [...recentPostIds],
    figures: { count, threshold: condition.count, windowMinutes: condition.windowMinutes },
  };
}

/** The last alert of the same cause, as deduplication needs it. */
export interface PreviousAlert {
  state: "open" | "acknowledged" | "resolved";
  rank: number;
  lastSeenMs: number;
  /** When it was last changed (for a resolved alert: when it was resolved). */
  updatedMs: number;
}

/**
 * Whether a candidate becomes a new alert or folds into the previous one of the same cause: it folds while
 * the cause was last seen less than `cooldownMinutes` ago — unless it escalated (higher rank) — and a
 * resolved alert keeps the same cause quiet for the cooldown after it was resolved.
 */
export function raiseOrFold(
  candidate: Pick<AlertCandidate, "rank">,
  previous: PreviousAlert | undefined,
  nowMs: number,
  cooldownMinutes: number,
): "raise" | "fold" {
  // Without a cooldown nothing folds: also not when the previous alert was seen "after now", as it is when
  // another process raised it between this raise reading the clock and reading the previous alert.
  if (previous === undefined || cooldownMinutes <= 0) return "raise";
  const cooldownMs = cooldownMinutes * 60_000;
  if (candidate.rank > previous.rank) return "raise";
  if (previous.state === "resolved") return nowMs - previous.updatedMs < cooldownMs ? "fold" : "raise";
  return nowMs - previous.lastSeenMs < cooldownMs ? "fold" : "raise";
}

/** Post ids after a fold: the new ones first, no repeats, at most `max`. */
export function mergePostIds(newer: readonly string[], older: readonly string[], max = 50): string[] {
  return [...new Set([...newer, ...older])].slice(0, max);
}
