import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.service.ts";
import {
  type ClockKind,
  type ClockThreshold,
  clockDueAt,
  clockLabels,
  dueReminder,
  isNis2Clock,
  reminderTimes,
} from "../core/incidents/clocks.ts";
import { formatDuration } from "../core/incidents/review.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { findSettings } from "./incidents.repo.ts";
import { incidentToWork, requireIncident } from "./incidents.service.ts";
import { incidentClocks, incidents } from "./incidents.table.ts";
import { recordIncidentEvent } from "./incidents.timeline.ts";
import type { ClockCreate, ClockRead, ClockUpdate } from "./incidents.work.schema.ts";

export type ClockRow = typeof incidentClocks.$inferSelect;

function present(row: ClockRow): ClockRead {
  const kind = row.kind as ClockKind;
  return {
    id: row.id,
    kind,
    label: clockLabels[kind],
    startedAt: row.startedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    status: row.status as ClockRead["status"],
    remindersSent: row.remindersSent as ClockThreshold[],
    reminders: reminderTimes(row.startedAt, row.dueAt).map((r) => ({
      threshold: r.threshold,
      at: r.at.toISOString(),
    })),
    metAt: row.metAt?.toISOString() ?? null,
  };
}

/** An incident's clocks, soonest due first. */
export async function listClocks(ctx: AppContext, actor: Actor, incidentId: string): Promise<ClockRead[]> {
  await requireIncident(ctx.db, actor, incidentId);
  const rows = await ctx.db
    .select()
    .from(incidentClocks)
    .where(and(eq(incidentClocks.orgId, actor.orgId), eq(incidentClocks.incidentId, incidentId)))
    .orderBy(asc(incidentClocks.dueAt));
  return rows.map(present);
}

/** Running clocks of an organisation, soonest due first (the Overview card). */
export async function runningClocks(tx: Tx, orgId: string, limit: number) {
  return tx
    .select({
      incidentId: incidentClocks.incidentId,
      incidentTitle: incidents.title,
      kind: incidentClocks.kind,
      dueAt: incidentClocks.dueAt,
    })
    .from(incidentClocks)
    .innerJoin(incidents, eq(incidents.id, incidentClocks.incidentId))
    .where(and(eq(incidentClocks.orgId, orgId), eq(incidentClocks.status, "running")))
    .orderBy(asc(incidentClocks.dueAt))
    .limit(limit);
}

/**
 * Starts a clock inside the caller's transaction; a clock of the same kind already on the incident is kept
 * (returned as `existing`), and NIS2 clocks do not start where the organisation is not in scope (`skipped`).
 */
export async function startClockInTx(
  tx: Tx,
  ctx: Pick<AppContext, "clock" | "ids">,
  actor: Actor,
  incidentId: string,
  kind: ClockKind,
  startedAt: Date,
): Promise<{ outcome: "started" | "existing" | "skipped"; row?: ClockRow }> {
  if (isNis2Clock(kind) && !(await findSettings(tx, actor.orgId)).nis2InScope) return { outcome: "skipped" };
  const [existing] = await tx
    .select()
    .from(incidentClocks)
    .where(and(eq(incidentClocks.incidentId, incidentId), eq(incidentClocks.kind, kind)));
  if (existing) return { outcome: "existing", row: existing };
  const now = ctx.clock.now();
  const row: ClockRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    incidentId,
    kind,
    startedAt,
    dueAt: clockDueAt(kind, startedAt),
    status: "running",
    remindersSent: [],
    metAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insert(incidentClocks).values(row);
  await recordIncidentEvent(tx, ctx, {
    orgId: actor.orgId,
    incidentId,
    kind: "clock_started",
    actor,
    title: {
      de: `Frist läuft: ${clockLabels[kind].de}, fällig ${row.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      en: `Clock running: ${clockLabels[kind].en}, due ${row.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    },
    entityType: "incident_clock",
    entityId: row.id,
    detail: { kind, startedAt: startedAt.toISOString(), dueAt: row.dueAt.toISOString() },
  });
  return { outcome: "started", row };
}

/** Starts a legal clock by hand. */
export async function startClock(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  input: ClockCreate,
): Promise<ClockRead> {
  return ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, incidentId);
    const startedAt = input.startedAt ? new Date(input.startedAt) : ctx.clock.now();
    const result = await startClockInTx(tx, ctx, actor, incidentId, input.kind, startedAt);
    if (result.outcome === "skipped") {
      throw new AppError("validation_failed", "NIS2 does not apply", [
        {
          field: "kind",
          message: "NIS2 clocks run only where the organisation is in scope (incident settings)",
        },
      ]);
    }
    if (result.outcome === "existing") {
      throw new AppError("conflict", `A ${input.kind} clock already runs on this incident`);
    }
    await recordAudit(tx, ctx, actor, {
      action: "incident_clock.start",
      entityType: "incident_clock",
      entityId: result.row?.id ?? null,
      detail: { incidentId, ...input },
    });
    if (!result.row) throw notFound("Clock");
    return present(result.row);
  });
}

/** Corrects a clock's start (knowledge time) or marks it met. */
export async function updateClock(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  clockId: string,
  input: ClockUpdate,
): Promise<ClockRead> {
  return ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, incidentId);
    const [row] = await tx
      .select()
      .from(incidentClocks)
      .where(
        and(
          eq(incidentClocks.orgId, actor.orgId),
          eq(incidentClocks.incidentId, incidentId),
          eq(incidentClocks.id, clockId),
        ),
      );
    if (!row) throw notFound("Clock");
    const now = ctx.clock.now();
    const set: Partial<ClockRow> = { updatedAt: now };
    const label = clockLabels[row.kind as ClockKind];
    if (input.startedAt) {
      set.startedAt = new Date(input.startedAt);
      set.dueAt = clockDueAt(row.kind as ClockKind, set.startedAt);
      // A new period: reminders already passed under the new start are sent again only if they come due anew.
      set.remindersSent = [];
      if (row.status === "expired" && set.dueAt.getTime() > now.getTime()) set.status = "running";
    }
    if (input.status === "met" && row.status !== "met") {
      set.status = "met";
      set.metAt = now;
      await recordIncidentEvent(tx, ctx, {
        orgId: actor.orgId,
        incidentId,
        kind: "clock_met",
        actor,
        title: { de: `Frist eingehalten: ${label.de}`, en: `Clock met: ${label.en}` },
        entityType: "incident_clock",
        entityId: clockId,
      });
    } else if (input.status === "running" && row.status === "met") {
      set.status = (set.dueAt ?? row.dueAt).getTime() > now.getTime() ? "running" : "expired";
      set.metAt = null;
    }
    await tx.update(incidentClocks).set(set).where(eq(incidentClocks.id, clockId));
    await recordAudit(tx, ctx, actor, {
      action: "incident_clock.update",
      entityType: "incident_clock",
      entityId: clockId,
      detail: { incidentId, ...input },
    });
    return present({ ...row, ...set } as ClockRow);
  });
}

/** What the clock check raises: C's operational alert (`raiseOperationalAlert`), passed in by the jobs. */
export type RaiseDeadlineAlert = (
  ctx: AppContext,
  orgId: string,
  input: {
    trigger: "deadline_due";
    dedupKey: string;
    severity: "info" | "warning" | "critical";
    title: { de: string; en: string };
    explanation: { de: string; en: string };
    figures?: Record<string, number | string>;
    link?: string;
  },
) => Promise<unknown>;

const thresholdWords: Record<ClockThreshold, { de: string; en: string }> = {
  quarter_left: { de: "noch ein Viertel der Frist", en: "a quarter of the time left" },
  "24h_left": { de: "noch 24 Stunden", en: "24 hours left" },
  "1h_left": { de: "noch 1 Stunde", en: "1 hour left" },
  expired: { de: "Frist abgelaufen", en: "clock expired" },
};

/**
 * One pass of the clock check: for every running clock, the most urgent reminder that came due and was not sent is
 * raised once (dedup key `clock:<id>:<threshold>`); an expired clock is marked and noted on the timeline.
 * Returns the number of alerts raised.
 */
export async function checkLegalClocks(ctx: AppContext, raise: RaiseDeadlineAlert): Promise<number> {
  const now = ctx.clock.now();
  const running = await ctx.db
    .select({ clock: incidentClocks, title: incidents.title })
    .from(incidentClocks)
    .innerJoin(incidents, eq(incidents.id, incidentClocks.incidentId))
    .where(eq(incidentClocks.status, "running"));
  let raised = 0;
  for (const { clock, title } of running) {
    const reminder = dueReminder({ ...clock, sent: clock.remindersSent }, now);
    if (!reminder) continue;
    const kind = clock.kind as ClockKind;
    const label = clockLabels[kind];
    const left = clock.dueAt.getTime() - now.getTime();
    const expired = reminder.send === "expired";
    // Marked first, in its own transaction: a crash after this loses one reminder rather than repeating it forever.
    const claimed = await ctx.db.transaction(async (tx) => {
      const [fresh] = await tx
        .select()
        .from(incidentClocks)
        .where(eq(incidentClocks.id, clock.id))
        .for("update");
      if (!fresh) return false;
      if (fresh.status !== "running") return false;
      if (reminder.markSent.every((t) => fresh.remindersSent.includes(t))) return false;
      await tx
        .update(incidentClocks)
        .set({
          remindersSent: [...new Set([...fresh.remindersSent, ...reminder.markSent])],
          ...(expired ? { status: "expired" } : {}),
          updatedAt: now,
        })
        .where(eq(incidentClocks.id, clock.id));
      await recordIncidentEvent(tx, ctx, {
        orgId: clock.orgId,
        incidentId: clock.incidentId,
        kind: expired ? "clock_expired" : "clock_reminder",
        actor: { orgId: clock.orgId, system: true },
        title: {
          de: `${label.de}: ${thresholdWords[reminder.send].de}`,
          en: `${label.en}: ${thresholdWords[reminder.send].en}`,
        },
        entityType: "incident_clock",
        entityId: clock.id,
        detail: { threshold: reminder.send },
      });
      return true;
    });
    if (!claimed) continue;
    await raise(ctx, clock.orgId, {
      trigger: "deadline_due",
      dedupKey: `clock:${clock.id}:${reminder.send}`,
      severity: expired || reminder.send === "1h_left" ? "critical" : "warning",
      title: {
        de: `${expired ? "Frist abgelaufen" : "Frist läuft ab"}: ${label.de} – ${title}`,
        en: `${expired ? "Clock expired" : "Clock running out"}: ${label.en} – ${title}`,
      },
      explanation: {
        de: expired
          ? `Die Frist ist am ${clock.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC abgelaufen.`
          : `Noch ${formatDuration(left, "de")} bis ${clock.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
        en: expired
          ? `The clock ran out at ${clock.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`
          : `${formatDuration(left, "en")} left until ${clock.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
      },
      figures: { kind, threshold: reminder.send, dueAt: clock.dueAt.toISOString() },
      link: `/incidents/${clock.incidentId}`,
    });
    raised++;
  }
  return raised;
}
