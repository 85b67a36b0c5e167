import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Append-only record of every change: who did what to which object, when. Each organisation's
 * entries form a hash chain (docs/EVIDENCE.md): `hash` covers the entry and the previous entry's hash.
 */
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
    /** Lowercase hex SHA-256 of the previous entry's hash and this entry's JCS; null only for entries
     * written before the chain existed, until `sealAuditBacklog` chains them at start-up. */
    hash: text("hash"),
  },
  (t) => [
    index("audit_org_at_idx").on(t.orgId, t.at.desc().nullsFirst()),
    // The chain is walked per organisation in seq order; recordAudit reads its newest entry.
    index("audit_org_seq_idx").on(t.orgId, t.seq),
    index("audit_unsealed_idx").on(t.orgId, t.seq).where(sql`${t.hash} is null`),
  ],
);
