import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { topics } from "./topics.table.ts";

export type TopicRow = typeof topics.$inferSelect;

/** Topics of an organisation by name. */
export async function listTopics(tx: Tx, orgId: string): Promise<TopicRow[]> {
  return tx.select().from(topics).where(eq(topics.orgId, orgId)).orderBy(asc(topics.name));
}

/** One topic of an organisation. */
export async function findTopic(tx: Tx, orgId: string, id: string): Promise<TopicRow | undefined> {
  const [row] = await tx
    .select()
    .from(topics)
    .where(and(eq(topics.orgId, orgId), eq(topics.id, id)));
  return row;
}

/** Inserts a topic. */
export async function insertTopic(tx: Tx, row: TopicRow) {
  await tx.insert(topics).values(row);
}

/** Updates a topic. */
export async function updateTopic(tx: Tx, orgId: string, id: string, set: Partial<TopicRow>) {
  await tx
    .update(topics)
    .set(set)
    .where(and(eq(topics.orgId, orgId), eq(topics.id, id)));
}

/** Deletes a topic. */
export async function deleteTopic(tx: Tx, orgId: string, id: string) {
  await tx.delete(topics).where(and(eq(topics.orgId, orgId), eq(topics.id, id)));
}
