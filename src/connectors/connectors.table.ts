import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { organisations } from "../orgs/orgs.table.ts";
import { sources } from "../sources/sources.table.ts";

/** A connector instance: its source, settings, sealed secrets, cursor and health. */
export const connectors = pgTable(
  "connectors",
  {
    /** The id of its source row (kind and name live there). */
    id: text("id")
      .primaryKey()
      .references(() => sources.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    enabled: boolean("enabled").notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    /** The secrets as one JSON object sealed with AES-256-GCM (src/platform/crypto/secrets.ts). */
    secretsSealed: text("secrets_sealed"),
    cursor: jsonb("cursor"),
    /** `new`, `ok`, `live` (a live connection is open), `rate_limited`, `transient`, `auth`, `config`. */
    state: text("state").notNull(),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
    consecutiveErrors: integer("consecutive_errors").notNull().default(0),
    postsTotal: integer("posts_total").notNull().default(0),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull(),
    /** A runner holds the connector until then; another may take it over after. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("connectors_org_idx").on(t.orgId), index("connectors_due_idx").on(t.enabled, t.nextRunAt)],
);
