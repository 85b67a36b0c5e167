import { and, desc, eq, inArray, isNull, lt, ne, or, type SQL } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { posts } from "../posts/posts.table.ts";
import { drafts, publishingRules } from "./publishing.table.ts";

export type DraftRow = typeof drafts.$inferSelect;
export type RulesRow = typeof publishingRules.$inferSelect;

export async function insertDraft(tx: Tx, row: DraftRow) {
  await tx.insert(drafts).values(row);
}

/** One draft of the organisation. */
export async function findDraft(tx: Tx, orgId: string, id: string): Promise<DraftRow | undefined> {
  const [row] = await tx
    .select()
    .from(drafts)
    .where(and(eq(drafts.orgId, orgId), eq(drafts.id, id)));
  return row;
}

/**
 * Changes a draft only while it is still in one of `states` and at `version`; undefined when another
 * request changed it first. This compare-and-set is what lets two approvers press at once and only one win.
 */
export async function updateDraftIf(
  tx: Tx,
  orgId: string,
  id: string,
  expect: { states: readonly string[]; version?: number },
  set: Partial<DraftRow>,
): Promise<DraftRow | undefined> {
  const where: SQL[] = [
    eq(drafts.orgId, orgId),
    eq(drafts.id, id),
    inArray(drafts.state, [...expect.states]),
  ];
  if (expect.version !== undefined) where.push(eq(drafts.version, expect.version));
  const [row] = await tx
    .update(drafts)
    .set(set)
    .where(and(...where))
    .returning();
  return row;
}

/** Claims a draft for sending: approved or failed, or a send whose claim ran out; undefined when not. */
export async function claimForSend(tx: Tx, orgId: string, id: string, now: Date, until: Date) {
  const [row] = await tx
    .update(drafts)
    .set({ state: "sending", lockedUntil: until })
    .where(
      and(
        eq(drafts.orgId, orgId),
        eq(drafts.id, id),
        eq(drafts.sendByHand, false),
        or(
          inArray(drafts.state, ["approved", "failed"]),
          and(eq(drafts.state, "sending"), or(isNull(drafts.lockedUntil), lt(drafts.lockedUntil, now))),
        ),
      ),
    )
    .returning();
  return row;
}

/** Drafts of the organisation, most recently changed first. */
export async function listDrafts(
  tx: Tx,
  orgId: string,
  f: {
    conversationId?: string | undefined;
    states?: string[] | undefined;
    author?: string;
    notAuthor?: string;
    limit: number;
  },
): Promise<DraftRow[]> {
  const where: SQL[] = [eq(drafts.orgId, orgId)];
  if (f.conversationId) where.push(eq(drafts.conversationId, f.conversationId));
  if (f.states) where.push(inArray(drafts.state, f.states));
  if (f.author) where.push(eq(drafts.author, f.author));
  if (f.notAuthor) where.push(ne(drafts.author, f.notAuthor));
  return tx
    .select()
    .from(drafts)
    .where(and(...where))
    .orderBy(desc(drafts.updatedAt), desc(drafts.id))
    .limit(f.limit);
}

/** How many drafts wait for approval by someone other than `author`. */
export async function countPendingNotBy(tx: Tx, orgId: string, author: string): Promise<number> {
  const rows = await tx
    .select({ id: drafts.id })
    .from(drafts)
    .where(and(eq(drafts.orgId, orgId), eq(drafts.state, "pending_approval"), ne(drafts.author, author)));
  return rows.length;
}

export async function findRules(tx: Tx, orgId: string): Promise<RulesRow | undefined> {
  const [row] = await tx.select().from(publishingRules).where(eq(publishingRules.orgId, orgId));
  return row;
}

export async function upsertRules(tx: Tx, row: RulesRow) {
  const { orgId: _, ...set } = row;
  await tx.insert(publishingRules).values(row).onConflictDoUpdate({ target: publishingRules.orgId, set });
}

// The one read of another domain's table: the answered post's platform payload (ids a reply needs, e.g.
// Bluesky's cid), which the posts API does not return.

/** The post a reply answers: its platform, ids, link, payload and the connector that brought it. */
export async function findReplyTarget(tx: Tx, orgId: string, postId: string) {
  const [row] = await tx
    .select({
      id: posts.id,
      platform: posts.platform,
      externalId: posts.externalId,
      url: posts.url,
      raw: posts.raw,
      sourceId: posts.sourceId,
      lang: posts.lang,
    })
    .from(posts)
    .where(and(eq(posts.orgId, orgId), eq(posts.id, postId)));
  return row;
}
