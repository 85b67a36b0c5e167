import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";
import { topics } from "../topics/topics.table.ts";

/** What raises alerts: one condition on one topic (or every topic), with cooldown and channels. */
export const alertRules = pgTable(
  "alert_rules",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Null: every topic of the organisation. */
    topicId: text("topic_id").references(() => topics.id, { onDelete: "cascade" }),
    /** The AlertCondition (kind and its thresholds). */
    condition: jsonb("condition").$type<Record<string, unknown>>().notNull(),
    severity: text("severity").notNull(),
    cooldownMinutes: integer("cooldown_minutes").notNull(),
    channelIds: jsonb("channel_ids").$type<string[]>().notNull().default([]),
    enabled: boolean("enabled").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("alert_rules_org_idx").on(t.orgId)],
);

/** Where alerts are delivered besides the app; `config` holds recipients, URLs and secrets. */
export const alertChannels = pgTable(
  "alert_channels",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    enabled: boolean("enabled").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("alert_channels_org_idx").on(t.orgId)],
);

/** Alerts raised by the rules; `dedupKey` folds repeats of the same cause within the rule's cooldown. */
export const alerts = pgTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    topicId: text("topic_id").references(() => topics.id, { onDelete: "set null" }),
    ruleId: text("rule_id").references(() => alertRules.id, { onDelete: "set null" }),
    /** What raised it: `level_reached`, `anomaly`, `risk_count`, `priority_post`. */
    trigger: text("trigger").notNull(),
    /** `open`, `acknowledged`, `resolved`. */
    state: text("state").notNull(),
    severity: text("severity").notNull(),
    /** The English title (the German one is in `detail`), for logs and search. */
    title: text("title").notNull(),
    /** `{ title: {de, en}, explanation: {de, en} }` and the figures behind them. */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    postIds: jsonb("post_ids").$type<string[]>().notNull().default([]),
    dedupKey: text("dedup_key").notNull(),
    occurrences: integer("occurrences").notNull().default(1),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: text("acknowledged_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("alerts_org_created_idx").on(t.orgId, t.createdAt.desc().nullsFirst()),
    index("alerts_org_dedup_idx").on(t.orgId, t.dedupKey, t.createdAt.desc().nullsFirst()),
    // Which alerts name a post (a redelivered post must not raise again): a few look-ups, not a scan.
    index("alerts_post_ids_idx").using("gin", sql`${t.postIds} jsonb_path_ops`),
  ],
);

/** The outbox: one row per alert and channel, worked off by the dispatcher with retries and backoff. */
export const alertDeliveries = pgTable(
  "alert_deliveries",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    alertId: text("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    channelId: text("channel_id").references(() => alertChannels.id, { onDelete: "set null" }),
    /** The channel's name and kind when the delivery was queued, shown even after the channel is deleted. */
    channelName: text("channel_name").notNull(),
    kind: text("kind").notNull(),
    /** `pending`, `sent`, `failed`. */
    state: text("state").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** A dispatcher holds the row until then; another may take it over after. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("alert_deliveries_due_idx").on(t.state, t.nextAttemptAt),
    index("alert_deliveries_alert_idx").on(t.alertId),
  ],
);
