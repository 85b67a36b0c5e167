import { bigint, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";

/** A scenario being played into an organisation (the demo stream, later training exercises). */
export const scenarioRuns = pgTable(
  "scenario_runs",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id").notNull(),
    /** `playing` or `stopped`; a playing run resumes after a restart. */
    status: text("status").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    /** Scenario time (ms) up to which every post has been delivered; a restart resumes from here. */
    deliveredMs: bigint("delivered_ms", { mode: "number" }).notNull().default(0),
  },
  (t) => [uniqueIndex("scenario_runs_org_scenario_idx").on(t.orgId, t.scenarioId)],
);
