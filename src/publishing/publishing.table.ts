import { boolean, index, integer, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { connectors } from "../connectors/connectors.table.ts";
import { organisations } from "../orgs/orgs.table.ts";
import { posts } from "../posts/posts.table.ts";

/**
 * Outgoing texts: a reply in an inbox conversation or a new post, from the first draft to the platform.
 * `version` counts edits; an approval holds for the version it was given for only.
 */
export const drafts = pgTable(
  "drafts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** `reply` or `post`. */
    kind: text("kind").notNull(),
    /** The inbox conversation a reply belongs to. */
    conversationId: text("conversation_id"),
    /** The post a reply answers. */
    inReplyToPostId: text("in_reply_to_post_id").references(() => posts.id, { onDelete: "set null" }),
    /** The connector (account) that sends it; null: sent by hand. */
    connectorId: text("connector_id").references(() => connectors.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    lang: text("lang").notNull(),
    /** `draft`, `pending_approval`, `approved`, `sending`, `sent`, `failed`, `rejected`. */
    state: text("state").notNull(),
    version: integer("version").notNull(),
    /** The pre-publication check of the current version (findings, score, verdicts). */
    check: jsonb("check").$type<Record<string, unknown>>().notNull(),
    /** `user:<id>` or `token:<id>` of whoever wrote it; the four-eyes rule compares these. */
    author: text("author").notNull(),
    authorUserId: text("author_user_id"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    approvedBy: text("approved_by"),
    approvedByUserId: text("approved_by_user_id"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvalComment: text("approval_comment"),
    /** The version the approval was given for (null: needs none or not given). */
    approvedVersion: integer("approved_version"),
    rejectedBy: text("rejected_by"),
    rejectedAt: timestamp("rejected_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
    /** No connector can publish it: a person copies and posts it, then marks it sent. */
    sendByHand: boolean("send_by_hand").notNull().default(false),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    sentBy: text("sent_by"),
    /** The platform's id and link of the sent post. */
    externalId: text("external_id"),
    externalUrl: text("external_url"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** `auth`, `rate_limited`, `transient`, `config`. */
    lastErrorKind: text("last_error_kind"),
    /** When a failed send may be tried again (the platform's Retry-After). */
    retryAfter: timestamp("retry_after", { withTimezone: true }),
    /** A sender holds the draft until then; a crashed send can be taken over after. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("drafts_org_state_idx").on(t.orgId, t.state, t.updatedAt.desc().nullsFirst()),
    index("drafts_org_conversation_idx").on(t.orgId, t.conversationId),
  ],
);

/** An organisation's publishing rules; absent until someone saves them (the defaults apply). */
export const publishingRules = pgTable("publishing_rules", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  blockedPhrases: jsonb("blocked_phrases").$type<string[]>().notNull(),
  legalApprovalPhrases: jsonb("legal_approval_phrases").$type<string[]>().notNull(),
  approvalThreshold: real("approval_threshold").notNull(),
  outsideHoursNeedsApproval: boolean("outside_hours_needs_approval").notNull(),
  everyDraftNeedsApproval: boolean("every_draft_needs_approval").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
