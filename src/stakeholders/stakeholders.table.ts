import { integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";

/** The stakeholder map: known accounts, their group and whether they are friend or foe. */
export const stakeholderAccounts = pgTable(
  "stakeholder_accounts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    /** Without the leading @, lower-case. */
    handle: text("handle").notNull(),
    /** A StakeholderGroup: press, regulator, ex_employee, consumer_association, … */
    group: text("group").notNull(),
    /** `friend`, `neutral`, `foe` or `unknown`. */
    stance: text("stance").notNull(),
    /** 1 (little) … 5 (very influential), as the team judges it. */
    influence: integer("influence").notNull(),
    name: text("name"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("stakeholder_accounts_org_account_idx").on(t.orgId, t.platform, t.handle)],
);
