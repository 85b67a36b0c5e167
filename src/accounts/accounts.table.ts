import { date, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";

/**
 * What the team recorded about the security of each official account. The accounts themselves are the
 * registry of the risk profile; a row here is keyed like a registry entry (platform, handle).
 */
export const accountSecurity = pgTable(
  "account_security",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The registry entry's platform, lower-case; empty for an entry that covers every platform. */
    platform: text("platform").notNull(),
    /** Without the leading @, lower-case. */
    handle: text("handle").notNull(),
    owner: text("owner"),
    posters: text("posters").array().notNull(),
    /** A TwoFactorMethod: security_key, app, sms, none, unknown. */
    twoFactor: text("two_factor").notNull(),
    recoveryContact: text("recovery_contact"),
    recoveryVerifiedOn: date("recovery_verified_on"),
    accessReviewedOn: date("access_reviewed_on"),
    connectedApps: text("connected_apps").array().notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("account_security_org_account_idx").on(t.orgId, t.platform, t.handle)],
);
