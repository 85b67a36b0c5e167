import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { authors } from "../authors/authors.table.ts";
import { incidents } from "../incidents/incidents.table.ts";
import type { Tx } from "../platform/db/client.ts";
import { posts } from "../posts/posts.table.ts";
import { evidenceFiles, evidenceItems, evidenceSettings } from "./evidence.table.ts";

export type EvidenceItemRow = typeof evidenceItems.$inferSelect;
export type EvidenceFileRow = typeof evidenceFiles.$inferSelect;
export type EvidenceSettingsRow = typeof evidenceSettings.$inferSelect;
/** A file without its bytes, for lists. */
export type EvidenceFileMeta = Omit<EvidenceFileRow, "bytes">;

const postWithAuthor = {
  post: posts,
  author: authors,
};

/** A post of the organisation with its author as stored (joins to read related rows). */
export async function findPostWithAuthor(tx: Tx, orgId: string, postId: string) {
  const [row] = await tx
    .select(postWithAuthor)
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .where(and(eq(posts.orgId, orgId), eq(posts.id, postId)));
  return row;
}

/** A post of the organisation by platform and external id, with its author. */
export async function findPostByExternalId(tx: Tx, orgId: string, platform: string, externalId: string) {
  const [row] = await tx
    .select(postWithAuthor)
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .where(and(eq(posts.orgId, orgId), eq(posts.platform, platform), eq(posts.externalId, externalId)));
  return row;
}

/** Direct replies to a post among the organisation's stored posts, oldest first. */
export async function findReplies(
  tx: Tx,
  orgId: string,
  platform: string,
  externalId: string,
  limit: number,
) {
  return tx
    .select(postWithAuthor)
    .from(posts)
    .innerJoin(authors, eq(authors.id, posts.authorId))
    .where(and(eq(posts.orgId, orgId), eq(posts.platform, platform), eq(posts.inReplyTo, externalId)))
    .orderBy(asc(posts.postedAt), asc(posts.id))
    .limit(limit);
}

/** Whether the organisation has the incident (and its status). */
export async function findIncidentStatus(tx: Tx, orgId: string, incidentId: string) {
  const [row] = await tx
    .select({ id: incidents.id, status: incidents.status })
    .from(incidents)
    .where(and(eq(incidents.orgId, orgId), eq(incidents.id, incidentId)));
  return row;
}

export async function insertItem(tx: Tx, item: EvidenceItemRow, files: EvidenceFileRow[]) {
  await tx.insert(evidenceItems).values(item);
  if (files.length > 0) await tx.insert(evidenceFiles).values(files);
}

/** Inserts or replaces files of an item (render again). */
export async function upsertFiles(tx: Tx, files: EvidenceFileRow[]) {
  for (const file of files) {
    await tx
      .insert(evidenceFiles)
      .values(file)
      .onConflictDoUpdate({
        target: [evidenceFiles.itemId, evidenceFiles.name],
        set: {
          mediaType: file.mediaType,
          bytes: file.bytes,
          sha256: file.sha256,
          size: file.size,
          createdAt: file.createdAt,
        },
      });
  }
}

export async function findItem(tx: Tx, orgId: string, id: string): Promise<EvidenceItemRow | undefined> {
  const [row] = await tx
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.orgId, orgId), eq(evidenceItems.id, id)));
  return row;
}

/** Items of an organisation, newest first, optionally of one incident or post. */
export async function listItems(
  tx: Tx,
  orgId: string,
  f: { incidentId?: string | undefined; postId?: string | undefined; limit?: number },
): Promise<EvidenceItemRow[]> {
  const where = [eq(evidenceItems.orgId, orgId)];
  if (f.incidentId) where.push(eq(evidenceItems.incidentId, f.incidentId));
  if (f.postId) where.push(eq(evidenceItems.postId, f.postId));
  return tx
    .select()
    .from(evidenceItems)
    .where(and(...where))
    .orderBy(desc(evidenceItems.capturedAt), desc(evidenceItems.id))
    .limit(f.limit ?? 500);
}

/** The files of the given items without their bytes, in name order. */
export async function listFileMeta(tx: Tx, itemIds: string[]): Promise<EvidenceFileMeta[]> {
  if (itemIds.length === 0) return [];
  return tx
    .select({
      itemId: evidenceFiles.itemId,
      name: evidenceFiles.name,
      mediaType: evidenceFiles.mediaType,
      sha256: evidenceFiles.sha256,
      size: evidenceFiles.size,
      createdAt: evidenceFiles.createdAt,
    })
    .from(evidenceFiles)
    .where(inArray(evidenceFiles.itemId, itemIds))
    .orderBy(asc(evidenceFiles.itemId), asc(evidenceFiles.name));
}

/** The files of an item with their bytes (the item must have been checked against the organisation). */
export async function listFiles(tx: Tx, itemId: string): Promise<EvidenceFileRow[]> {
  return tx
    .select()
    .from(evidenceFiles)
    .where(eq(evidenceFiles.itemId, itemId))
    .orderBy(asc(evidenceFiles.name));
}

/** One file of an item of the organisation. */
export async function findFile(tx: Tx, orgId: string, itemId: string, name: string) {
  const [row] = await tx
    .select({ file: evidenceFiles })
    .from(evidenceFiles)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceFiles.itemId))
    .where(
      and(eq(evidenceItems.orgId, orgId), eq(evidenceFiles.itemId, itemId), eq(evidenceFiles.name, name)),
    );
  return row?.file;
}

export async function updateItem(tx: Tx, orgId: string, id: string, set: Partial<EvidenceItemRow>) {
  await tx
    .update(evidenceItems)
    .set(set)
    .where(and(eq(evidenceItems.orgId, orgId), eq(evidenceItems.id, id)));
}

export async function findSettings(tx: Tx, orgId: string): Promise<EvidenceSettingsRow | undefined> {
  const [row] = await tx.select().from(evidenceSettings).where(eq(evidenceSettings.orgId, orgId));
  return row;
}

export async function upsertSettings(tx: Tx, row: EvidenceSettingsRow) {
  await tx
    .insert(evidenceSettings)
    .values(row)
    .onConflictDoUpdate({
      target: evidenceSettings.orgId,
      set: {
        retentionDays: row.retentionDays,
        tsaUrl: row.tsaUrl,
        timestampEveryCapture: row.timestampEveryCapture,
        updatedAt: row.updatedAt,
      },
    });
}

/** Organisations with a retention period. */
export async function listRetentionSettings(tx: Tx) {
  return tx
    .select({ orgId: evidenceSettings.orgId, retentionDays: evidenceSettings.retentionDays })
    .from(evidenceSettings)
    .where(sql`${evidenceSettings.retentionDays} is not null`);
}

/**
 * Removes the organisation's items captured before `before` that are not on legal hold and belong to
 * no incident that is still open (joins to read the incident's status); returns their ids.
 */
export async function deleteExpiredItems(tx: Tx, orgId: string, before: Date): Promise<string[]> {
  const openIncidents = tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.orgId, orgId), ne(incidents.status, "closed")));
  const deleted = await tx
    .delete(evidenceItems)
    .where(
      and(
        eq(evidenceItems.orgId, orgId),
        eq(evidenceItems.legalHold, false),
        lt(evidenceItems.capturedAt, before),
        or(isNull(evidenceItems.incidentId), sql`${evidenceItems.incidentId} not in ${openIncidents}`),
      ),
    )
    .returning({ id: evidenceItems.id });
  return deleted.map((d) => d.id);
}
