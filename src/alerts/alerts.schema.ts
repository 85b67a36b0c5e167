import { z } from "zod";
import { riskCategories } from "../core/risk/risk.types.ts";
import { isKnownTimeZone } from "../core/sla/calendar.ts";

const name = z.string().trim().min(1).max(200);
const Bilingual = z.object({ de: z.string(), en: z.string() });

/** How urgent an alert is; the rule decides. */
export const AlertSeverity = z.enum(["info", "warning", "critical"]);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

/** Where an alert stands: open until someone acknowledges it, resolved when dealt with. */
export const AlertState = z.enum(["open", "acknowledged", "resolved"]);
export type AlertState = z.infer<typeof AlertState>;

/** What makes a rule fire. */
export const AlertCondition = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("level_reached"),
      /** The escalation level (0-6, docs/ESCALATION.md) from which the rule fires. */
      minLevel: z.number().int().min(1).max(6),
    })
    .strict(),
  z
    .object({
      kind: z.literal("anomaly"),
      /** The anomaly score of the per-minute volume (0..1) from which the rule fires. */
      minScore: z.number().min(0.5).max(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal("risk_count"),
      /** The risk category counted (docs/RISK-ENGINE.md). */
      category: z.enum(riskCategories),
      /** Posts flagged with it … */
      count: z.number().int().min(1).max(100_000),
      /** … within this many minutes. */
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    })
    .strict(),
  z
    .object({
      kind: z.literal("priority_post"),
      /** A single post whose priority (0..1) reaches this fires the rule. */
      minPriority: z.number().min(0).max(1),
    })
    .strict(),
  z
    .object({
      /**
       * An official account (the risk profile's registry) posted what an organisation never posts —
       * insults, hate, threats, scams, malicious links, secrets, code names: it may be hacked (docs/ACCOUNTS.md).
       */
      kind: z.literal("account_takeover"),
    })
    .strict(),
  z
    .object({
      /** A conversation of the inbox missed its first-response or resolution target (docs/INBOX.md). */
      kind: z.literal("sla_breach"),
    })
    .strict(),
  z
    .object({
      /** A legal or internal deadline of an incident is running out (docs/INCIDENTS.md). */
      kind: z.literal("deadline_due"),
    })
    .strict(),
  z
    .object({
      /** The situation report of the day or week before, sent at a set hour (docs/REPORTS.md); every topic. */
      kind: z.literal("report_digest"),
      frequency: z.enum(["daily", "weekly"]),
      /** Weekly: the day it is sent, 1 = Monday … 7 = Sunday (daily reports ignore it). */
      weekday: z.number().int().min(1).max(7).default(1),
      /** The hour it is sent, 0–23, in `timeZone`. */
      hour: z.number().int().min(0).max(23),
      /** The IANA time zone of the hour and of the days. */
      timeZone: z
        .string()
        .max(100)
        .refine(isKnownTimeZone, "an IANA time zone like Europe/Berlin")
        .default("Europe/Berlin"),
    })
    .strict(),
]);
export type AlertCondition = z.infer<typeof AlertCondition>;
export type AlertTrigger = AlertCondition["kind"];
/** Every kind of condition, in the order the form offers them. */
export const alertTriggers = AlertCondition.options.map((o) => o.shape.kind.value) as [
  AlertTrigger,
  ...AlertTrigger[],
];

/** A new alert rule. */
export const AlertRuleCreate = z
  .object({
    name,
    /** The topic watched; null or absent: every topic. */
    topicId: z.string().min(1).max(100).nullable().optional(),
    condition: AlertCondition,
    severity: AlertSeverity.default("warning"),
    /** A repeat of the same cause within this time folds into the open alert instead of raising a new one. */
    cooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(30),
    /** Channels it is delivered to besides the app. */
    channelIds: z.array(z.string().min(1).max(100)).max(20).default([]),
    enabled: z.boolean().default(true),
  })
  .strict();
export type AlertRuleCreate = z.infer<typeof AlertRuleCreate>;

/** Changes to a rule. */
export const AlertRuleUpdate = z
  .object({
    name: name.optional(),
    topicId: z.string().min(1).max(100).nullable().optional(),
    condition: AlertCondition.optional(),
    severity: AlertSeverity.optional(),
    cooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .optional(),
    channelIds: z.array(z.string().min(1).max(100)).max(20).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type AlertRuleUpdate = z.infer<typeof AlertRuleUpdate>;

/** A rule as the API returns it. */
export const AlertRuleRead = z.object({
  id: z.string(),
  name: z.string(),
  topicId: z.string().nullable(),
  condition: AlertCondition,
  severity: AlertSeverity,
  cooldownMinutes: z.number().int(),
  channelIds: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRuleRead = z.infer<typeof AlertRuleRead>;
export const AlertRuleList = z.object({ items: z.array(AlertRuleRead) });

/** Where alerts go besides the app; secrets are write-only. */
export const AlertChannelConfig = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("email"),
      /** Recipients; sent through the SMTP server of BRANDWACHE_SMTP_URL. */
      to: z.array(z.email().max(320)).min(1).max(50),
    })
    .strict(),
  z
    .object({
      kind: z.literal("slack"),
      /** A Slack incoming-webhook URL (https://hooks.slack.com/services/…). */
      url: z.url({ protocol: /^https?$/ }).max(2000),
    })
    .strict(),
  z
    .object({
      kind: z.literal("teams"),
      /** A Microsoft Teams workflow ("When a Teams webhook request is received") URL. */
      url: z.url({ protocol: /^https?$/ }).max(2000),
    })
    .strict(),
  z
    .object({
      kind: z.literal("webhook"),
      /** Any HTTP endpoint; receives JSON signed with HMAC-SHA256 (docs/ALERTS.md). */
      url: z.url({ protocol: /^https?$/ }).max(2000),
      /** The shared signing secret, at least 16 characters; never returned. */
      secret: z.string().min(16).max(500),
    })
    .strict(),
]);
export type AlertChannelConfig = z.infer<typeof AlertChannelConfig>;
export type AlertChannelKind = AlertChannelConfig["kind"];

/** A new delivery channel. */
export const AlertChannelCreate = z
  .object({ name, config: AlertChannelConfig, enabled: z.boolean().default(true) })
  .strict();
export type AlertChannelCreate = z.infer<typeof AlertChannelCreate>;

/** Changes to a channel; a new `config` replaces the old one whole (secret included). */
export const AlertChannelUpdate = z
  .object({ name: name.optional(), config: AlertChannelConfig.optional(), enabled: z.boolean().optional() })
  .strict();
export type AlertChannelUpdate = z.infer<typeof AlertChannelUpdate>;

/** A channel as the API returns it: the target without secrets. */
export const AlertChannelRead = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["email", "slack", "teams", "webhook"]),
  /** Recipients (email) or the URL's host (slack, teams, webhook); never a secret or a webhook's path. */
  target: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertChannelRead = z.infer<typeof AlertChannelRead>;
export const AlertChannelList = z.object({ items: z.array(AlertChannelRead) });

/** State of one delivery of one alert to one channel. */
export const DeliveryState = z.enum(["pending", "sent", "failed"]);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** One delivery as the API returns it: failed ones stay visible with their error. */
export const AlertDeliveryRead = z.object({
  id: z.string(),
  channelId: z.string().nullable(),
  channelName: z.string(),
  kind: z.enum(["email", "slack", "teams", "webhook"]),
  state: DeliveryState,
  attempts: z.number().int(),
  /** The last failure, e.g. "HTTP 500 from hooks.example.com" or "SMTP 550 mailbox unavailable". */
  lastError: z.string().nullable(),
  /** When the next try is due (pending only). */
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type AlertDeliveryRead = z.infer<typeof AlertDeliveryRead>;

/** An alert as the API returns it. */
export const AlertRead = z.object({
  id: z.string(),
  topicId: z.string().nullable(),
  ruleId: z.string().nullable(),
  /** The kind of rule that raised it (every kind of `AlertCondition`). */
  trigger: z.enum(alertTriggers),
  state: AlertState,
  severity: AlertSeverity,
  title: Bilingual,
  /** Why it fired, with the figures ("Stufe 4: 7,3× normales Volumen, …"). */
  explanation: Bilingual,
  /** Posts that caused it, newest first (at most 50). */
  postIds: z.array(z.string()),
  /** Where its cause is in the app: `/inbox/<id>`, `/incidents/<id>`, `/reports?from=…&to=…`; null for none. */
  link: z.string().nullable(),
  /** How often the same cause came back within the cooldown and was folded into this alert. */
  occurrences: z.number().int(),
  createdAt: z.string(),
  /** The last time the cause was seen. */
  lastSeenAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  /** Who acknowledged it (`user:…` or `token:…`). */
  acknowledgedBy: z.string().nullable(),
  deliveries: z.array(AlertDeliveryRead),
});
export type AlertRead = z.infer<typeof AlertRead>;

/** Filters of the alert list. */
export const AlertListQuery = z.object({
  state: AlertState.optional(),
  topicId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Alerts created before this alert (its id), for the next page. */
  before: z.string().min(1).max(100).optional(),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;

export const AlertList = z.object({
  items: z.array(AlertRead),
  /** Open alerts in total, for the badge in the navigation. */
  openCount: z.number().int(),
});

/** Acknowledge or resolve an alert (or reopen it). */
export const AlertUpdate = z.object({ state: AlertState }).strict();
export type AlertUpdate = z.infer<typeof AlertUpdate>;

/** The result of sending a test message to a channel. */
export const ChannelTestResult = z.object({
  ok: z.boolean(),
  /** The failure as the receiver answered it. */
  error: z.string().nullable(),
});
