import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { posts } from "../posts/posts.table.ts";
import { sources } from "./sources.table.ts";

export type SourceRow = typeof sources.$inferSelect;

/** Finds a source by kind and name. */
export async function findSourceByName(
  tx: Tx,
  orgId: string,
  kind: string,
  name: string,
): Promise<SourceRow | undefined> {
  const [row] = await tx
    .select()
    .from(sources)
    .where(and(eq(sources.orgId, orgId), eq(sources.kind, kind), eq(sources.name, name)));
  return row;
}

/** Inserts a source. */
export async function insertSource(tx: Tx, row: SourceRow) {
  await tx.insert(sources).values(row);
}

/** Sources of an organisation with their post counts. */
export async function listSourcesWithCounts(tx: Tx, orgId: string) {
  return tx
    .select({
      id: sources.id,
      kind: sources.kind,
      name: sources.name,
      createdAt: sources.createdAt,
      posts: sql<number>`count(${posts.id})::int`,
    })
    .from(sources)
    .leftJoin(posts, eq(posts.sourceId, sources.id))
    .where(eq(sources.orgId, orgId))
    .groupBy(sources.id)
    .orderBy(asc(sources.createdAt));
}

/** Renames a source. */
export async function renameSource(tx: Tx, orgId: string, id: string, name: string) {
  await tx
    .update(sources)
    .set({ name })
    .where(and(eq(sources.orgId, orgId), eq(sources.id, id)));
}

/** Deletes a source; returns whether it existed. */
export async function deleteSource(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(sources)
    .where(and(eq(sources.orgId, orgId), eq(sources.id, id)))
    .returning({ id: sources.id });
  return deleted.length > 0;
}
