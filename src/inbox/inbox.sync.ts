// Building conversations from assessed posts: which post opens one, which thread it belongs to, and the
// state a later post of the thread changes (priority, activity, reopening, our own answer).
import { type AuditEvent, recordAudit } from "../audit/audit.service.ts";
import { excerpt } from "../core/alerts/rules.ts";
import { attentionReasons, isOfficialHandle, type OfficialAccount } from "../core/inbox/attention.ts";
import { addBusinessMinutes, type ServiceCalendar } from "../core/sla/calendar.ts";
import { bandOf, type PriorityBand, type ServiceTargets } from "../core/sla/targets.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db/client.ts";
import { getRiskProfile } from "../risk/risk.service.ts";
import * as repo from "./inbox.repo.ts";

import { settingsOf, system } from "./inbox.service.ts";

const syncBatch = 200;
/** The sync reads posts stored at least this long ago (see `assessedSince`). */
export const settleMs = 5_000;

/** What one sync did. */
export interface SyncCounts {
  /** Conversations opened. */
  opened: number;
  /** Posts added to conversations (new and existing). */
  added: number;
}

/**
 * Reads the posts assessed since each organisation's cursor and files those that need attention into the
 * conversation of their thread (opening it), and later posts of a thread into its conversation. Serialised
 * per organisation with an advisory lock; a post lands in at most one conversation, so a second sync (or a
 * second process) changes nothing.
 */
export async function syncInbox(ctx: AppContext): Promise<SyncCounts> {
  const total: SyncCounts = { opened: 0, added: 0 };
  for (const orgId of await repo.organisationIds(ctx.db)) {
    const counts = await syncOrganisation(ctx, orgId);
    total.opened += counts.opened;
    total.added += counts.added;
  }
  return total;
}

/** `syncInbox` for one organisation. */
export async function syncOrganisation(ctx: AppContext, orgId: string): Promise<SyncCounts> {
  const accounts: OfficialAccount[] = (await getRiskProfile(ctx, orgId)).officialAccounts;
  const total: SyncCounts = { opened: 0, added: 0 };
  for (;;) {
    const started = performance.now();
    const { counts, more } = await ctx.db.transaction(async (tx) => {
      await repo.lockInboxSync(tx, orgId);
      return syncBatchOf(tx, ctx, orgId, accounts);
    });
    total.opened += counts.opened;
    total.added += counts.added;
    if (!more) return total;
    // Catching up, pause as long as the batch took (at most 2 s): the embedded database has one connection
    // and answers without returning to the event loop, so back-to-back batches froze requests and timers
    // and held the pipeline's store stage at a few posts per second. Half the time is left to the rest.
    await new Promise((resolve) => setTimeout(resolve, Math.min(performance.now() - started, 2_000)));
  }
}

interface Placement {
  tx: Tx;
  ctx: AppContext;
  orgId: string;
  now: Date;
  accounts: readonly OfficialAccount[];
  settings: repo.InboxSettingsRow;
  /** Posts filed in this batch, by id, with their conversation. */
  filed: Map<string, string>;
  counts: SyncCounts;
  /**
   * Audit entries of the batch, written just before it commits: an entry takes the organisation's audit
   * chain lock until commit, and a batch of 200 posts holding it from its first conversation on kept every
   * alert of the organisation waiting for seconds under load.
   */
  audits: AuditEvent[];
}

async function syncBatchOf(
  tx: Tx,
  ctx: AppContext,
  orgId: string,
  accounts: readonly OfficialAccount[],
): Promise<{ counts: SyncCounts; more: boolean }> {
  const now = ctx.clock.now();
  const settings = await settingsOf(tx, orgId, now);
  const cursor =
    settings.cursorAssessedAt && settings.cursorPostId
      ? { assessedAt: settings.cursorAssessedAt, postId: settings.cursorPostId }
      : null;
  const batch = await repo.assessedSince(tx, orgId, cursor, new Date(now.getTime() - settleMs), syncBatch);
  const place: Placement = {
    tx,
    ctx,
    orgId,
    now,
    accounts,
    settings: { ...settings },
    filed: new Map(),
    counts: { opened: 0, added: 0 },
    audits: [],
  };
  for (const post of batch) {
    if (post.conversationId || place.filed.has(post.id)) continue;
    await placePost(place, post);
  }
  const last = batch.at(-1);
  if (last) {
    await repo.updateSettings(tx, orgId, {
      cursorAssessedAt: last.assessedAt,
      cursorPostId: last.id,
      nextTicket: place.settings.nextTicket,
    });
  }
  for (const event of place.audits) await recordAudit(tx, ctx, system(orgId), event);
  return { counts: place.counts, more: batch.length === syncBatch };
}

const conversationOf = (place: Placement, post: repo.ThreadPost) =>
  post.conversationId ?? place.filed.get(post.id) ?? null;

async function placePost(place: Placement, post: repo.ThreadPost) {
  const { tx, orgId } = place;
  // Up the thread among stored posts: the first ancestor in a conversation decides; else the topmost is the root.
  const chain: repo.ThreadPost[] = [];
  let joined: string | null = null;
  let current = post;
  for (let depth = 0; current.inReplyTo && depth < 50; depth++) {
    const parent = await repo.postByExternalId(tx, orgId, post.platform, current.inReplyTo);
    if (!parent) break;
    const parentConversation = conversationOf(place, parent);
    if (parentConversation) {
      joined = parentConversation;
      break;
    }
    chain.push(parent);
    current = parent;
  }
  if (joined) {
    await fileInto(place, joined, [...chain.reverse(), post]);
    return;
  }
  const reasons = attentionReasons(
    {
      platform: post.platform,
      text: post.text,
      authorHandle: post.authorHandle,
      priority: post.priority,
      flags: post.flags,
      parentAuthorHandle: chain[0]?.authorHandle ?? null,
    },
    place.accounts,
    place.settings.attentionThreshold,
  );
  if (reasons.length === 0) return;
  const root = chain.at(-1) ?? post;
  const existing = await repo.conversationOfThread(tx, orgId, post.platform, root.externalId);
  const conversationId = existing?.id ?? (await openConversation(place, post, root, reasons));
  const thread = [...chain.reverse(), post, ...(await descendants(place, root))];
  await fileInto(place, conversationId, thread);
}

/** Stored replies below the root, breadth first, that are in no conversation yet (at most 500). */
async function descendants(place: Placement, root: repo.ThreadPost): Promise<repo.ThreadPost[]> {
  const out: repo.ThreadPost[] = [];
  let frontier = [root.externalId];
  const seen = new Set([root.id]);
  for (let depth = 0; frontier.length > 0 && depth < 20 && out.length < 500; depth++) {
    const replies = await repo.repliesTo(place.tx, place.orgId, root.platform, frontier);
    const fresh = replies.filter((r) => !seen.has(r.id));
    for (const r of fresh) seen.add(r.id);
    out.push(...fresh.filter((r) => !conversationOf(place, r)));
    frontier = fresh.map((r) => r.externalId);
  }
  return out;
}

const dueTimes = (calendar: ServiceCalendar, targets: ServiceTargets, band: PriorityBand, start: Date) => ({
  firstResponseDueAt: addBusinessMinutes(calendar, start, targets[band].firstResponseMinutes),
  resolutionDueAt: addBusinessMinutes(calendar, start, targets[band].resolutionMinutes),
});

async function openConversation(
  place: Placement,
  post: repo.ThreadPost,
  root: repo.ThreadPost,
  reasons: string[],
): Promise<string> {
  const { tx, ctx, orgId, now, settings } = place;
  // The clock starts when the customer posted (a post from the future is taken as posted now).
  const start = post.postedAt.getTime() < now.getTime() ? post.postedAt : now;
  const band = bandOf(post.priority);
  const row: repo.ConversationRow = {
    id: ctx.ids.id(),
    orgId,
    ticket: settings.nextTicket,
    platform: post.platform,
    rootExternalId: root.externalId,
    rootPostId: root.id,
    subject: excerpt(post.text, 140),
    lang: post.lang,
    priority: post.priority,
    status: "new",
    assigneeUserId: null,
    assigneeTeamId: null,
    firstPostAt: start,
    ...dueTimes(settings.calendar, settings.targets, band, start),
    firstRespondedAt: null,
    resolvedAt: null,
    firstResponseBreachedAt: null,
    resolutionBreachedAt: null,
    lastActivityAt: start,
    createdAt: now,
    updatedAt: now,
  };
  const stored = await repo.insertConversation(tx, row);
  if (stored.id === row.id) {
    settings.nextTicket++;
    place.counts.opened++;
    place.audits.push({
      action: "conversation.open",
      entityType: "conversation",
      entityId: row.id,
      detail: { ticket: row.ticket, postId: post.id, reasons },
    });
  }
  return stored.id;
}

/** Files posts into a conversation and updates its priority, activity and status. */
async function fileInto(place: Placement, conversationId: string, thread: repo.ThreadPost[]) {
  const { tx, orgId, now } = place;
  const added = new Set(
    await repo.addConversationPosts(
      tx,
      orgId,
      conversationId,
      thread.map((p) => p.id),
      now,
    ),
  );
  const fresh = thread.filter((p) => added.has(p.id));
  for (const p of fresh) place.filed.set(p.id, conversationId);
  place.counts.added += fresh.length;
  const conversation = await repo.findConversation(tx, orgId, conversationId);
  if (!conversation || fresh.length === 0) return;
  const { calendar, targets } = place.settings;
  const set: Partial<repo.ConversationRow> = {};
  const customerPosts = fresh.filter((p) => !isOfficialHandle(place.accounts, p.platform, p.authorHandle));
  const ourPosts = fresh.filter((p) => isOfficialHandle(place.accounts, p.platform, p.authorHandle));
  const priority = Math.max(conversation.priority, ...customerPosts.map((p) => p.priority));
  if (priority > conversation.priority) {
    set.priority = priority;
    // A thread that became more urgent gets the tighter targets of its new band, counted from its start.
    const due = dueTimes(calendar, targets, bandOf(priority), conversation.firstPostAt);
    if (!conversation.firstRespondedAt && due.firstResponseDueAt < conversation.firstResponseDueAt) {
      set.firstResponseDueAt = due.firstResponseDueAt;
    }
    if (!conversation.resolvedAt && due.resolutionDueAt < conversation.resolutionDueAt) {
      set.resolutionDueAt = due.resolutionDueAt;
    }
  }
  const latest = Math.max(...fresh.map((p) => Math.min(p.postedAt.getTime(), now.getTime())));
  if (latest > conversation.lastActivityAt.getTime()) set.lastActivityAt = new Date(latest);
  // An answer the official account wrote on the platform itself counts as the first response.
  const firstOurs = ourPosts.find((p) => p.postedAt >= conversation.firstPostAt);
  if (firstOurs && !conversation.firstRespondedAt) {
    set.firstRespondedAt = firstOurs.postedAt;
    if (conversation.status === "new" || conversation.status === "open") set.status = "waiting";
  }
  // The customer wrote again: a conversation that waited for them, or was done, is open again.
  const lastCustomer = customerPosts.at(-1);
  const isInitial = conversation.createdAt.getTime() === now.getTime() && conversation.status === "new";
  if (lastCustomer && !isInitial && (conversation.status === "waiting" || conversation.status === "done")) {
    set.status = "open";
    if (conversation.status === "done") {
      set.resolvedAt = null;
      const restart = new Date(Math.min(lastCustomer.postedAt.getTime(), now.getTime()));
      set.resolutionDueAt = addBusinessMinutes(
        calendar,
        restart,
        targets[bandOf(priority)].resolutionMinutes,
      );
      place.audits.push({
        action: "conversation.reopen",
        entityType: "conversation",
        entityId: conversationId,
        detail: { postId: lastCustomer.id },
      });
    }
  }
  if (Object.keys(set).length > 0) {
    await repo.updateConversation(tx, orgId, conversationId, { ...set, updatedAt: now });
  }
}
