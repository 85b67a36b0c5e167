import { recordAudit } from "../audit/audit.service.ts";
import { parseMentions, resolveMentions } from "../core/inbox/mentions.ts";
import { isOfficialHandle } from "../core/risk/risk.types.ts";
import { defaultServiceCalendar, type ServiceCalendar } from "../core/sla/calendar.ts";
import {
  bandFloors,
  bandOf,
  defaultServiceTargets,
  type PriorityBand,
  priorityBands,
} from "../core/sla/targets.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { actorLabel } from "../orgs/orgs.policy.ts";
import { listMembers, memberNames } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { getRiskProfile } from "../risk/risk.service.ts";
import { canManageInbox, canReadInbox, canWorkInbox } from "./inbox.policy.ts";
import * as repo from "./inbox.repo.ts";
import type {
  ConversationListQuery,
  ConversationRead,
  ConversationStatus,
  ConversationSummary,
  ConversationUpdate,
  InboxSettingsRead,
  InboxSettingsUpdate,
  NoteRead,
} from "./inbox.schema.ts";

/** Posts at or above this priority need attention unless the organisation sets another threshold. */
export const defaultAttentionThreshold = 0.6;
/** A presence heartbeat counts this long; the web app sends one every 10-15 s while someone types. */
export const presenceSeconds = 30;
const firstTicket = 1001;

const defaultSettings = (orgId: string, now: Date): repo.InboxSettingsRow => ({
  orgId,
  attentionThreshold: defaultAttentionThreshold,
  calendar: defaultServiceCalendar,
  targets: defaultServiceTargets,
  nextTicket: firstTicket,
  savedRepliesSeeded: false,
  cursorAssessedAt: null,
  cursorPostId: null,
  updatedAt: now,
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
/** The audit log's actor for what the inbox does by itself. */
export const system = (orgId: string) => ({ orgId, system: true as const });
// ── Settings ─────────────────────────────────────────────────────────────────────────────────────

/** The organisation's settings row, created with the defaults the first time. */
export async function settingsOf(tx: Tx, orgId: string, now: Date): Promise<repo.InboxSettingsRow> {
  return repo.ensureSettings(tx, defaultSettings(orgId, now));
}

/** The organisation's service calendar (the default Monday-Friday 08:00-18:00 Berlin until one is saved). */
export async function getServiceCalendar(db: Db, orgId: string): Promise<ServiceCalendar> {
  return (await repo.findSettings(db, orgId))?.calendar ?? defaultServiceCalendar;
}

const presentSettings = (row: repo.InboxSettingsRow): InboxSettingsRead => ({
  attentionThreshold: row.attentionThreshold,
  calendar: row.calendar,
  targets: row.targets,
});

/** The inbox settings: attention threshold, service calendar and targets. */
export async function getInboxSettings(ctx: AppContext, actor: Actor): Promise<InboxSettingsRead> {
  if (!canReadInbox(actor)) throw forbidden("read the inbox");
  const row = await repo.findSettings(ctx.db, actor.orgId);
  return presentSettings(row ?? defaultSettings(actor.orgId, ctx.clock.now()));
}

/** Changes the inbox settings (managers); new targets apply to conversations opened from now on. */
export async function updateInboxSettings(
  ctx: AppContext,
  actor: Actor,
  input: InboxSettingsUpdate,
): Promise<InboxSettingsRead> {
  if (!canManageInbox(actor)) throw forbidden("change the inbox settings");
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await settingsOf(tx, actor.orgId, now);
    await repo.updateSettings(tx, actor.orgId, { ...input, updatedAt: now });
    await recordAudit(tx, ctx, actor, {
      action: "inbox_settings.update",
      entityType: "inbox_settings",
      entityId: actor.orgId,
      detail: input,
    });
    return presentSettings(await settingsOf(tx, actor.orgId, now));
  });
}

// ── Reading conversations ────────────────────────────────────────────────────────────────────────

function presentSummary(row: repo.ConversationListRow): ConversationSummary {
  const assignee = row.assigneeUserId
    ? { kind: "user" as const, id: row.assigneeUserId, name: row.assigneeUserName ?? row.assigneeUserId }
    : row.assigneeTeamId
      ? { kind: "team" as const, id: row.assigneeTeamId, name: row.assigneeTeamName ?? row.assigneeTeamId }
      : null;
  return {
    id: row.id,
    ticket: row.ticket,
    platform: row.platform,
    subject: row.subject,
    lang: row.lang,
    priority: row.priority,
    band: bandOf(row.priority),
    status: row.status as ConversationStatus,
    assignee,
    firstPostAt: row.firstPostAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    postCount: row.postCount,
    sla: {
      firstResponseDueAt: row.firstResponseDueAt.toISOString(),
      resolutionDueAt: row.resolutionDueAt.toISOString(),
      firstRespondedAt: iso(row.firstRespondedAt),
      resolvedAt: iso(row.resolvedAt),
      firstResponseBreached: row.firstResponseBreachedAt !== null,
      resolutionBreached: row.resolutionBreachedAt !== null,
    },
    mentionsMe: row.mentionsMe,
  };
}

function bandRange(band: PriorityBand | undefined) {
  if (!band) return {};
  const index = priorityBands.indexOf(band);
  const above = index > 0 ? priorityBands[index - 1] : undefined;
  return { priorityFrom: bandFloors[band], priorityBelow: above ? bandFloors[above] : undefined };
}

/** Conversations by filter, with the organisation's open count and the actor's mention count. */
export async function listConversations(ctx: AppContext, actor: Actor, query: ConversationListQuery) {
  if (!canReadInbox(actor)) throw forbidden("read the inbox");
  const me = actor.userId;
  const filter: repo.ConversationFilter = { status: query.status, q: query.q, ...bandRange(query.band) };
  if (query.assignee === "me") filter.assignedToMe = me ?? "-";
  else if (query.assignee === "unassigned") filter.unassigned = true;
  else if (query.assignee) {
    const team = await repo.findTeam(ctx.db, actor.orgId, query.assignee);
    if (team) filter.assigneeTeamId = team.id;
    else filter.assigneeUserId = query.assignee;
  }
  if (query.mentions === "me") filter.mentionedUserId = me ?? "-";
  const rows = await repo.listConversations(ctx.db, actor.orgId, filter, me, query.limit);
  const counts = await repo.openCounts(ctx.db, actor.orgId, me);
  return { items: rows.map(presentSummary), openCount: counts.open, mentionsMeCount: counts.mentions };
}

async function summaryOf(tx: Tx, orgId: string, id: string, me: string | null) {
  const [row] = await repo.listConversations(tx, orgId, {}, me, 1, [id]);
  if (!row) throw notFound("Conversation");
  return presentSummary(row);
}

function presentNotes(
  rows: Awaited<ReturnType<typeof repo.notesOf>>,
  names: Map<string, string>,
): NoteRead[] {
  return rows.map(({ note, authorName }) => ({
    id: note.id,
    author: { userId: note.authorUserId, name: authorName ?? note.author },
    text: note.text,
    mentions: note.mentions.map((id) => ({ id, name: names.get(id) ?? id })),
    createdAt: note.createdAt.toISOString(),
  }));
}

/** One conversation: the thread in order (as text), notes, who else is answering, service levels. */
export async function getConversation(ctx: AppContext, actor: Actor, id: string): Promise<ConversationRead> {
  if (!canReadInbox(actor)) throw forbidden("read the inbox");
  const summary = await summaryOf(ctx.db, actor.orgId, id, actor.userId);
  const accounts = (await getRiskProfile(ctx, actor.orgId)).officialAccounts;
  const posts = await repo.postsOfConversation(ctx.db, actor.orgId, id);
  const notes = await repo.notesOf(ctx.db, actor.orgId, id);
  const names = await memberNames(ctx.db, actor.orgId, [...new Set(notes.flatMap((n) => n.note.mentions))]);
  const composing = await repo.composingIn(ctx.db, actor.orgId, id, ctx.clock.now(), actor.userId);
  return {
    ...summary,
    posts: posts.map((p) => ({
      id: p.id,
      externalId: p.externalId,
      inReplyTo: p.inReplyTo,
      author: { handle: p.handle, displayName: p.displayName },
      official: isOfficialHandle(accounts, p.platform, p.handle),
      text: p.text,
      lang: p.lang,
      url: p.url,
      postedAt: p.postedAt.toISOString(),
      editedAt: p.editedAt?.toISOString() ?? null,
      deletedAt: p.deletedAt?.toISOString() ?? null,
      priority: p.priority,
      flags: p.flags,
    })),
    notes: presentNotes(notes, names),
    composing,
  };
}

/** The ids of a conversation's posts, oldest first (for evidence and incidents). */
export async function conversationPostIds(db: Db, orgId: string, conversationId: string): Promise<string[]> {
  return (await repo.postsOfConversation(db, orgId, conversationId)).map((p) => p.id);
}

// ── Working on conversations ─────────────────────────────────────────────────────────────────────

/** Changes the status or the assignee (agents and above); `done` resolves, leaving `done` reopens. */
export async function updateConversation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ConversationUpdate,
): Promise<ConversationSummary> {
  if (!canWorkInbox(actor)) throw forbidden("work on conversations");
  const members = input.assignee?.kind === "user" ? await listMembers(ctx, actor) : [];
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findConversation(tx, actor.orgId, id);
    if (!row) throw notFound("Conversation");
    const now = ctx.clock.now();
    const set: Partial<repo.ConversationRow> = {};
    if (input.assignee !== undefined) {
      if (input.assignee === null) {
        set.assigneeUserId = null;
        set.assigneeTeamId = null;
      } else if (input.assignee.kind === "user") {
        if (!members.some((m) => m.id === input.assignee?.id)) {
          throw new AppError("validation_failed", "Unknown assignee", [
            { field: "assignee.id", message: `no member ${input.assignee.id} in this organisation` },
          ]);
        }
        set.assigneeUserId = input.assignee.id;
        set.assigneeTeamId = null;
      } else {
        if (!(await repo.findTeam(tx, actor.orgId, input.assignee.id))) {
          throw new AppError("validation_failed", "Unknown team", [
            { field: "assignee.id", message: `no team ${input.assignee.id}` },
          ]);
        }
        set.assigneeTeamId = input.assignee.id;
        set.assigneeUserId = null;
      }
      // Someone took it on: it is no longer new.
      if (row.status === "new" && input.status === undefined) set.status = "open";
    }
    if (input.status !== undefined && input.status !== row.status) {
      set.status = input.status;
      if (input.status === "done") set.resolvedAt = now;
      else if (row.status === "done") set.resolvedAt = null;
    }
    if (Object.keys(set).length > 0) {
      await repo.updateConversation(tx, actor.orgId, id, { ...set, lastActivityAt: now, updatedAt: now });
      await recordAudit(tx, ctx, actor, {
        action: "conversation.update",
        entityType: "conversation",
        entityId: id,
        detail: {
          ...input,
          from: {
            status: row.status,
            assigneeUserId: row.assigneeUserId,
            assigneeTeamId: row.assigneeTeamId,
          },
        },
      });
    }
    return summaryOf(tx, actor.orgId, id, actor.userId);
  });
}

/** Adds an internal note; its @mentions are resolved to colleagues, who find it under "mentions me". */
export async function addNote(ctx: AppContext, actor: Actor, id: string, text: string): Promise<NoteRead> {
  if (!canWorkInbox(actor)) throw forbidden("write notes");
  const members = await listMembers(ctx, actor);
  const mentions = resolveMentions(parseMentions(text), members);
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.findConversation(tx, actor.orgId, id))) throw notFound("Conversation");
    const now = ctx.clock.now();
    const row: repo.NoteRow = {
      id: ctx.ids.id(),
      orgId: actor.orgId,
      conversationId: id,
      authorUserId: actor.userId,
      author: actorLabel(actor),
      text,
      mentions,
      createdAt: now,
    };
    await repo.insertNote(tx, row);
    await repo.updateConversation(tx, actor.orgId, id, { lastActivityAt: now, updatedAt: now });
    await recordAudit(tx, ctx, actor, {
      action: "conversation.note",
      entityType: "conversation",
      entityId: id,
      detail: { noteId: row.id, mentions },
    });
    const names = new Map(members.map((m) => [m.id, m.name]));
    return {
      id: row.id,
      author: { userId: actor.userId, name: (actor.userId && names.get(actor.userId)) || row.author },
      text,
      mentions: mentions.map((m) => ({ id: m, name: names.get(m) ?? m })),
      createdAt: now.toISOString(),
    };
  });
}

/** Records that the signed-in person is (or stopped) writing an answer; counts for 30 seconds. */
export async function setPresence(ctx: AppContext, actor: Actor, id: string, composing: boolean) {
  if (!canWorkInbox(actor)) throw forbidden("answer conversations");
  if (!actor.userId) throw new AppError("bad_request", "Presence is for signed-in people, not API tokens");
  const userId = actor.userId;
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findConversation(tx, actor.orgId, id))) throw notFound("Conversation");
    if (composing) {
      const expiresAt = new Date(ctx.clock.now().getTime() + presenceSeconds * 1000);
      await repo.upsertPresence(tx, { orgId: actor.orgId, conversationId: id, userId, expiresAt });
    } else {
      await repo.deletePresence(tx, actor.orgId, id, userId);
    }
  });
}

/** Removes presence that expired (the background loop). */
export async function expirePresence(ctx: AppContext) {
  await repo.deleteExpiredPresence(ctx.db, ctx.clock.now());
}

/**
 * Called by publishing in the transaction that sends a reply: the first one sets the first response time;
 * the conversation then waits for the customer.
 */
export async function noteReplySent(
  tx: Tx,
  ctx: AppContext,
  input: { orgId: string; conversationId: string; sentAt: Date; actor: Actor },
): Promise<void> {
  const row = await repo.findConversation(tx, input.orgId, input.conversationId);
  if (!row) throw notFound("Conversation");
  const now = ctx.clock.now();
  await repo.updateConversation(tx, input.orgId, input.conversationId, {
    firstRespondedAt: row.firstRespondedAt ?? input.sentAt,
    status: row.status === "done" ? "done" : "waiting",
    lastActivityAt: new Date(Math.max(input.sentAt.getTime(), row.lastActivityAt.getTime())),
    updatedAt: now,
  });
  await recordAudit(tx, ctx, input.actor, {
    action: "conversation.reply_sent",
    entityType: "conversation",
    entityId: input.conversationId,
    detail: { sentAt: input.sentAt.toISOString(), first: row.firstRespondedAt === null },
  });
}
