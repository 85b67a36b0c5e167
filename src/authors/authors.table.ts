import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";

/** People and accounts who write posts, one row per (organisation, platform, handle). */
export const authors = pgTable(
  "authors",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    handle: text("handle").notNull(),
    displayName: text("display_name"),
    followers: integer("followers"),
    accountCreatedAt: timestamp("account_created_at", { withTimezone: true }),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("authors_org_platform_handle_idx").on(t.orgId, t.platform, t.handle)],
);
