import { and, asc, eq, lt, ne } from "drizzle-orm";
import { recordAudit } from "../audit/audit.service.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { memberNames } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import type { IncidentRole } from "./incidents.schema.ts";
import { incidentToWork, requireIncident } from "./incidents.service.ts";
import { incidentTasks } from "./incidents.table.ts";
import { recordIncidentEvent } from "./incidents.timeline.ts";
import type { TaskCreate, TaskRead, TaskUpdate } from "./incidents.work.schema.ts";

export type TaskRow = typeof incidentTasks.$inferSelect;

/** An incident's tasks as stored, by due time (undated last). */
export async function listTaskRows(tx: Tx, orgId: string, incidentId: string): Promise<TaskRow[]> {
  return tx
    .select()
    .from(incidentTasks)
    .where(and(eq(incidentTasks.orgId, orgId), eq(incidentTasks.incidentId, incidentId)))
    .orderBy(asc(incidentTasks.dueAt), asc(incidentTasks.stepIndex), asc(incidentTasks.createdAt));
}

/** Open tasks past due, of one organisation. */
export async function overdueTaskCount(tx: Tx, orgId: string, now: Date): Promise<number> {
  const rows = await tx
    .select({ id: incidentTasks.id })
    .from(incidentTasks)
    .where(
      and(eq(incidentTasks.orgId, orgId), ne(incidentTasks.status, "done"), lt(incidentTasks.dueAt, now)),
    );
  return rows.length;
}

function present(row: TaskRow, now: Date): TaskRead {
  return {
    id: row.id,
    title: row.title,
    description: row.description ?? null,
    ownerUserId: row.ownerUserId,
    role: (row.role as IncidentRole | null) ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.status !== "done" && row.dueAt !== null && row.dueAt.getTime() < now.getTime(),
    checklist: row.checklist,
    replyTemplates: row.replyTemplates,
    evidenceHint: row.evidenceHint ?? null,
    status: row.status === "done" ? "done" : "open",
    playbookRunId: row.playbookRunId,
    doneAt: row.doneAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Inserts tasks and puts one `task_created` entry per task on the timeline. */
export async function insertTasks(
  tx: Tx,
  ctx: Pick<AppContext, "clock" | "ids">,
  actor: Actor,
  rows: TaskRow[],
) {
  if (rows.length === 0) return;
  await tx.insert(incidentTasks).values(rows);
  for (const row of rows) {
    await recordIncidentEvent(tx, ctx, {
      orgId: row.orgId,
      incidentId: row.incidentId,
      kind: "task_created",
      actor,
      title: { de: `Aufgabe: ${row.title.de}`, en: `Task: ${row.title.en}` },
      entityType: "task",
      entityId: row.id,
      detail: { dueAt: row.dueAt?.toISOString() ?? null, role: row.role },
    });
  }
}

/** An incident's tasks. */
export async function listTasks(ctx: AppContext, actor: Actor, incidentId: string): Promise<TaskRead[]> {
  await requireIncident(ctx.db, actor, incidentId);
  const now = ctx.clock.now();
  return (await listTaskRows(ctx.db, actor.orgId, incidentId)).map((r) => present(r, now));
}

async function checkOwner(tx: Tx, orgId: string, ownerUserId: string | null | undefined) {
  if (!ownerUserId) return;
  if (!(await memberNames(tx, orgId, [ownerUserId])).has(ownerUserId)) {
    throw new AppError("validation_failed", "Unknown member", [
      { field: "ownerUserId", message: `${ownerUserId} is not a member of the organisation` },
    ]);
  }
}

/** Adds a task by hand. */
export async function createTask(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  input: TaskCreate,
): Promise<TaskRead> {
  const now = ctx.clock.now();
  const row: TaskRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    incidentId,
    title: { de: input.title, en: input.title },
    description: input.description ? { de: input.description, en: input.description } : null,
    ownerUserId: input.ownerUserId ?? null,
    role: input.role ?? null,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    checklist: input.checklist.map((text) => ({ text: { de: text, en: text }, done: false })),
    replyTemplates: [],
    evidenceHint: null,
    status: "open",
    playbookRunId: null,
    stepIndex: null,
    doneAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, incidentId);
    await checkOwner(tx, actor.orgId, input.ownerUserId);
    await insertTasks(tx, ctx, actor, [row]);
    await recordAudit(tx, ctx, actor, {
      action: "incident_task.create",
      entityType: "incident_task",
      entityId: row.id,
      detail: { incidentId, ...input },
    });
  });
  return present(row, now);
}

/** Changes a task: owner, due time, status, one checklist item. */
export async function updateTask(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  taskId: string,
  input: TaskUpdate,
): Promise<TaskRead> {
  return ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, incidentId);
    const [row] = await tx
      .select()
      .from(incidentTasks)
      .where(
        and(
          eq(incidentTasks.orgId, actor.orgId),
          eq(incidentTasks.incidentId, incidentId),
          eq(incidentTasks.id, taskId),
        ),
      )
      .for("update");
    if (!row) throw notFound("Task");
    await checkOwner(tx, actor.orgId, input.ownerUserId);
    const now = ctx.clock.now();
    const set: Partial<TaskRow> = { updatedAt: now };
    if (input.ownerUserId !== undefined) set.ownerUserId = input.ownerUserId;
    if (input.dueAt !== undefined) set.dueAt = input.dueAt ? new Date(input.dueAt) : null;
    if (input.check) {
      const { index, done } = input.check;
      if (index >= row.checklist.length) {
        throw new AppError("validation_failed", "No such checklist item", [
          { field: "check.index", message: `the task has ${row.checklist.length} checklist items` },
        ]);
      }
      set.checklist = row.checklist.map((item, i) => (i === index ? { ...item, done } : item));
    }
    if (input.status && input.status !== row.status) {
      set.status = input.status;
      set.doneAt = input.status === "done" ? now : null;
      if (input.status === "done") {
        await recordIncidentEvent(tx, ctx, {
          orgId: actor.orgId,
          incidentId,
          kind: "task_done",
          actor,
          title: { de: `Erledigt: ${row.title.de}`, en: `Done: ${row.title.en}` },
          entityType: "task",
          entityId: taskId,
        });
      }
    }
    await tx.update(incidentTasks).set(set).where(eq(incidentTasks.id, taskId));
    await recordAudit(tx, ctx, actor, {
      action: "incident_task.update",
      entityType: "incident_task",
      entityId: taskId,
      detail: { incidentId, ...input },
    });
    return present({ ...row, ...set } as TaskRow, now);
  });
}
