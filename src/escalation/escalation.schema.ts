import { z } from "zod";

/** A topic's escalation as the API returns it. */
export const TopicEscalationRead = z.object({
  topicId: z.string(),
  /** 0 (no critical voices) … 6 (a storm that mainstream media report on); docs/ESCALATION.md. */
  level: z.number().int().min(0).max(6),
  /** Why, in German and in English ("Stufe 4: 7,3× normales Volumen, …"). */
  explanation: z.object({ de: z.string(), en: z.string() }),
  /** Since when the level holds (ISO 8601). */
  since: z.string(),
  /** The anomaly score of the per-minute volume, 0..1 (0.5 and up: unusual). */
  anomalyScore: z.number(),
  metrics: z.record(z.string(), z.number()),
  /** Posts per minute for the last hour, oldest first. */
  minutes: z.array(z.object({ t: z.string(), volume: z.number(), negative: z.number() })),
});
export type TopicEscalationRead = z.infer<typeof TopicEscalationRead>;

export const EscalationList = z.object({ items: z.array(TopicEscalationRead) });

/** Which timeline `GET /api/escalation/{topicId}` returns: minutes of the last 6 hours, quarters of 3 days, hours of 14 days. */
export const TimelineResolution = z.enum(["minute", "quarter", "hour"]);
export type TimelineResolution = z.infer<typeof TimelineResolution>;

export const EscalationDetailQuery = z.object({ resolution: TimelineResolution.default("minute") });

/** One step of a topic's timeline. */
export const TimelinePoint = z.object({
  /** Start of the bucket (ISO 8601). */
  t: z.string(),
  volume: z.number(),
  /** Critical posts (negative, toxic, complaint …). */
  negative: z.number(),
  /** The highest per-minute anomaly score in the bucket, 0..1; null where no score is kept (older than a day). */
  anomaly: z.number().nullable(),
});

/** New voices tied to one stakeholder group. */
export const NewVoicesGroupRead = z.object({
  group: z.string(),
  authors: z.number().int(),
  accounts: z.array(z.string()),
  examples: z.array(z.string()),
});

/** A surge of authors new to the topic ("they shoot up like mushrooms"). */
export const NewVoicesRead = z.object({
  surge: z.boolean(),
  /** First-time authors in the last hour … */
  firstTimeAuthors: z.number().int(),
  /** … against their normal number per hour. */
  baseline: z.number(),
  ratio: z.number(),
  groups: z.array(NewVoicesGroupRead),
  /** New authors without a link to a known stakeholder group. */
  unlinked: z.number().int(),
  /** The latest first-time authors (`platform:handle`), newest first. */
  recent: z.array(z.string()),
});

/** A group of accounts acting together, with its evidence. */
export const CampaignGroupRead = z.object({
  /** 0..1; flagged from 0.5. */
  score: z.number(),
  flagged: z.boolean(),
  signals: z.array(z.enum(["near_identical_text", "shared_link", "young_accounts", "synchronised_timing"])),
  /** Accounts (`platform:handle`) in order of their first post; at most 50. */
  members: z.array(z.string()),
  memberCount: z.number().int(),
  /** Ids of the group's posts, oldest first; at most 100. */
  postIds: z.array(z.string()),
  postCount: z.number().int(),
  exampleTexts: z.array(z.string()),
  sharedLink: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  /** Median account age in days (null when unknown) and how many members are younger than 30 days. */
  medianAccountAgeDays: z.number().nullable(),
  youngAccounts: z.number().int(),
  textSimilarity: z.number(),
  synchrony: z.number(),
  reshareShare: z.number(),
});
export type CampaignGroupRead = z.infer<typeof CampaignGroupRead>;

/** One topic's escalation with its timeline, new voices and coordinated groups. */
export const TopicEscalationDetail = TopicEscalationRead.extend({
  resolution: TimelineResolution,
  timeline: z.array(TimelinePoint),
  newVoices: NewVoicesRead,
  /** Coordinated groups of the last 3 hours, best first. */
  campaigns: z.array(CampaignGroupRead),
});
export type TopicEscalationDetail = z.infer<typeof TopicEscalationDetail>;
