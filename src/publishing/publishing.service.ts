// Drafts of replies and posts: written, checked before publication, approved by a second person where the
// check or the rules ask for it, then sent through a connector (publishing.send.ts) or by hand.
import { recordAudit } from "../audit/audit.service.ts";
import { connectorAccounts } from "../connectors/connectors.service.ts";
import { conversationPostIds } from "../inbox/inbox.service.ts";
import { incidentIdsForConversation, recordIncidentEvent } from "../incidents/incidents.timeline.ts";
import { type Actor, actorLabel } from "../orgs/orgs.policy.ts";
import { memberNames } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import type { OutboundPolicy } from "../platform/net/outbound.ts";
import type { RiskAssessor } from "../risk/risk.service.ts";
import { approvalRefusal, canEditOthersDrafts, canWriteDrafts } from "./publishing.policy.ts";
import * as repo from "./publishing.repo.ts";
import { checkDraftText } from "./publishing.rules.ts";
import type {
  CheckRead,
  DraftCreate,
  DraftListQuery,
  DraftRead,
  DraftState,
  DraftUpdate,
} from "./publishing.schema.ts";
import { markSentByHand, sendDraftNow } from "./publishing.send.ts";

/** What drafting needs besides the database: the risk engine and the SSRF policy of connector requests. */
export interface PublishingDeps {
  risk: RiskAssessor;
  policy: OutboundPolicy;
}

const editable: readonly DraftState[] = ["draft", "pending_approval", "approved", "failed", "rejected"];

/** The 409 for a request made on an older version than the stored one. */
function changed(row: repo.DraftRow, version: number): AppError {
  return new AppError(
    "conflict",
    `The draft changed since you looked at it (you saw version ${version}, it is now at version ${row.version} and ${row.state}); reload it`,
  );
}

function wrongState(row: repo.DraftRow, action: string): AppError {
  return new AppError("conflict", `A draft that is ${row.state.replace("_", " ")} cannot be ${action}`);
}

/** Connectors of the organisation by id, with whether their kind can publish. */
export async function publishingAccounts(ctx: AppContext, actor: Actor) {
  const accounts = await connectorAccounts(ctx, actor.orgId);
  return accounts
    .filter((account) => account.connector?.mode !== "push")
    .map(({ id, name, kind: kindName, connector: kind }) => {
      return {
        id,
        name,
        kind: kindName,
        platform: kind?.platform ?? kindName,
        // Turning a connector off stops its polling; replies still go out through it.
        canPublish: Boolean(kind?.publish),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Builds the API's shape of drafts: connector names, people's names and what the caller may do. */
export async function presentDrafts(
  ctx: AppContext,
  actor: Actor,
  rows: repo.DraftRow[],
): Promise<DraftRead[]> {
  const accounts = new Map((await publishingAccounts(ctx, actor)).map((a) => [a.id, a]));
  const names = await memberNames(ctx.db, actor.orgId, [
    ...new Set(rows.flatMap((r) => [r.authorUserId, r.approvedByUserId]).filter((v): v is string => !!v)),
  ]);
  const me = actorLabel(actor);
  return rows.map((row) => {
    const account = row.connectorId ? accounts.get(row.connectorId) : undefined;
    const refusal =
      row.state === "pending_approval"
        ? approvalRefusal(actor, row.author)
        : { de: "Es wartet keine Freigabe.", en: "No approval is pending." };
    return {
      id: row.id,
      kind: row.kind as DraftRead["kind"],
      conversationId: row.conversationId,
      inReplyToPostId: row.inReplyToPostId,
      connectorId: row.connectorId,
      connector: account ? { name: account.name, kind: account.kind, canPublish: account.canPublish } : null,
      text: row.text,
      lang: row.lang as DraftRead["lang"],
      state: row.state as DraftState,
      version: row.version,
      check: row.check as CheckRead,
      author: { label: row.author, name: row.authorUserId ? (names.get(row.authorUserId) ?? null) : null },
      mine: row.author === me,
      canApprove: refusal === null,
      approveBlockedReason: refusal,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      approval:
        row.approvedAt && row.approvedBy && row.approvedVersion !== null
          ? {
              by: {
                label: row.approvedBy,
                name: row.approvedByUserId ? (names.get(row.approvedByUserId) ?? null) : null,
              },
              at: row.approvedAt.toISOString(),
              comment: row.approvalComment,
              version: row.approvedVersion,
            }
          : null,
      rejection:
        row.rejectedBy && row.rejectedAt && row.rejectReason
          ? { by: row.rejectedBy, at: row.rejectedAt.toISOString(), reason: row.rejectReason }
          : null,
      sendByHand: row.sendByHand,
      sentAt: row.sentAt?.toISOString() ?? null,
      externalId: row.externalId,
      externalUrl: row.externalUrl,
      attempts: row.attempts,
      lastError: row.lastError,
      lastErrorKind: row.lastErrorKind,
      retryAfter: row.retryAfter?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

async function present(ctx: AppContext, actor: Actor, row: repo.DraftRow): Promise<DraftRead> {
  const [read] = await presentDrafts(ctx, actor, [row]);
  if (!read) throw notFound("Draft");
  return read;
}

async function load(ctx: AppContext, actor: Actor, id: string): Promise<repo.DraftRow> {
  const row = await repo.findDraft(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Draft");
  return row;
}

/** One draft. */
export async function getDraft(ctx: AppContext, actor: Actor, id: string): Promise<DraftRead> {
  return present(ctx, actor, await load(ctx, actor, id));
}

/** Drafts by conversation, state, mine or waiting for my approval; most recently changed first. */
export async function listDrafts(ctx: AppContext, actor: Actor, query: DraftListQuery): Promise<DraftRead[]> {
  const me = actorLabel(actor);
  const awaitingMe = query.awaitingMe === "true";
  const rows = await repo.listDrafts(ctx.db, actor.orgId, {
    conversationId: query.conversationId,
    states: awaitingMe ? ["pending_approval"] : query.status?.split(","),
    ...(query.mine === "true" ? { author: me } : {}),
    ...(query.mine === "false" || awaitingMe ? { notAuthor: me } : {}),
    limit: query.limit,
  });
  if (awaitingMe && approvalRefusal(actor, "") !== null) return [];
  return presentDrafts(ctx, actor, rows);
}

/** How many drafts wait for the actor's approval (0 for those who may not approve). */
export async function pendingApprovalCount(ctx: AppContext, actor: Actor): Promise<number> {
  if (approvalRefusal(actor, "") !== null) return 0;
  return repo.countPendingNotBy(ctx.db, actor.orgId, actorLabel(actor));
}

/** Checks the connector belongs to the organisation; the problem names the field. */
async function checkConnector(ctx: AppContext, actor: Actor, connectorId: string | null | undefined) {
  if (!connectorId) return;
  const found = (await publishingAccounts(ctx, actor)).some((a) => a.id === connectorId);
  if (!found)
    throw new AppError("validation_failed", "No such connector in your organisation", [
      { field: "connectorId", message: "not a connector of your organisation" },
    ]);
}

/** The post a reply answers: given, or the newest of the conversation; checked to belong to the organisation. */
async function replyTarget(ctx: AppContext, actor: Actor, input: DraftCreate) {
  let postId = input.inReplyToPostId;
  if (input.conversationId) {
    const ids = await conversationPostIds(ctx.db, actor.orgId, input.conversationId);
    if (ids.length === 0)
      throw new AppError("validation_failed", "No such conversation in your inbox", [
        { field: "conversationId", message: "not a conversation of your organisation" },
      ]);
    if (postId && !ids.includes(postId))
      throw new AppError("validation_failed", "The post answered is not part of the conversation", [
        { field: "inReplyToPostId", message: "not a post of this conversation" },
      ]);
    postId ??= ids.at(-1);
  }
  const post = postId ? await repo.findReplyTarget(ctx.db, actor.orgId, postId) : undefined;
  if (!post)
    throw new AppError("validation_failed", "No such post in your organisation", [
      { field: "inReplyToPostId", message: "not a post of your organisation" },
    ]);
  return post;
}

/** Writes a new draft (agents and up); it is checked at once and stays a draft until submitted. */
export async function createDraft(
  ctx: AppContext,
  deps: PublishingDeps,
  actor: Actor,
  input: DraftCreate,
): Promise<DraftRead> {
  if (!canWriteDrafts(actor)) throw forbidden("write replies and posts");
  const target = input.kind === "reply" ? await replyTarget(ctx, actor, input) : undefined;
  // A reply goes out through the connector that brought the post, unless another is chosen.
  let connectorId = input.connectorId === undefined ? (target?.sourceId ?? null) : input.connectorId;
  if (input.connectorId === undefined && connectorId) {
    const accounts = await publishingAccounts(ctx, actor);
    if (!accounts.some((a) => a.id === connectorId)) connectorId = null;
  }
  await checkConnector(ctx, actor, connectorId);
  const check = await checkDraftText(ctx, deps.risk, actor.orgId, input.text, input.lang, connectorId);
  const now = ctx.clock.now();
  const row: repo.DraftRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    kind: input.kind,
    conversationId: input.kind === "reply" ? (input.conversationId ?? null) : null,
    inReplyToPostId: target?.id ?? null,
    connectorId,
    text: input.text,
    lang: input.lang,
    state: "draft",
    version: 1,
    check,
    author: actorLabel(actor),
    authorUserId: actor.userId,
    submittedAt: null,
    approvedBy: null,
    approvedByUserId: null,
    approvedAt: null,
    approvalComment: null,
    approvedVersion: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectReason: null,
    sendByHand: false,
    sentAt: null,
    sentBy: null,
    externalId: null,
    externalUrl: null,
    attempts: 0,
    lastError: null,
    lastErrorKind: null,
    retryAfter: null,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertDraft(tx, row);
    await recordAudit(tx, ctx, actor, {
      action: "draft.create",
      entityType: "draft",
      entityId: row.id,
      detail: {
        kind: row.kind,
        conversationId: row.conversationId,
        inReplyToPostId: row.inReplyToPostId,
        connectorId,
        text: row.text,
        score: check.score,
        findings: check.findings.map((f) => f.code),
      },
    });
  });
  return present(ctx, actor, row);
}

/**
 * Changes a draft (its author, or a manager). The check runs again, and any approval is dropped: what
 * was approved is not what would go out any more, so the draft goes back to `draft`.
 */
export async function updateDraft(
  ctx: AppContext,
  deps: PublishingDeps,
  actor: Actor,
  id: string,
  input: DraftUpdate,
): Promise<DraftRead> {
  const row = await load(ctx, actor, id);
  if (row.author !== actorLabel(actor) && !canEditOthersDrafts(actor))
    throw forbidden("change others' drafts");
  if (!canWriteDrafts(actor)) throw forbidden("write replies and posts");
  if (!editable.includes(row.state as DraftState)) throw wrongState(row, "changed");
  if (row.version !== input.version) throw changed(row, input.version);
  if (input.connectorId !== undefined) await checkConnector(ctx, actor, input.connectorId);
  const text = input.text ?? row.text;
  const lang = input.lang ?? (row.lang as DraftRead["lang"]);
  const connectorId = input.connectorId !== undefined ? input.connectorId : row.connectorId;
  const check = await checkDraftText(ctx, deps.risk, actor.orgId, text, lang, connectorId);
  const updated = await ctx.db.transaction(async (tx) => {
    const next = await repo.updateDraftIf(
      tx,
      actor.orgId,
      id,
      { states: editable, version: input.version },
      {
        text,
        lang,
        ...(input.connectorId !== undefined ? { connectorId: input.connectorId } : {}),
        check,
        version: row.version + 1,
        state: "draft",
        approvedBy: null,
        approvedByUserId: null,
        approvedAt: null,
        approvalComment: null,
        approvedVersion: null,
        sendByHand: false,
        updatedAt: ctx.clock.now(),
      },
    );
    if (!next) throw changed(row, input.version);
    await recordAudit(tx, ctx, actor, {
      action: "draft.update",
      entityType: "draft",
      entityId: id,
      detail: {
        version: next.version,
        text,
        lang,
        connectorId: next.connectorId,
        droppedApproval: row.approvedVersion !== null,
        previousState: row.state,
      },
    });
    return next;
  });
  return present(ctx, actor, updated);
}

/**
 * Submits a draft: the check runs once more; a blocked draft is refused with its findings; one that needs
 * approval waits for a second person; any other is sent at once (or marked to send by hand).
 */
export async function submitDraft(
  ctx: AppContext,
  deps: PublishingDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<DraftRead> {
  if (!canWriteDrafts(actor)) throw forbidden("submit replies and posts");
  const row = await load(ctx, actor, id);
  if (row.author !== actorLabel(actor) && !canEditOthersDrafts(actor))
    throw forbidden("submit others' drafts");
  if (row.state !== "draft") throw wrongState(row, "submitted");
  if (row.version !== version) throw changed(row, version);
  const check = await checkDraftText(
    ctx,
    deps.risk,
    actor.orgId,
    row.text,
    row.lang as DraftRead["lang"],
    row.connectorId,
  );
  if (check.blocked) {
    const codes = check.findings.filter((f) => f.severity === "block").map((f) => f.message.en);
    await repo.updateDraftIf(ctx.db, actor.orgId, id, { states: ["draft"], version }, { check });
    throw new AppError("validation_failed", `Fix the draft first: ${codes.join(" ")}`, [
      { field: "text", message: codes.join(" ") },
    ]);
  }
  const now = ctx.clock.now();
  const next = await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateDraftIf(
      tx,
      actor.orgId,
      id,
      { states: ["draft"], version },
      {
        check,
        state: check.needsApproval ? "pending_approval" : "approved",
        submittedAt: now,
        rejectedBy: null,
        rejectedAt: null,
        rejectReason: null,
        updatedAt: now,
      },
    );
    if (!updated) throw changed(row, version);
    await recordAudit(tx, ctx, actor, {
      action: "draft.submit",
      entityType: "draft",
      entityId: id,
      detail: {
        version,
        needsApproval: check.needsApproval,
        score: check.score,
        findings: check.findings.map((f) => f.code),
      },
    });
    return updated;
  });
  if (next.state === "approved") return present(ctx, actor, await sendDraftNow(ctx, deps, actor, next));
  return present(ctx, actor, next);
}

/**
 * Approves a pending draft (a manager or admin who did not write it) for the version shown, then sends it.
 * Of two approvers pressing at once only one gets the draft; the other is told it changed.
 */
export async function approveDraft(
  ctx: AppContext,
  deps: PublishingDeps,
  actor: Actor,
  id: string,
  input: { version: number; comment?: string | undefined },
): Promise<DraftRead> {
  const row = await load(ctx, actor, id);
  const refusal = approvalRefusal(actor, row.author);
  if (refusal) throw new AppError("forbidden", refusal.en);
  if (row.state !== "pending_approval") {
    throw row.version !== input.version ? changed(row, input.version) : wrongState(row, "approved");
  }
  if (row.version !== input.version) throw changed(row, input.version);
  const incidents = row.conversationId
    ? await incidentIdsForConversation(ctx.db, actor.orgId, row.conversationId)
    : [];
  const now = ctx.clock.now();
  const approved = await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateDraftIf(
      tx,
      actor.orgId,
      id,
      { states: ["pending_approval"], version: input.version },
      {
        state: "approved",
        approvedBy: actorLabel(actor),
        approvedByUserId: actor.userId,
        approvedAt: now,
        approvalComment: input.comment || null,
        approvedVersion: input.version,
        updatedAt: now,
      },
    );
    if (!updated) throw changed(row, input.version);
    await recordAudit(tx, ctx, actor, {
      action: "draft.approve",
      entityType: "draft",
      entityId: id,
      detail: {
        version: input.version,
        approvedBy: actorLabel(actor),
        approvedAt: now.toISOString(),
        author: row.author,
        comment: input.comment ?? null,
        score: (row.check as CheckRead).score,
        findings: (row.check as CheckRead).findings.map((f) => f.code),
      },
    });
    for (const incidentId of incidents) {
      await recordIncidentEvent(tx, ctx, {
        orgId: actor.orgId,
        incidentId,
        kind: "approval",
        actor,
        title: { de: "Antwort freigegeben (Vier-Augen-Prinzip)", en: "Reply approved (four-eyes check)" },
        entityType: "draft",
        entityId: id,
        detail: { author: row.author, comment: input.comment ?? null, text: row.text },
      });
    }
    return updated;
  });
  return present(ctx, actor, await sendDraftNow(ctx, deps, actor, approved));
}

/** Rejects a pending draft with a reason (a manager or admin who did not write it). */
export async function rejectDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
): Promise<DraftRead> {
  const row = await load(ctx, actor, id);
  const refusal = approvalRefusal(actor, row.author);
  if (refusal) throw new AppError("forbidden", refusal.en.replace("approve", "reject"));
  if (row.version !== input.version) throw changed(row, input.version);
  if (row.state !== "pending_approval") throw wrongState(row, "rejected");
  const now = ctx.clock.now();
  const rejected = await ctx.db.transaction(async (tx) => {
    const updated = await repo.updateDraftIf(
      tx,
      actor.orgId,
      id,
      { states: ["pending_approval"], version: input.version },
      {
        state: "rejected",
        rejectedBy: actorLabel(actor),
        rejectedAt: now,
        rejectReason: input.reason,
        updatedAt: now,
      },
    );
    if (!updated) throw changed(row, input.version);
    await recordAudit(tx, ctx, actor, {
      action: "draft.reject",
      entityType: "draft",
      entityId: id,
      detail: { version: input.version, reason: input.reason, author: row.author },
    });
    return updated;
  });
  return present(ctx, actor, rejected);
}

/** Sends an approved or failed draft again (agents and up); a draft already sent is never sent twice. */
export async function retrySend(
  ctx: AppContext,
  deps: PublishingDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<DraftRead> {
  if (!canWriteDrafts(actor)) throw forbidden("send replies and posts");
  const row = await load(ctx, actor, id);
  if (row.version !== version) throw changed(row, version);
  if (row.state !== "failed" && row.state !== "approved") throw wrongState(row, "sent");
  if (row.sendByHand)
    throw new AppError("conflict", "This draft is sent by hand: post it, then mark it sent");
  if (row.retryAfter && row.retryAfter > ctx.clock.now()) {
    throw new AppError(
      "rate_limited",
      `The platform asked to wait until ${row.retryAfter.toISOString()} before sending again`,
    );
  }
  return present(ctx, actor, await sendDraftNow(ctx, deps, actor, row));
}

/** Marks a draft sent by hand as published (agents and up), with the link where it is. */
export async function markDraftSent(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; url?: string | undefined },
): Promise<DraftRead> {
  if (!canWriteDrafts(actor)) throw forbidden("send replies and posts");
  const row = await load(ctx, actor, id);
  if (row.version !== input.version) throw changed(row, input.version);
  if (row.state !== "approved" || !row.sendByHand) throw wrongState(row, "marked sent by hand");
  return present(ctx, actor, await markSentByHand(ctx, actor, row, input.url ?? null));
}
