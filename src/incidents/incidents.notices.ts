import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/audit.service.ts";
import { canMoveNotice, type NoticeState, nextNoticeStates, noticeText } from "../core/incidents/notices.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { incidentToWork, requireIncident } from "./incidents.service.ts";
import { dsaNotices } from "./incidents.table.ts";
import { recordIncidentEvent } from "./incidents.timeline.ts";
import type { NoticeCreate, NoticeRead, NoticeTransition, NoticeUpdate } from "./incidents.work.schema.ts";

export type NoticeRow = typeof dsaNotices.$inferSelect;

function present(row: NoticeRow): NoticeRead {
  const state = row.state as NoticeState;
  return {
    id: row.id,
    platform: row.platform,
    urls: row.urls,
    reasons: row.reasons,
    law: row.law,
    notifierName: row.notifierName,
    notifierEmail: row.notifierEmail,
    goodFaith: row.goodFaith,
    state,
    nextStates: [...nextNoticeStates(state)],
    progress: row.progress,
    trustedFlagger: row.trustedFlagger ?? null,
    text: { de: noticeText(row, "de"), en: noticeText(row, "en") },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An incident's DSA notices, oldest first. */
export async function listNotices(ctx: AppContext, actor: Actor, incidentId: string): Promise<NoticeRead[]> {
  await requireIncident(ctx.db, actor, incidentId);
  const rows = await ctx.db
    .select()
    .from(dsaNotices)
    .where(and(eq(dsaNotices.orgId, actor.orgId), eq(dsaNotices.incidentId, incidentId)))
    .orderBy(asc(dsaNotices.createdAt));
  return rows.map(present);
}

/** Inserts a notice draft and notes it on the timeline (also used by playbook runs). */
export async function insertNoticeDraft(
  tx: Tx,
  ctx: Pick<AppContext, "clock" | "ids">,
  actor: Actor,
  incidentId: string,
  content: Omit<
    NoticeRow,
    "id" | "orgId" | "incidentId" | "state" | "progress" | "trustedFlagger" | "createdAt" | "updatedAt"
  >,
): Promise<NoticeRow> {
  const now = ctx.clock.now();
  const row: NoticeRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    incidentId,
    ...content,
    state: "draft",
    progress: {},
    trustedFlagger: null,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insert(dsaNotices).values(row);
  await recordIncidentEvent(tx, ctx, {
    orgId: actor.orgId,
    incidentId,
    kind: "notice_drafted",
    actor,
    title: {
      de: `DSA-Meldung an ${row.platform || "Plattform"} entworfen`,
      en: `DSA notice to ${row.platform || "platform"} drafted`,
    },
    entityType: "dsa_notice",
    entityId: row.id,
  });
  return row;
}

/** Drafts a notice to a platform (DSA Art. 16). */
export async function createNotice(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  input: NoticeCreate,
): Promise<NoticeRead> {
  return ctx.db.transaction(async (tx) => {
    await incidentToWork(tx, actor, incidentId);
    const row = await insertNoticeDraft(tx, ctx, actor, incidentId, input);
    await recordAudit(tx, ctx, actor, {
      action: "dsa_notice.create",
      entityType: "dsa_notice",
      entityId: row.id,
      detail: { incidentId, platform: input.platform, urls: input.urls },
    });
    return present(row);
  });
}

async function lockNotice(tx: Tx, actor: Actor, incidentId: string, noticeId: string) {
  await incidentToWork(tx, actor, incidentId);
  const [row] = await tx
    .select()
    .from(dsaNotices)
    .where(
      and(
        eq(dsaNotices.orgId, actor.orgId),
        eq(dsaNotices.incidentId, incidentId),
        eq(dsaNotices.id, noticeId),
      ),
    )
    .for("update");
  if (!row) throw notFound("Notice");
  return row;
}

/** Edits a draft notice. */
export async function updateNotice(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  noticeId: string,
  input: NoticeUpdate,
): Promise<NoticeRead> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockNotice(tx, actor, incidentId, noticeId);
    if (row.state !== "draft")
      throw new AppError("conflict", "Only a draft notice can be edited; this one was sent");
    const set = { ...input, updatedAt: ctx.clock.now() };
    await tx.update(dsaNotices).set(set).where(eq(dsaNotices.id, noticeId));
    await recordAudit(tx, ctx, actor, {
      action: "dsa_notice.update",
      entityType: "dsa_notice",
      entityId: noticeId,
      detail: { incidentId, ...input },
    });
    return present({ ...row, ...set });
  });
}

const transitionWords: Record<NoticeTransition["to"], { de: string; en: string }> = {
  submitted: { de: "eingereicht", en: "submitted" },
  confirmed: { de: "Eingang bestätigt", en: "receipt confirmed" },
  decided: { de: "entschieden", en: "decided" },
  redress: { de: "Rechtsbehelf eingelegt", en: "redress sought" },
};

/** Moves a notice on (draft → submitted → confirmed → decided → redress); other moves are refused. */
export async function moveNotice(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  noticeId: string,
  input: NoticeTransition,
): Promise<NoticeRead> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockNotice(tx, actor, incidentId, noticeId);
    const from = row.state as NoticeState;
    if (!canMoveNotice(from, input.to)) {
      throw new AppError("conflict", `A notice cannot move from ${from} to ${input.to}`, [
        { field: "to", message: `allowed from ${from}: ${nextNoticeStates(from).join(", ") || "none"}` },
      ]);
    }
    if (input.to === "submitted") {
      const problems = [
        ...(row.goodFaith
          ? []
          : [{ field: "goodFaith", message: "the good-faith statement (Art. 16(2)(d)) is required" }]),
        ...(row.urls.length > 0
          ? []
          : [{ field: "urls", message: "the exact URL of the content is required" }]),
        ...(row.platform ? [] : [{ field: "platform", message: "the platform is required" }]),
        ...(row.notifierEmail
          ? []
          : [{ field: "notifierEmail", message: "the notifier's e-mail is required" }]),
      ];
      if (problems.length > 0)
        throw new AppError("validation_failed", "The notice is not complete", problems);
    }
    const { to, ...facts } = input;
    const progress = { ...row.progress, [to]: facts };
    const set = { state: to, progress, updatedAt: ctx.clock.now() };
    await tx.update(dsaNotices).set(set).where(eq(dsaNotices.id, noticeId));
    await recordIncidentEvent(tx, ctx, {
      orgId: actor.orgId,
      incidentId,
      kind: `notice_${to}`,
      actor,
      title: {
        de: `DSA-Meldung an ${row.platform}: ${transitionWords[to].de}`,
        en: `DSA notice to ${row.platform}: ${transitionWords[to].en}`,
      },
      entityType: "dsa_notice",
      entityId: noticeId,
      detail: facts,
    });
    await recordAudit(tx, ctx, actor, {
      action: `dsa_notice.${to}`,
      entityType: "dsa_notice",
      entityId: noticeId,
      detail: { incidentId, ...input },
    });
    return present({ ...row, ...set });
  });
}

/** Hands the case to a trusted flagger (DSA Art. 22), whose notices platforms treat with priority. */
export async function handToTrustedFlagger(
  ctx: AppContext,
  actor: Actor,
  incidentId: string,
  noticeId: string,
  input: { name: string; at: string },
): Promise<NoticeRead> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockNotice(tx, actor, incidentId, noticeId);
    if (row.trustedFlagger) {
      throw new AppError("conflict", `The case was already handed to ${row.trustedFlagger.name}`);
    }
    const set = { trustedFlagger: { name: input.name, handedAt: input.at }, updatedAt: ctx.clock.now() };
    await tx.update(dsaNotices).set(set).where(eq(dsaNotices.id, noticeId));
    await recordIncidentEvent(tx, ctx, {
      orgId: actor.orgId,
      incidentId,
      kind: "notice_trusted_flagger",
      actor,
      title: {
        de: `Fall an vertrauenswürdigen Hinweisgeber übergeben (Art. 22 DSA): ${input.name}`,
        en: `Case handed to trusted flagger (DSA Art. 22): ${input.name}`,
      },
      entityType: "dsa_notice",
      entityId: noticeId,
      detail: input,
    });
    await recordAudit(tx, ctx, actor, {
      action: "dsa_notice.trusted_flagger",
      entityType: "dsa_notice",
      entityId: noticeId,
      detail: { incidentId, ...input },
    });
    return present({ ...row, ...set });
  });
}
