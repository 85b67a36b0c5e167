import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";

/** Tracked topics: a Boolean query that decides which posts belong to the topic. */
export const topics = pgTable(
  "topics",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    query: text("query").notNull(),
    description: text("description"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("topics_org_idx").on(t.orgId)],
);
