import { recordAudit } from "../audit/audit.service.ts";
import type { ClockKind } from "../core/incidents/clocks.ts";
import { fillTemplate, statusTemplates } from "../core/incidents/statusUpdates.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { runningClocks } from "./incidents.clocks.ts";
import * as repo from "./incidents.repo.ts";
import type { IncidentEventRead, IncidentFigures, IncidentStatus, Severity } from "./incidents.schema.ts";
import { incidentToWork } from "./incidents.service.ts";
import { overdueTaskCount } from "./incidents.tasks.ts";
import { listIncidentTimeline, recordIncidentEvent } from "./incidents.timeline.ts";

/** An incident's timeline, oldest first. */
export async function timelineOf(ctx: AppContext, actor: Actor, id: string): Promise<IncidentEventRead[]> {
  if (!(await repo.findIncident(ctx.db, actor.orgId, id))) throw notFound("Incident");
  return listIncidentTimeline(ctx.db, actor.orgId, id);
}

/** Writes a note on the timeline by hand (what happened or was decided, optionally when). */
export async function addNote(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { text: string; at?: string | undefined },
): Promise<IncidentEventRead[]> {
  await ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, id);
    const at = input.at ? new Date(input.at) : ctx.clock.now();
    if (at.getTime() > ctx.clock.now().getTime() + 60_000) {
      throw new AppError("validation_failed", "A note cannot be dated in the future", [
        { field: "at", message: "must not be in the future" },
      ]);
    }
    await recordIncidentEvent(tx, ctx, {
      orgId: actor.orgId,
      incidentId: id,
      kind: "note",
      actor,
      title: { de: input.text, en: input.text },
      at,
    });
    await recordAudit(tx, ctx, actor, { action: "incident.note", entityType: "incident", entityId: id });
  });
  return listIncidentTimeline(ctx.db, actor.orgId, id);
}

/** The built-in status-update templates. */
export function listStatusTemplates() {
  return Object.entries(statusTemplates).map(([key, t]) => ({ key, label: t.label, text: t.text }));
}

/** Posts an internal status update from a template on the timeline; returns its text in both languages. */
export async function postStatusUpdate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { template: string; nextUpdate: string; text?: string | undefined },
): Promise<{ de: string; en: string }> {
  const template = statusTemplates[input.template];
  if (!template) {
    throw new AppError("validation_failed", "Unknown template", [
      { field: "template", message: `one of ${Object.keys(statusTemplates).join(", ")}` },
    ]);
  }
  return ctx.db.transaction(async (tx) => {
    const row = await incidentToWork(tx, actor, id);
    const roles = await repo.listRoles(tx, actor.orgId, id);
    const lead = roles.find((r) => r.role === "lead")?.name;
    const status: Record<IncidentStatus, { de: string; en: string }> = {
      active: { de: "aktiv", en: "active" },
      stable: { de: "stabil", en: "stable" },
      closed: { de: "abgeschlossen", en: "closed" },
    };
    const fill = (lang: "de" | "en") =>
      fillTemplate(template.text[lang], {
        incident: row.title,
        severity: (row.severity as Severity).toUpperCase(),
        status: status[row.status as IncidentStatus][lang],
        lead: lead ?? (lang === "de" ? "(nicht besetzt)" : "(unassigned)"),
        next_update: input.nextUpdate || "–",
      });
    const text = input.text ? { de: input.text, en: input.text } : { de: fill("de"), en: fill("en") };
    await recordIncidentEvent(tx, ctx, {
      orgId: actor.orgId,
      incidentId: id,
      kind: "status_update",
      actor,
      title: text,
      detail: { template: input.template, nextUpdate: input.nextUpdate },
    });
    await recordAudit(tx, ctx, actor, {
      action: "incident.status_update",
      entityType: "incident",
      entityId: id,
      detail: { template: input.template },
    });
    return text;
  });
}

/** The Overview's incident figures: open incidents by status and severity, the oldest, overdue tasks, clocks due soonest. */
export async function incidentFigures(ctx: AppContext, actor: Actor): Promise<IncidentFigures> {
  const open = await repo.listOpenIncidents(ctx.db, actor.orgId);
  const counts = new Map<string, { status: IncidentStatus; severity: Severity; count: number }>();
  for (const row of open) {
    const key = `${row.status}:${row.severity}`;
    const entry = counts.get(key) ?? {
      status: row.status as IncidentStatus,
      severity: row.severity as Severity,
      count: 0,
    };
    entry.count++;
    counts.set(key, entry);
  }
  const oldest = [...open].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
  const clocks = await runningClocks(ctx.db, actor.orgId, 3);
  return {
    open: [...counts.values()].sort(
      (a, b) => a.severity.localeCompare(b.severity) || a.status.localeCompare(b.status),
    ),
    oldestOpen: oldest
      ? { id: oldest.id, title: oldest.title, createdAt: oldest.createdAt.toISOString() }
      : null,
    tasksOverdue: await overdueTaskCount(ctx.db, actor.orgId, ctx.clock.now()),
    clocksSoonest: clocks.map((c) => ({
      incidentId: c.incidentId,
      incidentTitle: c.incidentTitle,
      kind: c.kind as ClockKind,
      dueAt: c.dueAt.toISOString(),
    })),
  };
}
