import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { organisations, users } from "../orgs/orgs.table.ts";
import { posts } from "../posts/posts.table.ts";
import { topics } from "../topics/topics.table.ts";

/** Incidents: a crisis the team works on together. */
export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    severity: text("severity").notNull(),
    status: text("status").notNull(),
    description: text("description"),
    /** The topic the incident watches (its escalation level goes on the timeline); null when opened by hand. */
    topicId: text("topic_id").references(() => topics.id, { onDelete: "set null" }),
    /** What it was opened from: `alert`, `post`, `conversation` or `manual`, and that object's id. */
    sourceKind: text("source_kind").notNull().default("manual"),
    sourceId: text("source_id"),
    /** The language its review and generated texts are written in (`de`, `en`). */
    lang: text("lang").notNull().default("de"),
    /** The topic's escalation level last written on the timeline. */
    lastLevel: integer("last_level"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The post-incident review (Markdown), drafted on close and edited by people. */
    review: text("review"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("incidents_org_idx").on(t.orgId, t.createdAt.desc().nullsFirst())],
);

/** Per-organisation incident settings (NIS2 scope decides whether NIS2 clocks run). */
export const incidentSettings = pgTable("incident_settings", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  nis2InScope: boolean("nis2_in_scope").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Who holds which incident role (lead, communications, legal, IT security, management). */
export const incidentRoles = pgTable(
  "incident_roles",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.role] })],
);

/** Posts attached to an incident. */
export const incidentPosts = pgTable(
  "incident_posts",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    attachedAt: timestamp("attached_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.postId] }), index("incident_posts_post_idx").on(t.postId)],
);

/** Inbox conversations an incident was opened from or linked to (their replies go on its timeline). */
export const incidentConversations = pgTable(
  "incident_conversations",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    conversationId: text("conversation_id").notNull(),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.conversationId] }),
    index("incident_conversations_conv_idx").on(t.orgId, t.conversationId),
  ],
);

/** The incident timeline: written by the system (alerts, level changes, replies, evidence) and by people (notes). */
export const incidentEvents = pgTable(
  "incident_events",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** `user:<id>`, `token:<id>` or `system`. */
    actor: text("actor").notNull(),
    title: jsonb("title").$type<{ de: string; en: string }>().notNull(),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Insertion order, which breaks ties between entries of the same instant. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
  },
  (t) => [
    index("incident_events_incident_idx").on(t.incidentId, t.at, t.seq),
    index("incident_events_entity_idx").on(t.incidentId, t.kind, t.entityId),
  ],
);

/** A checklist item of a task. */
export interface ChecklistItem {
  text: { de: string; en: string };
  done: boolean;
}

/** Tasks of an incident, by hand or from a playbook step. */
export const incidentTasks = pgTable(
  "incident_tasks",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<{ de: string; en: string }>().notNull(),
    description: jsonb("description").$type<{ de: string; en: string }>(),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    role: text("role"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    checklist: jsonb("checklist").$type<ChecklistItem[]>().notNull().default([]),
    /** Reply templates of the playbook step, to copy into the composer. */
    replyTemplates: jsonb("reply_templates").$type<{ de: string; en: string }[]>().notNull().default([]),
    /** Evidence hint of the playbook step. */
    evidenceHint: jsonb("evidence_hint").$type<{ de: string; en: string }>(),
    status: text("status").notNull(),
    playbookRunId: text("playbook_run_id"),
    stepIndex: integer("step_index"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("incident_tasks_incident_idx").on(t.incidentId),
    index("incident_tasks_org_idx").on(t.orgId, t.status),
  ],
);

/** Legal clocks (Fristen) of an incident; `remindersSent` holds the thresholds already alerted. */
export const incidentClocks = pgTable(
  "incident_clocks",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** Knowledge or awareness time the period runs from. */
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** `running`, `met`, `expired`. */
    status: text("status").notNull(),
    remindersSent: jsonb("reminders_sent").$type<string[]>().notNull().default([]),
    metAt: timestamp("met_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("incident_clocks_kind_idx").on(t.incidentId, t.kind),
    index("incident_clocks_running_idx").on(t.status, t.dueAt),
  ],
);

/** Notices to platforms under DSA Art. 16, with what the platform answered and what followed. */
export const dsaNotices = pgTable(
  "dsa_notices",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    urls: jsonb("urls").$type<string[]>().notNull(),
    reasons: text("reasons").notNull(),
    law: text("law").notNull(),
    notifierName: text("notifier_name").notNull(),
    notifierEmail: text("notifier_email").notNull(),
    goodFaith: boolean("good_faith").notNull(),
    /** `draft`, `submitted`, `confirmed`, `decided`, `redress`. */
    state: text("state").notNull(),
    /** Dates, references, the decision and redress as the notice moved on. */
    progress: jsonb("progress").$type<Record<string, unknown>>().notNull().default({}),
    /** Art. 22: the trusted flagger the case was handed to, and when. */
    trustedFlagger: jsonb("trusted_flagger").$type<{ name: string; handedAt: string } | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("dsa_notices_incident_idx").on(t.incidentId)],
);
