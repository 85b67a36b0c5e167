import { index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";
import type { RiskProfile } from "./risk.schema.ts";

/** Each organisation's risk profile: brand names, domains, official accounts, executives, watchlist. */
export const riskProfiles = pgTable("risk_profiles", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  profile: jsonb("profile").$type<RiskProfile>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Known-bad hosts imported from URLhaus/PhishTank-style lists, per organisation and list name. */
export const blockedHosts = pgTable(
  "blocked_hosts",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
    list: text("list").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.host] }), index("blocked_hosts_list_idx").on(t.orgId, t.list)],
);
