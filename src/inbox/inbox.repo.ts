import {
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { authors } from "../authors/authors.table.ts";
import { riskEngineVersion } from "../core/risk/risk.types.ts";
import { organisations, users } from "../orgs/orgs.table.ts";
import { lockUntilCommit, type Tx } from "../platform/db/client.ts";
import { insertUnnest, inTextPairs } from "../platform/db/unnest.ts";
import { assessments, posts } from "../posts/posts.table.ts";
import {
  conversationNotes,
  conversationPosts,
  conversationPresence,
  conversations,
  inboxSettings,
  inboxTeams,
  savedReplies,
} from "./inbox.table.ts";

export type InboxSettingsRow = typeof inboxSettings.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type NoteRow = typeof conversationNotes.$inferSelect;
export type TeamRow = typeof inboxTeams.$inferSelect;
export type SavedReplyRow = typeof savedReplies.$inferSelect;

// ── Settings and the sync cursor ─────────────────────────────────────────────────────────────────

/** Every organisation's id (the sync visits each). */
export async function organisationIds(tx: Tx): Promise<string[]> {
  return (await tx.select({ id: organisations.id }).from(organisations)).map((r) => r.id);
}

/** The organisation's settings row, created with the given defaults the first time. */
export async function ensureSettings(tx: Tx, defaults: InboxSettingsRow): Promise<InboxSettingsRow> {
  await tx.insert(inboxSettings).values(defaults).onConflictDoNothing();
  const [row] = await tx.select().from(inboxSettings).where(eq(inboxSettings.orgId, defaults.orgId));
  if (!row) throw new Error(`inbox settings of ${defaults.orgId} vanished`);
  return row;
}

/** The organisation's settings row, if it has one. */
export async function findSettings(tx: Tx, orgId: string): Promise<InboxSettingsRow | undefined> {
  const [row] = await tx.select().from(inboxSettings).where(eq(inboxSettings.orgId, orgId));
  return row;
}

export async function updateSettings(tx: Tx, orgId: string, set: Partial<InboxSettingsRow>) {
  await tx.update(inboxSettings).set(set).where(eq(inboxSettings.orgId, orgId));
}

/** Serialises the inbox sync of one organisation across processes until the transaction ends. */
export async function lockInboxSync(tx: Tx, orgId: string) {
  await lockUntilCommit(tx, `inbox-sync:${orgId}`);
}

/** A stored post as the thread builder sees it. */
export interface ThreadPost {
  id: string;
  platform: string;
  externalId: string;
  inReplyTo: string | null;
  text: string;
  lang: string;
  postedAt: Date;
  authorHandle: string;
  priority: number;
  flags: string[];
  conversationId: string | null;
}

const threadColumns = {
  id: posts.id,
  platform: posts.platform,
  externalId: posts.externalId,
  inReplyTo: posts.inReplyTo,
  text: posts.text,
  lang: posts.lang,
  postedAt: posts.postedAt,
  authorHandle: authors.handle,
  priority: sql<number>`coalesce(${assessments.priority}, 0)`.mapWith(Number),
  flags: sql<string[]>`coalesce(${assessments.flags}, '{}'::text[])`,
  conversationId: conversationPosts.conversationId,
};

function threadQuery(tx: Tx, where: SQL | undefined) {
  return tx
    .select(threadColumns)
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(assessments, and(eq(assessments.postId, posts.id), eq(assessments.engine, riskEngineVersion)))
    .leftJoin(conversationPosts, eq(conversationPosts.postId, posts.id))
    .where(where);
}

/**
 * Posts assessed after the cursor and no later than `settledBefore`, oldest first, with the key to move the
 * cursor on. (The store stage stamps `assessedAt` when its transaction starts; reading only what is a few
 * seconds old lets transactions still in flight commit first, so the cursor never passes a post unseen.)
 */
export async function assessedSince(
  tx: Tx,
  orgId: string,
  cursor: { assessedAt: Date; postId: string } | null,
  settledBefore: Date,
  limit: number,
): Promise<(ThreadPost & { assessedAt: Date })[]> {
  const after = cursor
    ? sql`(${assessments.assessedAt}, ${assessments.postId}) > (${cursor.assessedAt.toISOString()}::timestamptz, ${cursor.postId})`
    : undefined;
  return tx
    .select({ ...threadColumns, assessedAt: assessments.assessedAt })
    .from(assessments)
    .innerJoin(posts, eq(posts.id, assessments.postId))
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(conversationPosts, eq(conversationPosts.postId, posts.id))
    .where(
      and(
        eq(assessments.orgId, orgId),
        eq(assessments.engine, riskEngineVersion),
        lte(assessments.assessedAt, settledBefore),
        after,
      ),
    )
    .orderBy(asc(assessments.assessedAt), asc(assessments.postId))
    .limit(limit);
}

/** The key of a post in the batch lookups below: platform and external id. */
export const threadKey = (post: { platform: string; externalId: string }) =>
  `${post.platform}\u0000${post.externalId}`;

// Rows one INSERT of the sync writes at most.
const writeChunk = 500;

/**
 * `(platform, id) in (the items' pairs)`: the condition that finds a batch's posts (or their replies, or their
 * threads) by platform and external id, planned as one index look-up per pair (`inTextPairs`).
 */
function onPlatforms(
  items: readonly { platform: string; externalId: string }[],
  platformColumn: AnyPgColumn,
  idColumn: AnyPgColumn,
): SQL {
  return inTextPairs(
    platformColumn,
    idColumn,
    items.map((item) => [item.platform, item.externalId] as const),
  );
}

/** Whether each post (by `threadKey`) has stored replies: one query for a whole batch. */
export async function haveReplies(
  tx: Tx,
  orgId: string,
  batch: readonly { platform: string; externalId: string }[],
): Promise<Map<string, boolean>> {
  const out = new Map(batch.map((post) => [threadKey(post), false]));
  if (batch.length === 0) return out;
  const rows = await tx
    .selectDistinct({ platform: posts.platform, inReplyTo: posts.inReplyTo })
    .from(posts)
    .where(
      and(
        eq(posts.orgId, orgId),
        isNotNull(posts.inReplyTo),
        onPlatforms(batch, posts.platform, posts.inReplyTo),
      ),
    );
  for (const row of rows) {
    const key = threadKey({ platform: row.platform, externalId: row.inReplyTo ?? "" });
    if (out.has(key)) out.set(key, true);
  }
  return out;
}

/** The stored posts of these platforms' external ids: one query for a whole batch. */
export async function postsByExternalIds(
  tx: Tx,
  orgId: string,
  keys: readonly { platform: string; externalId: string }[],
): Promise<ThreadPost[]> {
  if (keys.length === 0) return [];
  return threadQuery(tx, and(eq(posts.orgId, orgId), onPlatforms(keys, posts.platform, posts.externalId)));
}

/** Stored replies to any of the external ids. */
export async function repliesTo(
  tx: Tx,
  orgId: string,
  platform: string,
  externalIds: string[],
): Promise<ThreadPost[]> {
  if (externalIds.length === 0) return [];
  return threadQuery(
    tx,
    and(
      eq(posts.orgId, orgId),
      isNotNull(posts.inReplyTo),
      inTextPairs(
        posts.platform,
        posts.inReplyTo,
        externalIds.map((id) => [platform, id] as const),
      ),
    ),
  )
    .orderBy(asc(posts.postedAt))
    .limit(500);
}

// ── Conversations ────────────────────────────────────────────────────────────────────────────────

/**
 * Inserts conversations opened by one sync batch. The sync holds the organisation's inbox lock, so no other
 * writer can have opened one of these threads or taken one of these tickets: a conflict is a bug, and it
 * throws (the batch rolls back) instead of filing posts into somebody else's conversation.
 */
export async function insertConversations(tx: Tx, rows: readonly ConversationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += writeChunk) {
    const chunk = rows.slice(i, i + writeChunk);
    const inserted = await insertUnnest(tx, conversations, chunk, sql`on conflict do nothing returning id`);
    if (inserted.length !== chunk.length) {
      throw new Error(`${chunk.length - inserted.length} conversations of this sync exist already`);
    }
  }
}

/** The conversations of the threads rooted at these posts (by `threadKey`): one query for a whole batch. */
export async function conversationsOfThreads(
  tx: Tx,
  orgId: string,
  roots: readonly { platform: string; externalId: string }[],
): Promise<Map<string, ConversationRow>> {
  const out = new Map<string, ConversationRow>();
  if (roots.length === 0) return out;
  const rows = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.orgId, orgId),
        onPlatforms(roots, conversations.platform, conversations.rootExternalId),
      ),
    );
  for (const row of rows) out.set(threadKey({ platform: row.platform, externalId: row.rootExternalId }), row);
  return out;
}

/**
 * Files posts into conversations; a post already in one stays where it is (as with `insertConversations`,
 * only the sync writes here, under its lock). Returns the ids added.
 */
export async function addConversationPosts(
  tx: Tx,
  orgId: string,
  filed: readonly { postId: string; conversationId: string }[],
  now: Date,
): Promise<string[]> {
  const added: string[] = [];
  for (let i = 0; i < filed.length; i += writeChunk) {
    const rows = await insertUnnest(
      tx,
      conversationPosts,
      filed.slice(i, i + writeChunk).map((f) => ({ ...f, orgId, addedAt: now })),
      sql`on conflict do nothing returning post_id`,
    );
    for (const row of rows) added.push(String(row.post_id));
  }
  return added;
}

export async function findConversation(
  tx: Tx,
  orgId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, id)));
  return row;
}

export async function updateConversation(tx: Tx, orgId: string, id: string, set: Partial<ConversationRow>) {
  await tx
    .update(conversations)
    .set(set)
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, id)));
}

/** Sets a breach timestamp unless one is set; returns whether this call set it (one process raises the alert). */
export async function markBreach(
  tx: Tx,
  orgId: string,
  id: string,
  target: "first_response" | "resolution",
  at: Date,
): Promise<boolean> {
  const column =
    target === "first_response" ? conversations.firstResponseBreachedAt : conversations.resolutionBreachedAt;
  const rows = await tx
    .update(conversations)
    .set(target === "first_response" ? { firstResponseBreachedAt: at } : { resolutionBreachedAt: at })
    .where(and(eq(conversations.orgId, orgId), eq(conversations.id, id), isNull(column)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

/** Conversations of every organisation whose first response or resolution is overdue and not yet recorded as missed. */
export async function overdueConversations(tx: Tx, now: Date): Promise<ConversationRow[]> {
  return tx
    .select()
    .from(conversations)
    .where(
      and(
        ne(conversations.status, "done"),
        or(
          and(
            isNull(conversations.firstRespondedAt),
            isNull(conversations.firstResponseBreachedAt),
            lt(conversations.firstResponseDueAt, now),
          ),
          and(
            isNull(conversations.resolvedAt),
            isNull(conversations.resolutionBreachedAt),
            lt(conversations.resolutionDueAt, now),
          ),
        ),
      ),
    )
    .limit(500);
}

/** Filters of the list, resolved by the service. */
export interface ConversationFilter {
  status?: string | undefined;
  assigneeUserId?: string | undefined;
  /** A user: assigned to them or to a team of theirs. */
  assignedToMe?: string | undefined;
  assigneeTeamId?: string | undefined;
  unassigned?: boolean | undefined;
  mentionedUserId?: string | undefined;
  priorityFrom?: number | undefined;
  priorityBelow?: number | undefined;
  q?: string | undefined;
}

/** `%`, `_` and `\` of user input taken literally in a LIKE pattern. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const teamsOf = (userId: string) =>
  sql`(select ${inboxTeams.id} from ${inboxTeams} where ${inboxTeams.memberIds} @> ${JSON.stringify([userId])}::jsonb)`;

/** A conversation row with the names and counts the list shows. */
export type ConversationListRow = ConversationRow & {
  assigneeUserName: string | null;
  assigneeTeamName: string | null;
  postCount: number;
  mentionsMe: boolean;
};

/** Conversations by the filter: not done first, then by the next due time. */
export async function listConversations(
  tx: Tx,
  orgId: string,
  f: ConversationFilter,
  me: string | null,
  limit: number,
  ids?: string[],
): Promise<ConversationListRow[]> {
  const where: (SQL | undefined)[] = [eq(conversations.orgId, orgId)];
  if (ids) where.push(inArray(conversations.id, ids));
  if (f.status) where.push(eq(conversations.status, f.status));
  if (f.assigneeUserId) where.push(eq(conversations.assigneeUserId, f.assigneeUserId));
  if (f.assigneeTeamId) where.push(eq(conversations.assigneeTeamId, f.assigneeTeamId));
  if (f.assignedToMe) {
    where.push(
      or(
        eq(conversations.assigneeUserId, f.assignedToMe),
        inArray(conversations.assigneeTeamId, teamsOf(f.assignedToMe)),
      ),
    );
  }
  if (f.unassigned)
    where.push(and(isNull(conversations.assigneeUserId), isNull(conversations.assigneeTeamId)));
  if (f.mentionedUserId) {
    where.push(
      sql`exists (select 1 from ${conversationNotes} where ${conversationNotes.conversationId} = ${conversations.id} and ${f.mentionedUserId} = any(${conversationNotes.mentions}))`,
    );
  }
  if (f.priorityFrom !== undefined) where.push(sql`${conversations.priority} >= ${f.priorityFrom}`);
  if (f.priorityBelow !== undefined) where.push(sql`${conversations.priority} < ${f.priorityBelow}`);
  if (f.q) {
    const pattern = likePattern(f.q);
    where.push(
      or(
        sql`${conversations.subject} ilike ${pattern} escape '\\'`,
        sql`exists (select 1 from ${conversationPosts} join ${posts} on ${posts.id} = ${conversationPosts.postId} where ${conversationPosts.conversationId} = ${conversations.id} and ${posts.text} ilike ${pattern} escape '\\')`,
      ),
    );
  }
  const mentionsMe = me
    ? sql<boolean>`exists (select 1 from ${conversationNotes} where ${conversationNotes.conversationId} = ${conversations.id} and ${me} = any(${conversationNotes.mentions}))`
    : sql<boolean>`false`;
  const rows = await tx
    .select({
      row: conversations,
      assigneeUserName: users.name,
      assigneeTeamName: inboxTeams.name,
      postCount:
        sql<number>`(select count(*) from ${conversationPosts} where ${conversationPosts.conversationId} = ${conversations.id})`.mapWith(
          Number,
        ),
      mentionsMe,
    })
    .from(conversations)
    .leftJoin(users, eq(users.id, conversations.assigneeUserId))
    .leftJoin(inboxTeams, eq(inboxTeams.id, conversations.assigneeTeamId))
    .where(and(...where))
    .orderBy(
      sql`(${conversations.status} = 'done')`,
      sql`coalesce(case when ${conversations.firstRespondedAt} is null then ${conversations.firstResponseDueAt} end, ${conversations.resolutionDueAt})`,
      desc(conversations.priority),
      asc(conversations.id),
    )
    .limit(limit);
  return rows.map((r) => ({
    ...r.row,
    assigneeUserName: r.assigneeUserName,
    assigneeTeamName: r.assigneeTeamName,
    postCount: r.postCount,
    mentionsMe: Boolean(r.mentionsMe),
  }));
}

/** Conversations not done, and of those the ones whose notes mention the user. */
export async function openCounts(tx: Tx, orgId: string, me: string | null) {
  const [row] = await tx
    .select({
      open: sql<number>`count(*)`.mapWith(Number),
      // Spelled out with table names: in a one-table query Drizzle leaves columns unqualified, and inside
      // the sub-select an unqualified "id" would be the note's.
      mentions: me
        ? sql<number>`count(*) filter (where exists (select 1 from "conversation_notes" n where n."conversation_id" = "conversations"."id" and ${me} = any(n."mentions")))`.mapWith(
            Number,
          )
        : sql<number>`0`.mapWith(Number),
    })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), ne(conversations.status, "done")));
  return { open: row?.open ?? 0, mentions: row?.mentions ?? 0 };
}

/** The stored posts of a conversation, oldest first. */
export async function postsOfConversation(tx: Tx, orgId: string, conversationId: string) {
  return tx
    .select({
      id: posts.id,
      externalId: posts.externalId,
      inReplyTo: posts.inReplyTo,
      platform: posts.platform,
      handle: authors.handle,
      displayName: authors.displayName,
      text: posts.text,
      lang: posts.lang,
      url: posts.url,
      postedAt: posts.postedAt,
      editedAt: posts.editedAt,
      deletedAt: posts.deletedAt,
      priority: sql<number>`coalesce(${assessments.priority}, 0)`.mapWith(Number),
      flags: sql<string[]>`coalesce(${assessments.flags}, '{}'::text[])`,
    })
    .from(conversationPosts)
    .innerJoin(posts, eq(posts.id, conversationPosts.postId))
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(assessments, and(eq(assessments.postId, posts.id), eq(assessments.engine, riskEngineVersion)))
    .where(and(eq(conversationPosts.orgId, orgId), eq(conversationPosts.conversationId, conversationId)))
    .orderBy(asc(posts.postedAt), asc(posts.id));
}

/** Conversations opened since `from` (and before `to`, where given), for the figures. */
export async function conversationsSince(
  tx: Tx,
  orgId: string,
  from: Date,
  to?: Date,
): Promise<ConversationRow[]> {
  return tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.orgId, orgId),
        sql`${conversations.firstPostAt} >= ${from.toISOString()}::timestamptz`,
        to ? sql`${conversations.firstPostAt} < ${to.toISOString()}::timestamptz` : undefined,
      ),
    );
}

/** Conversations not done, by priority (for the figures). */
export async function openPriorities(tx: Tx, orgId: string): Promise<number[]> {
  const rows = await tx
    .select({ priority: conversations.priority })
    .from(conversations)
    .where(and(eq(conversations.orgId, orgId), ne(conversations.status, "done")));
  return rows.map((r) => r.priority);
}

/** Conversations with a breach recorded since `from`. */
export async function breachesSince(tx: Tx, orgId: string, from: Date) {
  return tx
    .select({
      priority: conversations.priority,
      firstResponseBreachedAt: conversations.firstResponseBreachedAt,
      resolutionBreachedAt: conversations.resolutionBreachedAt,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.orgId, orgId),
        or(
          sql`${conversations.firstResponseBreachedAt} >= ${from.toISOString()}::timestamptz`,
          sql`${conversations.resolutionBreachedAt} >= ${from.toISOString()}::timestamptz`,
        ),
      ),
    );
}

// ── Notes and presence ───────────────────────────────────────────────────────────────────────────

export async function insertNote(tx: Tx, row: NoteRow) {
  await tx.insert(conversationNotes).values(row);
}

export async function notesOf(tx: Tx, orgId: string, conversationId: string) {
  return tx
    .select({ note: conversationNotes, authorName: users.name })
    .from(conversationNotes)
    .leftJoin(users, eq(users.id, conversationNotes.authorUserId))
    .where(and(eq(conversationNotes.orgId, orgId), eq(conversationNotes.conversationId, conversationId)))
    .orderBy(asc(conversationNotes.createdAt), asc(conversationNotes.id));
}

export async function upsertPresence(
  tx: Tx,
  row: { orgId: string; conversationId: string; userId: string; expiresAt: Date },
) {
  await tx
    .insert(conversationPresence)
    .values(row)
    .onConflictDoUpdate({
      target: [conversationPresence.conversationId, conversationPresence.userId],
      set: { expiresAt: row.expiresAt },
    });
}

export async function deletePresence(tx: Tx, orgId: string, conversationId: string, userId: string) {
  await tx
    .delete(conversationPresence)
    .where(
      and(
        eq(conversationPresence.orgId, orgId),
        eq(conversationPresence.conversationId, conversationId),
        eq(conversationPresence.userId, userId),
      ),
    );
}

/** Who is composing in a conversation (presence not yet expired), other than `me`. */
export async function composingIn(
  tx: Tx,
  orgId: string,
  conversationId: string,
  now: Date,
  me: string | null,
) {
  return tx
    .select({ userId: conversationPresence.userId, name: users.name })
    .from(conversationPresence)
    .innerJoin(users, eq(users.id, conversationPresence.userId))
    .where(
      and(
        eq(conversationPresence.orgId, orgId),
        eq(conversationPresence.conversationId, conversationId),
        gt(conversationPresence.expiresAt, now),
        me ? ne(conversationPresence.userId, me) : undefined,
      ),
    )
    .orderBy(asc(users.name));
}

/** Removes expired presence rows. */
export async function deleteExpiredPresence(tx: Tx, now: Date) {
  await tx.delete(conversationPresence).where(lt(conversationPresence.expiresAt, now));
}

// ── Teams ────────────────────────────────────────────────────────────────────────────────────────

export async function listTeams(tx: Tx, orgId: string): Promise<TeamRow[]> {
  return tx.select().from(inboxTeams).where(eq(inboxTeams.orgId, orgId)).orderBy(asc(inboxTeams.name));
}

export async function findTeam(tx: Tx, orgId: string, id: string): Promise<TeamRow | undefined> {
  const [row] = await tx
    .select()
    .from(inboxTeams)
    .where(and(eq(inboxTeams.orgId, orgId), eq(inboxTeams.id, id)));
  return row;
}

export async function teamByName(tx: Tx, orgId: string, name: string): Promise<TeamRow | undefined> {
  const [row] = await tx
    .select()
    .from(inboxTeams)
    .where(and(eq(inboxTeams.orgId, orgId), eq(inboxTeams.name, name)));
  return row;
}

export async function insertTeam(tx: Tx, row: TeamRow) {
  await tx.insert(inboxTeams).values(row);
}

export async function updateTeam(tx: Tx, orgId: string, id: string, set: Partial<TeamRow>) {
  await tx
    .update(inboxTeams)
    .set(set)
    .where(and(eq(inboxTeams.orgId, orgId), eq(inboxTeams.id, id)));
}

export async function deleteTeam(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(inboxTeams)
    .where(and(eq(inboxTeams.orgId, orgId), eq(inboxTeams.id, id)))
    .returning({ id: inboxTeams.id });
  return rows.length > 0;
}

// ── Saved replies ────────────────────────────────────────────────────────────────────────────────

/** Saved replies, by title; `q` matches title or text literally (a bound LIKE pattern with escaped wildcards). */
export async function listSavedReplies(
  tx: Tx,
  orgId: string,
  f: { q?: string | undefined; lang?: string | undefined },
): Promise<SavedReplyRow[]> {
  const where: (SQL | undefined)[] = [eq(savedReplies.orgId, orgId)];
  if (f.lang) where.push(eq(savedReplies.lang, f.lang));
  if (f.q) {
    const pattern = likePattern(f.q);
    where.push(
      or(
        sql`${savedReplies.title} ilike ${pattern} escape '\\'`,
        sql`${savedReplies.text} ilike ${pattern} escape '\\'`,
      ),
    );
  }
  return tx
    .select()
    .from(savedReplies)
    .where(and(...where))
    .orderBy(asc(savedReplies.title), asc(savedReplies.id))
    .limit(500);
}

export async function findSavedReply(tx: Tx, orgId: string, id: string): Promise<SavedReplyRow | undefined> {
  const [row] = await tx
    .select()
    .from(savedReplies)
    .where(and(eq(savedReplies.orgId, orgId), eq(savedReplies.id, id)));
  return row;
}

export async function insertSavedReplies(tx: Tx, rows: SavedReplyRow[]) {
  if (rows.length > 0) await tx.insert(savedReplies).values(rows);
}

export async function updateSavedReply(tx: Tx, orgId: string, id: string, set: Partial<SavedReplyRow>) {
  await tx
    .update(savedReplies)
    .set(set)
    .where(and(eq(savedReplies.orgId, orgId), eq(savedReplies.id, id)));
}

export async function deleteSavedReply(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(savedReplies)
    .where(and(eq(savedReplies.orgId, orgId), eq(savedReplies.id, id)))
    .returning({ id: savedReplies.id });
  return rows.length > 0;
}
