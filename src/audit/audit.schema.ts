import { z } from "zod";

/** One entry of the audit log as the API returns it. */
export const AuditEntryRead = z.object({
  seq: z.number().int(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
  /** Lowercase hex SHA-256 linking the entry into the organisation's chain (docs/EVIDENCE.md); null until the backlog is sealed. */
  hash: z.string().nullable(),
});
export type AuditEntryRead = z.infer<typeof AuditEntryRead>;

/** Query string of `GET /api/audit`. */
export const AuditListQuery = z.object({
  /** Only entries with a `seq` below this (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditList = z.object({
  items: z.array(AuditEntryRead),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: z.number().int().nullable(),
});

/** The result of `GET /api/audit/verify`: the organisation's chain re-checked from its first entry. */
export const AuditVerifyRead = z.object({
  /** True when every entry's hash matches its content and the previous entry's hash. */
  ok: z.boolean(),
  /** Intact entries checked (before the broken one, when there is one). */
  entries: z.number().int(),
  /** The first broken entry; null when the chain is intact. */
  broken: z
    .object({
      seq: z.number().int(),
      /** Why the entry does not verify, e.g. that it was changed or an entry before it was removed. */
      reason: z.string(),
    })
    .nullable(),
});
export type AuditVerifyRead = z.infer<typeof AuditVerifyRead>;
