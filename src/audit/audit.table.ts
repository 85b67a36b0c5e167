import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Append-only record of every change: who did what to which object, when. */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    orgId: text("org_id").notNull(),
    /** `user:<id>`, `token:<id>` or `system`. */
    actor: text("actor").notNull(),
    /** Verb in the API's words, e.g. `topic.create`, `auth.login`. */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("audit_org_at_idx").on(t.orgId, t.at.desc())],
);
