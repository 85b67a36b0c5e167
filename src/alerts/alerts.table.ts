import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";
import { topics } from "../topics/topics.table.ts";

/** Alerts raised by the escalation engine; `dedupKey` folds repeats of the same cause. */
export const alerts = pgTable(
  "alerts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    topicId: text("topic_id").references(() => topics.id, { onDelete: "set null" }),
    /** What raised it, e.g. `level_reached`, `anomaly`, `risk_count`, `priority_post`. */
    trigger: text("trigger").notNull(),
    /** `open`, `acknowledged`, `resolved`. */
    state: text("state").notNull(),
    severity: text("severity").notNull(),
    title: text("title").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    dedupKey: text("dedup_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("alerts_org_created_idx").on(t.orgId, t.createdAt.desc())],
);
