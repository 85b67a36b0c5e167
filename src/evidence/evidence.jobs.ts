import { recordAudit } from "../audit/audit.service.ts";
import type { AppContext } from "../platform/context.ts";
import { type BackgroundJob, every } from "../platform/jobs.ts";
import { categoryLogger } from "../platform/logger.ts";
import * as repo from "./evidence.repo.ts";

const dayMs = 24 * 3_600_000;
const sweepIntervalMs = 3_600_000;

/**
 * One retention sweep: removes each organisation's items older than its retention days, except items
 * on legal hold and items of an incident that is not closed; each removal is audited as the system.
 * Returns the ids removed per organisation.
 */
export async function runEvidenceRetention(ctx: AppContext): Promise<Map<string, string[]>> {
  const removed = new Map<string, string[]>();
  for (const { orgId, retentionDays } of await repo.listRetentionSettings(ctx.db)) {
    if (retentionDays === null) continue;
    const before = new Date(ctx.clock.now().getTime() - retentionDays * dayMs);
    const ids = await ctx.db.transaction(async (tx) => {
      const deleted = await repo.deleteExpiredItems(tx, orgId, before);
      for (const id of deleted) {
        await recordAudit(
          tx,
          ctx,
          { orgId, system: true },
          {
            action: "evidence.expire",
            entityType: "evidence",
            entityId: id,
            detail: { retentionDays, capturedBefore: before.toISOString() },
          },
        );
      }
      return deleted;
    });
    if (ids.length > 0) removed.set(orgId, ids);
  }
  return removed;
}

/** Background work of evidence: the retention sweep, hourly. */
export function startEvidenceJobs(ctx: AppContext): BackgroundJob {
  const log = categoryLogger(ctx.log, "evidence");
  return every(
    sweepIntervalMs,
    async () => {
      const removed = await runEvidenceRetention(ctx);
      for (const [orgId, ids] of removed)
        log.info({ orgId, removed: ids.length }, "evidence retention sweep");
    },
    log,
    "evidence retention sweep",
  );
}
