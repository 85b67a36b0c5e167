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
