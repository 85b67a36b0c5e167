// Building conversations from assessed posts: which post opens one, which thread it belongs to, and the
// state a later post of the thread changes (priority, activity, reopening, our own answer).
import { type AuditEvent, recordAudits } from "../audit/audit.service.ts";
import { attentionReasons } from "../core/inbox/attention.ts";
import { isOfficialHandle, type OfficialAccount } from "../core/risk/risk.types.ts";
import { addBusinessMinutes, type ServiceCalendar } from "../core/sla/calendar.ts";
import { bandOf, type PriorityBand, type ServiceTargets } from "../core/sla/targets.ts";
import { excerpt } from "../core/text/excerpt.ts";
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
  /** What the batch files, written in one INSERT at its end. */
  toFile: { postId: string; conversationId: string }[];
  /** Conversations opened by this batch, by id, written in one INSERT at its end (changes go to the row). */
  opened: Map<string, repo.ConversationRow>;
  /** Conversations read in this batch, by id (changes are written and applied to the row). */
  read: Map<string, repo.ConversationRow>;
  /**
   * The conversation of each thread root looked at (by `repo.threadKey`; null: none), read for all of the
   * batch's posts in one query at its start.
   */
  threads: Map<string, repo.ConversationRow | null>;
  /** The parents of the batch's replies (by `repo.threadKey`), read in one query at its start. */
  parents: Map<string, repo.ThreadPost>;
  /**
   * Whether each of the batch's posts (by `repo.threadKey`) had stored replies when the batch began: a root
   * without any needs no search for descendants (a reply stored later is placed by the sync that reads it,
   * through its parent).
   */
  hasReplies: Map<string, boolean>;
  counts: SyncCounts;
  /**
   * Audit entries of the batch, written just before it commits: an entry takes the organisation's audit
   * chain lock until commit, and a batch of 200 posts holding it from its first conversation on kept every
   * alert of the organisation waiting for seconds under load.
   */
  audits: AuditEvent[];
}

// A sync batch reads what it needs for all its posts in a few queries and writes its conversations and
// their posts in one INSERT each; per post it only reads what the batch could not know (ancestors further
// up, replies of threads that have some) and updates conversations that existed before. (Per post, the
// queries took ten times the store stage's database time under load.)
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
  const open = batch.filter((post) => !post.conversationId);
  const replies = open.flatMap((post) =>
    post.inReplyTo ? [{ platform: post.platform, externalId: post.inReplyTo }] : [],
  );
  const threads = new Map<string, repo.ConversationRow | null>(
    open.map((post) => [repo.threadKey(post), null]),
  );
  const read = new Map<string, repo.ConversationRow>();
  for (const [key, row] of await repo.conversationsOfThreads(tx, orgId, open)) {
    threads.set(key, row);
    read.set(row.id, row);
  }
  const place: Placement = {
    tx,
    ctx,
    orgId,
    now,
    accounts,
    settings: { ...settings },
    filed: new Map(),
    toFile: [],
    opened: new Map(),
    read,
    threads,
    parents: new Map((await repo.postsByExternalIds(tx, orgId, replies)).map((p) => [repo.threadKey(p), p])),
    hasReplies: await repo.haveReplies(tx, orgId, open),
    counts: { opened: 0, added: 0 },
    audits: [],
  };
  for (const post of open) {
    if (place.filed.has(post.id)) continue;
    await placePost(place, post);
  }
  await repo.insertConversations(tx, [...place.opened.values()]);
  place.counts.added = (await repo.addConversationPosts(tx, orgId, place.toFile, now)).length;
  const last = batch.at(-1);
  if (last) {
    await repo.updateSettings(tx, orgId, {
      cursorAssessedAt: last.assessedAt,
      cursorPostId: last.id,
      nextTicket: place.settings.nextTicket,
    });
  }
  await recordAudits(tx, ctx, system(orgId), place.audits);
  return { counts: place.counts, more: batch.length === syncBatch };
}

const conversationOf = (place: Placement, post: repo.ThreadPost) =>
  post.conversationId ?? place.filed.get(post.id) ?? null;

/** The post `inReplyTo` names: read with the batch, or now (an ancestor further up). */
async function parentOf(place: Placement, post: repo.ThreadPost, inReplyTo: string) {
  const key = repo.threadKey({ platform: post.platform, externalId: inReplyTo });
  const [parent] = place.parents.has(key)
    ? [place.parents.get(key)]
    : await repo.postsByExternalIds(place.tx, place.orgId, [
        { platform: post.platform, externalId: inReplyTo },
      ]);
  return parent;
}

/** The conversation of the thread at `root`: read with the batch, or now (a root outside the batch). */
async function conversationOfRoot(place: Placement, root: repo.ThreadPost) {
  const key = repo.threadKey(root);
  const known = place.threads.get(key);
  if (known !== undefined) return known;
  const row = (await repo.conversationsOfThreads(place.tx, place.orgId, [root])).get(key) ?? null;
  place.threads.set(key, row);
  if (row) place.read.set(row.id, row);
  return row;
}

async function placePost(place: Placement, post: repo.ThreadPost) {
  // Up the thread among stored posts: the first ancestor in a conversation decides; else the topmost is the root.
  const chain: repo.ThreadPost[] = [];
  let joined: string | null = null;
  let current = post;
  for (let depth = 0; current.inReplyTo && depth < 50; depth++) {
    const parent = await parentOf(place, post, current.inReplyTo);
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
  const root = chain.at(-1) ?? post;
  // Replies stored before the post they answer: one that needed attention opened a conversation rooted at
  // itself. The post it answers (and the stored ancestors above) now join that conversation as its root, so
  // the thread stays one conversation, whatever the post alone would need.
  const adopting = await conversationOfEarlyReply(place, post);
  if (adopting) {
    await reroot(place, adopting, root);
    await fileInto(place, adopting.id, [...chain.reverse(), post], { earlier: true });
    await fileInto(place, adopting.id, await descendants(place, root));
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
  const conversation =
    (await conversationOfRoot(place, root)) ?? openConversation(place, post, root, reasons);
  const thread = [...chain.reverse(), post, ...(await descendants(place, root))];
  await fileInto(place, conversation.id, thread);
}

/**
 * The conversation rooted at a stored reply to the post, opened before the post was stored (the one with the
 * lowest ticket when several replies opened one); null when there is none.
 */
async function conversationOfEarlyReply(
  place: Placement,
  post: repo.ThreadPost,
): Promise<repo.ConversationRow | null> {
  if (place.hasReplies.get(repo.threadKey(post)) === false) return null;
  let best: repo.ConversationRow | null = null;
  for (const reply of await repo.repliesTo(place.tx, place.orgId, post.platform, [post.externalId])) {
    const id = conversationOf(place, reply);
    if (!id) continue;
    const row = await conversationRow(place, id);
    if (row?.rootPostId === reply.id && (!best || row.ticket < best.ticket)) best = row;
  }
  return best;
}

/** A conversation by id: opened or read in this batch, or now. */
async function conversationRow(place: Placement, id: string) {
  const known = place.opened.get(id) ?? place.read.get(id);
  if (known) return known;
  const row = await repo.findConversation(place.tx, place.orgId, id);
  if (row) place.read.set(id, row);
  return row;
}

/** Makes `root` the root of the conversation (its thread key moves with it), with an audit entry. */
async function reroot(place: Placement, conversation: repo.ConversationRow, root: repo.ThreadPost) {
  const from = conversation.rootExternalId;
  place.threads.set(repo.threadKey({ platform: conversation.platform, externalId: from }), null);
  place.threads.set(repo.threadKey(root), conversation);
  const set = { rootExternalId: root.externalId, rootPostId: root.id, updatedAt: place.now };
  Object.assign(conversation, set);
  if (!place.opened.has(conversation.id)) {
    await repo.updateConversation(place.tx, place.orgId, conversation.id, set);
  }
  place.audits.push({
    action: "conversation.reroot",
    entityType: "conversation",
    entityId: conversation.id,
    detail: { ticket: conversation.ticket, from, to: root.externalId, postId: root.id },
  });
}

/** Stored replies below the root, breadth first, that are in no conversation yet (at most 500). */
async function descendants(place: Placement, root: repo.ThreadPost): Promise<repo.ThreadPost[]> {
  const out: repo.ThreadPost[] = [];
  // A root from the batch without replies at its start (one query for the batch) needs no search.
  if (place.hasReplies.get(repo.threadKey(root)) === false) return out;
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

function openConversation(
  place: Placement,
  post: repo.ThreadPost,
  root: repo.ThreadPost,
  reasons: string[],
): repo.ConversationRow {
  const { ctx, orgId, now, settings } = place;
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
  settings.nextTicket++;
  place.counts.opened++;
  place.opened.set(row.id, row);
  place.threads.set(repo.threadKey(root), row);
  place.audits.push({
    action: "conversation.open",
    entityType: "conversation",
    entityId: row.id,
    detail: { ticket: row.ticket, postId: post.id, reasons },
  });
  return row;
}

/**
 * Files posts into a conversation and updates its priority, activity and status. `earlier`: the posts come
 * before the conversation's own (the thread it was opened in, stored late); they raise its priority but do
 * not reopen it.
 */
async function fileInto(
  place: Placement,
  conversationId: string,
  thread: repo.ThreadPost[],
  { earlier = false } = {},
) {
  const { tx, orgId, now } = place;
  const fresh = [...new Map(thread.filter((p) => !conversationOf(place, p)).map((p) => [p.id, p])).values()];
  if (fresh.length === 0) return;
  for (const p of fresh) {
    place.filed.set(p.id, conversationId);
    place.toFile.push({ postId: p.id, conversationId });
  }
  const pending = place.opened.has(conversationId);
  const conversation = await conversationRow(place, conversationId);
  if (!conversation) return;
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
  if (
    lastCustomer &&
    !isInitial &&
    !earlier &&
    (conversation.status === "waiting" || conversation.status === "done")
  ) {
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
  if (Object.keys(set).length === 0) return;
  Object.assign(conversation, set, { updatedAt: now });
  if (!pending) await repo.updateConversation(tx, orgId, conversationId, { ...set, updatedAt: now });
}
