import { and, asc, desc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.service.ts";
import { startClockInTx } from "../incidents/incidents.clocks.ts";
import { insertNoticeDraft } from "../incidents/incidents.notices.ts";
import { canEditPlaybooks } from "../incidents/incidents.policy.ts";
import * as incidentsRepo from "../incidents/incidents.repo.ts";
import { incidentToWork, requireIncident } from "../incidents/incidents.service.ts";
import { insertTasks, type TaskRow } from "../incidents/incidents.tasks.ts";
import { recordIncidentEvent } from "../incidents/incidents.timeline.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { actorLabel } from "../orgs/orgs.policy.ts";
import { users } from "../orgs/orgs.table.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { defaultPlaybooks } from "./playbooks.defaults.ts";
import {
  type PlaybookRead,
  type PlaybookRisk,
  type PlaybookRunRead,
  PlaybookStep,
  type PlaybookVersionCreate,
  type PlaybookVersionRead,
} from "./playbooks.schema.ts";
import { playbookRuns, playbooks, playbookVersions } from "./playbooks.table.ts";

type PlaybookRow = typeof playbooks.$inferSelect;
type VersionRow = typeof playbookVersions.$inferSelect;

function presentVersion(row: VersionRow): PlaybookVersionRead {
  return {
    id: row.id,
    version: row.version,
    steps: row.steps.map((s) => PlaybookStep.parse(s)),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

async function latestVersion(tx: Tx, playbookId: string): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(playbookVersions)
    .where(eq(playbookVersions.playbookId, playbookId))
    .orderBy(desc(playbookVersions.version))
    .limit(1);
  return row;
}

/** Creates the built-in playbooks an organisation does not have yet, as version 1 (idempotent). */
async function materialiseDefaults(ctx: AppContext, orgId: string) {
  const existing = new Set(
    (await ctx.db.select({ key: playbooks.key }).from(playbooks).where(eq(playbooks.orgId, orgId))).map(
      (r) => r.key,
    ),
  );
  const missing = defaultPlaybooks.filter((p) => !existing.has(p.key));
  if (missing.length === 0) return;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    for (const p of missing) {
      const id = ctx.ids.id();
      // Another process may materialise at the same time; the unique (org, key) index decides.
      const inserted = await tx
        .insert(playbooks)
        .values({ id, orgId, key: p.key, risk: p.risk, title: p.title, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: playbooks.id });
      if (inserted.length === 0) continue;
      await tx.insert(playbookVersions).values({
        id: ctx.ids.id(),
        orgId,
        playbookId: id,
        version: 1,
        steps: p.steps as unknown as Record<string, unknown>[],
        createdBy: "system",
        createdAt: now,
      });
    }
  });
}

async function present(tx: Tx, row: PlaybookRow): Promise<PlaybookRead> {
  const latest = await latestVersion(tx, row.id);
  if (!latest) throw notFound("Playbook version");
  return {
    id: row.id,
    key: row.key,
    risk: row.risk as PlaybookRisk,
    title: row.title,
    latest: presentVersion(latest),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The organisation's playbooks with their latest version; the built-in ones appear the first time. */
export async function listPlaybooks(ctx: AppContext, actor: Actor): Promise<PlaybookRead[]> {
  await materialiseDefaults(ctx, actor.orgId);
  const rows = await ctx.db
    .select()
    .from(playbooks)
    .where(eq(playbooks.orgId, actor.orgId))
    .orderBy(asc(playbooks.key));
  const order = new Map(defaultPlaybooks.map((p, i) => [p.key, i]));
  rows.sort((a, b) => (order.get(a.key) ?? 99) - (order.get(b.key) ?? 99));
  return Promise.all(rows.map((r) => present(ctx.db, r)));
}

async function findPlaybook(tx: Tx, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(playbooks)
    .where(and(eq(playbooks.orgId, orgId), eq(playbooks.id, id)));
  return row;
}

/** One playbook with its latest version. */
export async function getPlaybook(ctx: AppContext, actor: Actor, id: string): Promise<PlaybookRead> {
  const row = await findPlaybook(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Playbook");
  return present(ctx.db, row);
}

/** Every version of a playbook, newest first. */
export async function listVersions(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<PlaybookVersionRead[]> {
  if (!(await findPlaybook(ctx.db, actor.orgId, id))) throw notFound("Playbook");
  const rows = await ctx.db
    .select()
    .from(playbookVersions)
    .where(eq(playbookVersions.playbookId, id))
    .orderBy(desc(playbookVersions.version));
  return rows.map(presentVersion);
}

/** Saves edited steps as a new version (managers and admins); earlier versions and runs stay as they were. */
export async function createVersion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PlaybookVersionCreate,
): Promise<PlaybookRead> {
  if (!canEditPlaybooks(actor)) throw forbidden("edit playbooks");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(playbooks)
      .where(and(eq(playbooks.orgId, actor.orgId), eq(playbooks.id, id)))
      .for("update");
    if (!row) throw notFound("Playbook");
    const latest = await latestVersion(tx, id);
    const now = ctx.clock.now();
    const version = (latest?.version ?? 0) + 1;
    await tx.insert(playbookVersions).values({
      id: ctx.ids.id(),
      orgId: actor.orgId,
      playbookId: id,
      version,
      steps: input.steps as unknown as Record<string, unknown>[],
      createdBy: actorLabel(actor),
      createdAt: now,
    });
    await tx
      .update(playbooks)
      .set({ updatedAt: now, ...(input.title ? { title: input.title } : {}) })
      .where(eq(playbooks.id, id));
    await recordAudit(tx, ctx, actor, {
      action: "playbook.version",
      entityType: "playbook",
      entityId: id,
      detail: { version, steps: input.steps.length },
    });
    const updated = await findPlaybook(tx, actor.orgId, id);
    if (!updated) throw notFound("Playbook");
    return present(tx, updated);
  });
}

/**
 * Runs a playbook's latest version on an incident: one task per step (due at incident start + offset), the
 * steps' legal clocks started from the incident's start, DSA notice drafts, and `playbook_run` on the timeline.
 * The same version runs once per incident (409 the second time).
 */
export async function runPlaybook(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  playbookId: string,
): Promise<PlaybookRunRead> {
  return ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, incidentId);
    const incident = await incidentsRepo.lockIncident(tx, actor.orgId, incidentId);
    if (!incident) throw notFound("Incident");
    if (incident.status === "closed") throw new AppError("conflict", "The incident is closed");
    const playbook = await findPlaybook(tx, actor.orgId, playbookId);
    if (!playbook) {
      throw new AppError("validation_failed", "Unknown playbook", [
        { field: "playbookId", message: `no playbook ${playbookId}` },
      ]);
    }
    const version = await latestVersion(tx, playbookId);
    if (!version) throw notFound("Playbook version");
    const [ran] = await tx
      .select()
      .from(playbookRuns)
      .where(and(eq(playbookRuns.incidentId, incidentId), eq(playbookRuns.versionId, version.id)));
    if (ran) {
      throw new AppError(
        "conflict",
        `Version ${version.version} of this playbook already ran on this incident (${ran.runAt.toISOString()})`,
      );
    }
    const now = ctx.clock.now();
    const runId = ctx.ids.id();
    await tx.insert(playbookRuns).values({
      id: runId,
      orgId: actor.orgId,
      incidentId,
      playbookId,
      versionId: version.id,
      version: version.version,
      runBy: actorLabel(actor),
      runAt: now,
    });
    const steps = version.steps.map((s) => PlaybookStep.parse(s));
    const start = incident.createdAt;
    const tasks: TaskRow[] = steps.map((step, i) => ({
      id: ctx.ids.id(),
      orgId: actor.orgId,
      incidentId,
      title: step.title,
      description: null,
      ownerUserId: null,
      role: step.role,
      dueAt: new Date(start.getTime() + step.offsetMinutes * 60_000),
      checklist: step.checklist.map((text) => ({ text, done: false })),
      replyTemplates: step.replyTemplates,
      evidenceHint: step.evidence ?? null,
      status: "open",
      playbookRunId: runId,
      stepIndex: i,
      doneAt: null,
      createdAt: now,
      updatedAt: now,
    }));
    await insertTasks(tx, ctx, actor, tasks);
    const clocks: PlaybookRunRead["clocks"] = [];
    for (const step of steps) {
      if (!step.clock || clocks.some((c) => c.kind === step.clock)) continue;
      const { outcome } = await startClockInTx(tx, ctx, actor, incidentId, step.clock, start);
      clocks.push({ kind: step.clock, outcome });
    }
    let notices = 0;
    const noticeSteps = steps.filter((s) => s.notice);
    if (noticeSteps.length > 0) {
      const posts = await incidentsRepo.listAttachedPosts(tx, actor.orgId, incidentId);
      const [me] = actor.userId
        ? await tx
            .select({ name: users.name, email: users.email })
            .from(users)
            .where(eq(users.id, actor.userId))
        : [];
      const lang = incident.lang === "en" ? "en" : "de";
      for (const step of noticeSteps) {
        if (!step.notice) continue;
        await insertNoticeDraft(tx, ctx, actor, incidentId, {
          platform: posts[0]?.platform ?? "",
          urls: posts.flatMap((p) => (p.url ? [p.url] : [])),
          reasons: step.notice.reasons[lang],
          law: step.notice.law,
          notifierName: me?.name ?? "",
          notifierEmail: me?.email ?? "",
          goodFaith: false,
        });
        notices++;
      }
    }
    await recordIncidentEvent(tx, ctx, {
      orgId: actor.orgId,
      incidentId,
      kind: "playbook_run",
      actor,
      title: {
        de: `Playbook „${playbook.title.de}“ (Version ${version.version}) gestartet: ${tasks.length} Aufgaben`,
        en: `Playbook “${playbook.title.en}” (version ${version.version}) run: ${tasks.length} tasks`,
      },
      entityType: "playbook",
      entityId: playbookId,
      detail: { runId, version: version.version, clocks, notices },
    });
    await recordAudit(tx, ctx, actor, {
      action: "playbook.run",
      entityType: "incident",
      entityId: incidentId,
      detail: { playbookId, version: version.version },
    });
    return {
      id: runId,
      playbookId,
      version: version.version,
      tasks: tasks.length,
      clocks,
      notices,
      runAt: now.toISOString(),
    };
  });
}

/** The playbook runs of an incident. */
export async function listRuns(ctx: AppContext, actor: Actor, incidentId: string) {
  await requireIncident(ctx.db, actor, incidentId);
  const rows = await ctx.db
    .select()
    .from(playbookRuns)
    .where(and(eq(playbookRuns.orgId, actor.orgId), eq(playbookRuns.incidentId, incidentId)))
    .orderBy(asc(playbookRuns.runAt));
  return rows.map((r) => ({
    id: r.id,
    playbookId: r.playbookId,
    version: r.version,
    runAt: r.runAt.toISOString(),
  }));
}
