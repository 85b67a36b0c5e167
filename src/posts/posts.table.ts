import { sql } from "drizzle-orm";
import {
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { authors } from "../authors/authors.table.ts";
import { organisations } from "../orgs/orgs.table.ts";
import { sources } from "../sources/sources.table.ts";
import { topics } from "../topics/topics.table.ts";
import type { PostMetrics } from "./posts.schema.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Posts; (org, platform, external id) is unique, which makes ingest idempotent. */
export const posts = pgTable(
  "posts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    sourceId: text("source_id").references(() => sources.id, { onDelete: "set null" }),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => authors.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    lang: text("lang").notNull(),
    url: text("url"),
    inReplyTo: text("in_reply_to"),
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull(),
    /** When the author deleted the post (a training branch, later connectors); it stays as a record. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** When the author last edited the post, as the platform reports it; null while it was never edited. */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    ingestedAt: timestamp("ingested_at", { withTimezone: true }).notNull(),
    metrics: jsonb("metrics").$type<PostMetrics>().notNull().default({}),
    raw: jsonb("raw"),
    // Stemmed with the post's own language so "Kündigungen" finds "kündigen"; `simple` for the rest.
    search: tsvector("search").generatedAlwaysAs(
      sql`to_tsvector(CASE lang WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, text)`,
    ),
  },
  (t) => [
    uniqueIndex("posts_org_platform_external_idx").on(t.orgId, t.platform, t.externalId),
    index("posts_org_posted_idx").on(t.orgId, t.postedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("posts_search_idx").using("gin", t.search),
    // Replies of a thread (the inbox files them into their conversation).
    index("posts_org_reply_idx").on(t.orgId, t.platform, t.inReplyTo).where(sql`${t.inReplyTo} is not null`),
  ],
);

/**
 * Deletions a platform reported before their post was stored (a live connection is faster than the
 * pipeline): the pipeline's store step applies them when the post arrives. Kept a day; one per post.
 */
export const postDeletions = pgTable(
  "post_deletions",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.platform, t.externalId] })],
);

/**
 * Earlier versions of a post's text: an edit moves the text it replaces here, so nothing an author wrote is
 * lost (posts are evidence). One row per version, keyed by when that version was written.
 */
export const postRevisions = pgTable(
  "post_revisions",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    lang: text("lang").notNull(),
    /** When this version was written: the post's time for the first version, the edit's time for later ones. */
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull(),
    /** The platform's payload of this version, if it was kept. */
    raw: jsonb("raw"),
    /** When Brandwache stored this version as a revision. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("post_revisions_post_written_idx").on(t.postId, t.writtenAt)],
);

/** Which tracked topics a post matched when it was assessed. */
export const postTopics = pgTable(
  "post_topics",
  {
    orgId: text("org_id").notNull(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    topicId: text("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.topicId] }),
    index("post_topics_topic_idx").on(t.orgId, t.topicId),
  ],
);

/** The risk engine's verdict on a post: one row per post and engine version. */
export const assessments = pgTable(
  "assessments",
  {
    orgId: text("org_id").notNull(),
    postId: text("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    engine: text("engine").notNull(),
    lang: text("lang").notNull(),
    /** Priority 0..1: what a team should look at first. */
    priority: real("priority").notNull().default(0),
    /** Per-category results `{ score, flagged, spans }`, keyed by category. */
    categories: jsonb("categories").$type<Record<string, unknown>>().notNull().default({}),
    /** The flagged categories, for fast filtering ("show me everything toxic"). */
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    assessedAt: timestamp("assessed_at", { withTimezone: true }).notNull(),
    /** The post's `posted_at`, copied so that "most important first" is one index read (priority, time, id). */
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.engine] }),
    index("assessments_flags_idx").using("gin", t.flags),
    index("assessments_priority_idx").on(
      t.orgId,
      t.engine,
      t.priority.desc().nullsFirst(),
      t.postedAt.desc().nullsFirst(),
      t.postId.desc().nullsFirst(),
    ),
    // The inbox sync reads what was assessed since its cursor, in this order, batch after batch.
    index("assessments_org_assessed_idx").on(t.orgId, t.engine, t.assessedAt, t.postId),
  ],
);
