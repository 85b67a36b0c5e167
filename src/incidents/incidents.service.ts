import * as alertsRepo from "../alerts/alerts.repo.ts";
import { bilingual } from "../alerts/alerts.service.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { draftReview } from "../core/incidents/review.ts";
import { suggestSeverity } from "../core/incidents/severity.ts";
import type { EscalationMonitor } from "../escalation/escalation.service.ts";
import { conversationPostIds } from "../inbox/inbox.service.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canEditIncidents } from "../orgs/orgs.policy.ts";
import { memberNames } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { canChangeIncidentSettings, canEditIncident } from "./incidents.policy.ts";
import * as repo from "./incidents.repo.ts";
import type {
  IncidentCreate,
  IncidentRead,
  IncidentRole,
  IncidentRolesUpdate,
  IncidentSettings,
  IncidentSourceKind,
  IncidentStatus,
  IncidentSuggestion,
  IncidentUpdate,
  Severity,
} from "./incidents.schema.ts";
import { listTaskRows } from "./incidents.tasks.ts";
import { listIncidentTimeline, recordIncidentEvent } from "./incidents.timeline.ts";

type Lang = "de" | "en";

/** What the incident service needs besides the context: the escalation monitor suggests severities. */
export interface IncidentDeps {
  escalation?: Pick<EscalationMonitor, "topicLevel">;
}

function present(row: repo.IncidentRow, leadUserId: string | null): IncidentRead {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity as Severity,
    status: row.status as IncidentStatus,
    description: row.description,
    topicId: row.topicId,
    source: { kind: row.sourceKind as IncidentSourceKind, id: row.sourceId },
    lang: row.lang === "en" ? "en" : "de",
    leadUserId,
    closedAt: row.closedAt?.toISOString() ?? null,
    review: row.review,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, [{ field, message }]);

/** Incidents of the actor's organisation. */
export async function listIncidents(ctx: AppContext, actor: Actor): Promise<IncidentRead[]> {
  const rows = await repo.listIncidents(ctx.db, actor.orgId);
  const leads = await repo.leadsOf(
    ctx.db,
    actor.orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, leads.get(r.id) ?? null));
}

/** One incident. */
export async function getIncident(ctx: AppContext, actor: Actor, id: string): Promise<IncidentRead> {
  const row = await repo.findIncident(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Incident");
  const leads = await repo.leadsOf(ctx.db, actor.orgId, [id]);
  return present(row, leads.get(id) ?? null);
}

/** Throws not-found unless the incident belongs to the actor's organisation (for reading its parts). */
export async function requireIncident(tx: Tx, actor: Actor, id: string): Promise<repo.IncidentRow> {
  const row = await repo.findIncident(tx, actor.orgId, id);
  if (!row) throw notFound("Incident");
  return row;
}

/** An incident of the actor's organisation the actor may work on (agents and above), or the matching error. */
export async function incidentToWork(tx: Tx, actor: Actor, id: string): Promise<repo.IncidentRow> {
  const row = await repo.findIncident(tx, actor.orgId, id);
  if (!row) throw notFound("Incident");
  if (!canEditIncident(actor, row)) throw forbidden("work on incidents");
  return row;
}

interface SourceFacts extends IncidentSuggestion {
  postIds: string[];
  conversationId: string | null;
  alert: { id: string; occurrences: number; title: { de: string; en: string } } | null;
}

async function levelOf(deps: IncidentDeps, orgId: string, topicId: string | null) {
  if (!topicId || !deps.escalation) return null;
  try {
    return (await deps.escalation.topicLevel(orgId, topicId)).level;
  } catch {
    return null;
  }
}

/** What an incident opened from the source starts with: title, suggested severity, topic, posts. */
async function factsOf(
  ctx: AppContext,
  deps: IncidentDeps,
  actor: Actor,
  source: { kind: IncidentSourceKind; id?: string | undefined },
  lang: Lang,
): Promise<SourceFacts> {
  const none = { postIds: [], conversationId: null, alert: null };
  if (source.kind === "manual") return { title: "", severity: "sev4", level: null, topicId: null, ...none };
  if (!source.id) throw fieldError("source.id", `an incident opened from a ${source.kind} needs its id`);
  if (source.kind === "alert") {
    const alert = await alertsRepo.findAlert(ctx.db, actor.orgId, source.id);
    if (!alert) throw fieldError("source.id", `no alert ${source.id}`);
    const title = bilingual(alert.detail.title, alert.title);
    const postIds = (await repo.findPosts(ctx.db, actor.orgId, alert.postIds)).map((p) => p.id);
    // A rule for every topic raises alerts without one; the topic its posts matched stands in.
    const topicId = alert.topicId ?? (await repo.topicOfPosts(ctx.db, actor.orgId, postIds));
    const level = await levelOf(deps, actor.orgId, topicId);
    return {
      title: title[lang],
      severity: suggestSeverity(level),
      level,
      topicId,
      postIds,
      conversationId: null,
      alert: { id: alert.id, occurrences: alert.occurrences, title },
    };
  }
  const postIds =
    source.kind === "post" ? [source.id] : await conversationPostIds(ctx.db, actor.orgId, source.id);
  const found = await repo.findPosts(ctx.db, actor.orgId, postIds);
  if (found.length === 0) throw fieldError("source.id", `no ${source.kind} ${source.id}`);
  const first = [...found].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime())[0];
  const topicId = await repo.topicOfPosts(
    ctx.db,
    actor.orgId,
    found.map((p) => p.id),
  );
  const level = await levelOf(deps, actor.orgId, topicId);
  const excerpt = (first?.text ?? "").replace(/\s+/g, " ").slice(0, 120);
  return {
    title: `@${first?.author ?? "?"}: ${excerpt}`,
    severity: suggestSeverity(level),
    level,
    topicId,
    postIds: found.map((p) => p.id),
    conversationId: source.kind === "conversation" ? source.id : null,
    alert: null,
  };
}

/** The title and severity the open-incident dialog prefills for a source. */
export async function suggestIncident(
  ctx: AppContext,
  deps: IncidentDeps,
  actor: Actor,
  source: { kind: IncidentSourceKind; id?: string | undefined },
  lang: Lang,
): Promise<IncidentSuggestion> {
  const { title, severity, level, topicId } = await factsOf(ctx, deps, actor, source, lang);
  return { title, severity, level, topicId };
}

/** Opens an incident by hand or from an alert, a post or a conversation, with its posts attached. */
export async function openIncident(
  ctx: AppContext,
  actor: Actor,
  input: IncidentCreate,
  deps: IncidentDeps = {},
): Promise<IncidentRead> {
  if (!canEditIncidents(actor)) throw forbidden("open incidents");
  const source = input.source ?? { kind: "manual" as const };
  const lang = input.lang ?? "de";
  const facts = await factsOf(ctx, deps, actor, source, lang);
  const title = input.title ?? facts.title;
  if (!title) throw fieldError("title", "an incident opened by hand needs a title");
  const severity = input.severity ?? facts.severity;
  const now = ctx.clock.now();
  const row: repo.IncidentRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    title,
    severity,
    status: "active",
    description: input.description ?? null,
    topicId: facts.topicId,
    sourceKind: source.kind,
    sourceId: source.kind === "manual" ? null : (source.id ?? null),
    lang,
    lastLevel: facts.level,
    closedAt: null,
    review: null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertIncident(tx, row);
    const event = { orgId: actor.orgId, incidentId: row.id, actor };
    await recordIncidentEvent(tx, ctx, {
      ...event,
      kind: "opened",
      title: { de: `Vorfall eröffnet: ${title}`, en: `Incident opened: ${title}` },
      detail: { severity, source: source.kind, level: facts.level },
    });
    if (facts.alert) {
      await recordIncidentEvent(tx, ctx, {
        ...event,
        kind: "alert",
        actor: { orgId: actor.orgId, system: true },
        title: { de: `Alarm: ${facts.alert.title.de}`, en: `Alert: ${facts.alert.title.en}` },
        entityType: "alert",
        entityId: facts.alert.id,
        detail: { occurrences: facts.alert.occurrences },
      });
    }
    if (facts.conversationId) await repo.linkConversation(tx, actor.orgId, row.id, facts.conversationId, now);
    await attachInTx(tx, ctx, actor, row.id, facts.postIds);
    await recordAudit(tx, ctx, actor, {
      action: "incident.open",
      entityType: "incident",
      entityId: row.id,
      detail: { ...input, title, severity },
    });
  });
  return present(row, null);
}

async function attachInTx(tx: Tx, ctx: AppContext, actor: Actor, incidentId: string, postIds: string[]) {
  const added = await repo.attachPosts(tx, actor.orgId, incidentId, postIds, ctx.clock.now());
  if (added.length === 0) return;
  await recordIncidentEvent(tx, ctx, {
    orgId: actor.orgId,
    incidentId,
    kind: "post_attached",
    actor,
    title: {
      de: `${added.length} Beitrag/Beiträge angehängt`,
      en: `${added.length} post${added.length === 1 ? "" : "s"} attached`,
    },
    entityType: "post",
    detail: { postIds: added },
  });
}

/** Attaches posts of the organisation to an incident. */
export async function attachPosts(ctx: AppContext, actor: Actor, id: string, postIds: string[]) {
  await ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, id);
    const found = new Set((await repo.findPosts(tx, actor.orgId, postIds)).map((p) => p.id));
    const problems = postIds
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => !found.has(p))
      .map(({ p, i }) => ({ field: `postIds.${i}`, message: `no post ${p}` }));
    if (problems.length > 0) throw new AppError("validation_failed", "Unknown post", problems);
    await attachInTx(tx, ctx, actor, id, postIds);
    await recordAudit(tx, ctx, actor, {
      action: "incident.attach_posts",
      entityType: "incident",
      entityId: id,
      detail: { postIds },
    });
  });
  return listAttachedPosts(ctx, actor, id);
}

/** Posts attached to an incident. */
export async function listAttachedPosts(ctx: AppContext, actor: Actor, id: string) {
  if (!(await repo.findIncident(ctx.db, actor.orgId, id))) throw notFound("Incident");
  return (await repo.listAttachedPosts(ctx.db, actor.orgId, id)).map((p) => ({
    ...p,
    postedAt: p.postedAt.toISOString(),
    attachedAt: p.attachedAt.toISOString(),
  }));
}

const statusWords: Record<IncidentStatus, { de: string; en: string }> = {
  active: { de: "aktiv", en: "active" },
  stable: { de: "stabil", en: "stable" },
  closed: { de: "abgeschlossen", en: "closed" },
};

/** Changes an incident; closing it drafts the post-incident review from the timeline. */
export async function updateIncident(ctx: AppContext, actor: Actor, id: string, input: IncidentUpdate) {
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockIncident(tx, actor.orgId, id);
    if (!row) throw notFound("Incident");
    if (!canEditIncident(actor, row, input.status)) throw forbidden("change this incident");
    const now = ctx.clock.now();
    const set: Partial<repo.IncidentRow> = { ...input, updatedAt: now };
    const event = { orgId: actor.orgId, incidentId: id, actor };
    if (input.status && input.status !== row.status) {
      const to = input.status;
      await recordIncidentEvent(tx, ctx, {
        ...event,
        kind: "status_change",
        title: {
          de: `Status: ${statusWords[row.status as IncidentStatus].de} → ${statusWords[to].de}`,
          en: `Status: ${statusWords[row.status as IncidentStatus].en} → ${statusWords[to].en}`,
        },
        detail: { from: row.status, to },
      });
      if (to === "closed") {
        set.closedAt = now;
        if (!row.review && input.review === undefined) {
          set.review = await reviewOf(tx, { ...row, ...set } as repo.IncidentRow, now);
        }
      } else if (row.status === "closed") {
        set.closedAt = null;
      }
    }
    if (input.severity && input.severity !== row.severity) {
      await recordIncidentEvent(tx, ctx, {
        ...event,
        kind: "status_change",
        title: {
          de: `Schweregrad: ${row.severity.toUpperCase()} → ${input.severity.toUpperCase()}`,
          en: `Severity: ${row.severity.toUpperCase()} → ${input.severity.toUpperCase()}`,
        },
        detail: { severityFrom: row.severity, severityTo: input.severity },
      });
    }
    await repo.updateIncident(tx, actor.orgId, id, set);
    await recordAudit(tx, ctx, actor, {
      action: input.status === "closed" && row.status !== "closed" ? "incident.close" : "incident.update",
      entityType: "incident",
      entityId: id,
      detail:
        input.review !== undefined ? { ...input, review: `(${input.review.length} characters)` } : input,
    });
    const updated = await repo.findIncident(tx, actor.orgId, id);
    if (!updated) throw notFound("Incident");
    const leads = await repo.leadsOf(tx, actor.orgId, [id]);
    return present(updated, leads.get(id) ?? null);
  });
}

async function reviewOf(tx: Tx, row: repo.IncidentRow, closedAt: Date): Promise<string> {
  const events = await listIncidentTimeline(tx, row.orgId, row.id);
  const tasks = await listTaskRows(tx, row.orgId, row.id);
  const posts = await repo.listAttachedPosts(tx, row.orgId, row.id);
  const lang: Lang = row.lang === "en" ? "en" : "de";
  const signals = posts.map((p) => p.postedAt.getTime());
  const alertAt = events.filter((e) => e.kind === "alert").map((e) => Date.parse(e.at));
  const first = [...signals, ...alertAt].filter((t) => t <= row.createdAt.getTime());
  return draftReview(
    {
      title: row.title,
      severity: row.severity,
      openedAt: row.createdAt,
      closedAt,
      firstSignalAt: first.length > 0 ? new Date(Math.min(...first)) : null,
      events: events.map((e) => ({ kind: e.kind, at: new Date(e.at), title: e.title })),
      tasks: tasks.map((t) => ({
        title: t.title[lang],
        status: t.status === "done" ? "done" : "open",
        dueAt: t.dueAt,
        doneAt: t.doneAt,
      })),
    },
    lang,
  );
}

// ── Roles ────────────────────────────────────────────────────────────────────────────────────────

const roleWords: Record<IncidentRole, { de: string; en: string }> = {
  lead: { de: "Leitung", en: "Incident lead" },
  communications: { de: "Kommunikation", en: "Communications" },
  legal: { de: "Recht", en: "Legal" },
  it_security: { de: "IT-Sicherheit", en: "IT security" },
  management: { de: "Geschäftsführung", en: "Management" },
};

/** The incident's roles and who holds them. */
export async function listRoles(ctx: AppContext, actor: Actor, id: string) {
  if (!(await repo.findIncident(ctx.db, actor.orgId, id))) throw notFound("Incident");
  return (await repo.listRoles(ctx.db, actor.orgId, id)).map((r) => ({ ...r, role: r.role as IncidentRole }));
}

/** Assigns or frees incident roles; holders must be members of the organisation. */
export async function assignRoles(ctx: AppContext, actor: Actor, id: string, input: IncidentRolesUpdate) {
  await ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, id);
    const entries = Object.entries(input) as [IncidentRole, string | null | undefined][];
    const wanted = entries.flatMap(([, userId]) => (userId ? [userId] : []));
    const members = await memberNames(tx, actor.orgId, wanted);
    const problems = entries
      .filter(([, userId]) => userId && !members.has(userId))
      .map(([role, userId]) => ({ field: role, message: `${userId} is not a member of the organisation` }));
    if (problems.length > 0) throw new AppError("validation_failed", "Unknown member", problems);
    const now = ctx.clock.now();
    for (const [role, userId] of entries) {
      if (userId === undefined) continue;
      await repo.setRole(tx, actor.orgId, id, role, userId, now);
      const name = userId ? (members.get(userId) ?? userId) : null;
      await recordIncidentEvent(tx, ctx, {
        orgId: actor.orgId,
        incidentId: id,
        kind: "role_assigned",
        actor,
        title: {
          de: `${roleWords[role].de}: ${name ?? "nicht besetzt"}`,
          en: `${roleWords[role].en}: ${name ?? "unassigned"}`,
        },
        entityType: "user",
        ...(userId ? { entityId: userId } : {}),
        detail: { role },
      });
    }
    await repo.updateIncident(tx, actor.orgId, id, { updatedAt: now });
    await recordAudit(tx, ctx, actor, {
      action: "incident.assign_roles",
      entityType: "incident",
      entityId: id,
      detail: input,
    });
  });
  return listRoles(ctx, actor, id);
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────

/** The organisation's incident settings. */
export async function getSettings(ctx: AppContext, actor: Actor): Promise<IncidentSettings> {
  return repo.findSettings(ctx.db, actor.orgId);
}

/** Saves the organisation's incident settings (managers and admins). */
export async function saveSettings(ctx: AppContext, actor: Actor, input: IncidentSettings) {
  if (!canChangeIncidentSettings(actor)) throw forbidden("change incident settings");
  await ctx.db.transaction(async (tx) => {
    await repo.saveSettings(tx, actor.orgId, input.nis2InScope, ctx.clock.now());
    await recordAudit(tx, ctx, actor, {
      action: "incident_settings.update",
      entityType: "incident_settings",
      entityId: actor.orgId,
      detail: input,
    });
  });
  return input;
}
