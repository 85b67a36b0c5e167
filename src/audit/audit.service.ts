import type { Actor } from "../orgs/orgs.policy.ts";
import { actorLabel, canReadAudit } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { forbidden } from "../platform/http/errors.ts";
import { insertAuditEntry, listAuditEntries } from "./audit.repo.ts";
import type { AuditEntryRead } from "./audit.schema.ts";

/** What changed, in the API's words. */
export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes one audit entry inside the caller's transaction, so the change and its record commit together. */
export async function recordAudit(
  tx: Tx,
  ctx: Pick<AppContext, "clock">,
  actor: Actor | { orgId: string; system: true },
  event: AuditEvent,
): Promise<void> {
  await insertAuditEntry(tx, {
    orgId: actor.orgId,
    actor: "system" in actor ? "system" : actorLabel(actor),
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    detail: event.detail ?? {},
    at: ctx.clock.now(),
  });
}

/** A page of the organisation's audit log, newest first. */
export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  opts: { before?: number | undefined; limit: number },
) {
  if (!canReadAudit(actor)) throw forbidden("read the audit log");
  const rows = await listAuditEntries(ctx.db, actor.orgId, { before: opts.before, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  const items: AuditEntryRead[] = page.map((r) => ({
    seq: r.seq,
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    detail: r.detail,
    at: r.at.toISOString(),
  }));
  return { items, nextBefore: rows.length > opts.limit ? (page.at(-1)?.seq ?? null) : null };
}
