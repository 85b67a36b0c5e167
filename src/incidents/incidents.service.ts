import { recordAudit } from "../audit/audit.service.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canEditIncidents } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { forbidden, notFound } from "../platform/http/errors.ts";
import { canEditIncident } from "./incidents.policy.ts";
import * as repo from "./incidents.repo.ts";
import type {
  IncidentCreate,
  IncidentRead,
  IncidentStatus,
  IncidentUpdate,
  Severity,
} from "./incidents.schema.ts";

function present(row: repo.IncidentRow): IncidentRead {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity as Severity,
    status: row.status as IncidentStatus,
    description: row.description,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Incidents of the actor's organisation. */
export async function listIncidents(ctx: AppContext, actor: Actor): Promise<IncidentRead[]> {
  return (await repo.listIncidents(ctx.db, actor.orgId)).map(present);
}

/** One incident. */
export async function getIncident(ctx: AppContext, actor: Actor, id: string): Promise<IncidentRead> {
  const row = await repo.findIncident(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Incident");
  return present(row);
}

/** Opens an incident by hand. */
export async function openIncident(
  ctx: AppContext,
  actor: Actor,
  input: IncidentCreate,
): Promise<IncidentRead> {
  if (!canEditIncidents(actor)) throw forbidden("open incidents");
  const now = ctx.clock.now();
  const row: repo.IncidentRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    title: input.title,
    severity: input.severity,
    status: "active",
    description: input.description ?? null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertIncident(tx, row);
    await recordAudit(tx, ctx, actor, {
      action: "incident.open",
      entityType: "incident",
      entityId: row.id,
      detail: input,
    });
  });
  return present(row);
}

/** Changes an incident's title, severity, status or description. */
export async function updateIncident(ctx: AppContext, actor: Actor, id: string, input: IncidentUpdate) {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findIncident(tx, actor.orgId, id);
    if (!row) throw notFound("Incident");
    if (!canEditIncident(actor, row, input.status)) throw forbidden("change this incident");
    await repo.updateIncident(tx, actor.orgId, id, { ...input, updatedAt: ctx.clock.now() });
    await recordAudit(tx, ctx, actor, {
      action: "incident.update",
      entityType: "incident",
      entityId: id,
      detail: input,
    });
    const updated = await repo.findIncident(tx, actor.orgId, id);
    if (!updated) throw notFound("Incident");
    return present(updated);
  });
}
