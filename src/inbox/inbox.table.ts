import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { ServiceCalendar } from "../core/sla/calendar.ts";
import type { ServiceTargets } from "../core/sla/targets.ts";
import { organisations, users } from "../orgs/orgs.table.ts";
import { posts } from "../posts/posts.table.ts";

/** Each organisation's inbox settings, its next ticket number and where the inbox sync has read up to. */
export const inboxSettings = pgTable("inbox_settings", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** Posts at or above this priority (0..1) need attention even without another reason. */
  attentionThreshold: real("attention_threshold").notNull(),
  calendar: jsonb("calendar").$type<ServiceCalendar>().notNull(),
  targets: jsonb("targets").$type<ServiceTargets>().notNull(),
  /** The ticket number the next conversation gets (shown as #1001). */
  nextTicket: integer("next_ticket").notNull(),
  /** Whether the default saved replies were written once (deleting them must not bring them back). */
  savedRepliesSeeded: boolean("saved_replies_seeded").notNull().default(false),
  /** The sync cursor: the last assessment read, by (assessedAt, postId). */
  cursorAssessedAt: timestamp("cursor_assessed_at", { withTimezone: true }),
  cursorPostId: text("cursor_post_id"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** A thread that needs an answer: the posts around a root post, with status, assignee and service levels. */
export const conversations = pgTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    ticket: integer("ticket").notNull(),
    platform: text("platform").notNull(),
    /** External id of the thread's root among the stored posts: the conversation's key with the platform. */
    rootExternalId: text("root_external_id").notNull(),
    rootPostId: text("root_post_id").references(() => posts.id, { onDelete: "set null" }),
    /** The first characters of the post that opened it, as text. */
    subject: text("subject").notNull(),
    lang: text("lang").notNull(),
    /** The highest priority of its posts. */
    priority: real("priority").notNull(),
    /** `new`, `open`, `waiting`, `done`. */
    status: text("status").notNull(),
    assigneeUserId: text("assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    assigneeTeamId: text("assignee_team_id").references(() => inboxTeams.id, { onDelete: "set null" }),
    firstPostAt: timestamp("first_post_at", { withTimezone: true }).notNull(),
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }).notNull(),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }).notNull(),
    firstRespondedAt: timestamp("first_responded_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    firstResponseBreachedAt: timestamp("first_response_breached_at", { withTimezone: true }),
    resolutionBreachedAt: timestamp("resolution_breached_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("conversations_org_thread_idx").on(t.orgId, t.platform, t.rootExternalId),
    uniqueIndex("conversations_org_ticket_idx").on(t.orgId, t.ticket),
    index("conversations_org_activity_idx").on(t.orgId, t.lastActivityAt.desc().nullsFirst()),
    index("conversations_due_idx").on(t.status, t.firstResponseDueAt),
  ],
);

/** The posts of a conversation; a post is in at most one (the primary key). */
export const conversationPosts = pgTable(
  "conversation_posts",
  {
    postId: text("post_id")
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    orgId: text("org_id").notNull(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("conversation_posts_conversation_idx").on(t.conversationId)],
);

/** Internal notes on a conversation; `mentions` are the user ids its @mentions resolved to. */
export const conversationNotes = pgTable(
  "conversation_notes",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** `user:…` or `token:…`, as the audit log names the author. */
    author: text("author").notNull(),
    text: text("text").notNull(),
    mentions: text("mentions").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("conversation_notes_conversation_idx").on(t.conversationId, t.createdAt),
    index("conversation_notes_mentions_idx").using("gin", t.mentions),
  ],
);

/** Who is writing an answer to a conversation right now; a row counts until `expiresAt` (any process). */
export const conversationPresence = pgTable(
  "conversation_presence",
  {
    orgId: text("org_id").notNull(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    index("conversation_presence_expiry_idx").on(t.expiresAt),
  ],
);

/** Teams conversations can be assigned to. */
export const inboxTeams = pgTable(
  "inbox_teams",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    memberIds: jsonb("member_ids").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("inbox_teams_org_name_idx").on(t.orgId, t.name)],
);

/** Saved replies per organisation, in German or English, with variables in braces. */
export const savedReplies = pgTable(
  "saved_replies",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    lang: text("lang").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("saved_replies_org_idx").on(t.orgId, t.title)],
);
