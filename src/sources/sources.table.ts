import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";

/** Where posts come from: a connector instance, a file import, the API or a scenario. */
export const sources = pgTable(
  "sources",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** `api`, `import`, `scenario`, or a connector name. */
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    /** Non-secret settings of the source (secrets are stored encrypted elsewhere). */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sources_org_idx").on(t.orgId)],
);
