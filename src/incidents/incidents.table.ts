import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations, users } from "../orgs/orgs.table.ts";

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
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("incidents_org_idx").on(t.orgId, t.createdAt.desc())],
);
