import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { users } from "../orgs/orgs.table.ts";
import type { Tx } from "../platform/db/client.ts";
import {
  trainingEvents,
  trainingExercises,
  trainingParticipants,
  trainingResults,
  trainingTeams,
} from "./training.table.ts";

export type ExerciseRow = typeof trainingExercises.$inferSelect;
export type TeamRow = typeof trainingTeams.$inferSelect;
export type ParticipantRow = typeof trainingParticipants.$inferSelect & { name: string; email: string };
export type EventRow = typeof trainingEvents.$inferSelect;
export type ResultRow = typeof trainingResults.$inferSelect;

export async function insertExercise(tx: Tx, row: typeof trainingExercises.$inferInsert) {
  await tx.insert(trainingExercises).values(row);
}

/** An exercise of the (live) organisation. */
export async function findExercise(tx: Tx, orgId: string, id: string): Promise<ExerciseRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingExercises)
    .where(and(eq(trainingExercises.orgId, orgId), eq(trainingExercises.id, id)));
  return row;
}

/** The exercise row locked until the transaction ends: controls of one exercise run one after another. */
export async function lockExercise(tx: Tx, orgId: string, id: string): Promise<ExerciseRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingExercises)
    .where(and(eq(trainingExercises.orgId, orgId), eq(trainingExercises.id, id)))
    .for("update");
  return row;
}

export async function findExerciseByCode(tx: Tx, code: string): Promise<ExerciseRow | undefined> {
  const [row] = await tx.select().from(trainingExercises).where(eq(trainingExercises.joinCode, code));
  return row;
}

/** The organisation's exercises, newest first. */
export async function listExercises(tx: Tx, orgId: string): Promise<ExerciseRow[]> {
  return tx
    .select()
    .from(trainingExercises)
    .where(eq(trainingExercises.orgId, orgId))
    .orderBy(desc(trainingExercises.createdAt))
    .limit(200);
}

/** Exercises the background runner plays: running ones, and paused ones (their players must stop). */
export async function listActiveExercises(tx: Tx): Promise<ExerciseRow[]> {
  return tx
    .select()
    .from(trainingExercises)
    .where(inArray(trainingExercises.status, ["running", "paused"]));
}

export async function updateExercise(
  tx: Tx,
  id: string,
  values: Partial<typeof trainingExercises.$inferInsert>,
): Promise<ExerciseRow> {
  const [row] = await tx
    .update(trainingExercises)
    .set(values)
    .where(eq(trainingExercises.id, id))
    .returning();
  if (!row) throw new Error(`exercise ${id} vanished`);
  return row;
}

/**
 * Takes or renews the lease on playing an exercise for `runnerId` until `until`; false while another runner
 * holds a lease that has not run out. One process plays an exercise, however many run the loops.
 */
export async function claimExercise(tx: Tx, id: string, runnerId: string, now: Date, until: Date) {
  const rows = await tx
    .update(trainingExercises)
    .set({ runnerId, runnerUntil: until })
    .where(
      and(
        eq(trainingExercises.id, id),
        or(
          isNull(trainingExercises.runnerId),
          eq(trainingExercises.runnerId, runnerId),
          lt(trainingExercises.runnerUntil, now),
        ),
      ),
    )
    .returning({ id: trainingExercises.id });
  return rows.length > 0;
}

/** Raises the generation so the players restart with what changed. */
export async function bumpGeneration(tx: Tx, id: string) {
  await tx
    .update(trainingExercises)
    .set({ generation: sql`${trainingExercises.generation} + 1` })
    .where(eq(trainingExercises.id, id));
}

export async function deleteExercise(tx: Tx, orgId: string, id: string) {
  await tx
    .delete(trainingExercises)
    .where(and(eq(trainingExercises.orgId, orgId), eq(trainingExercises.id, id)));
}

export async function insertTeam(tx: Tx, row: typeof trainingTeams.$inferInsert) {
  await tx.insert(trainingTeams).values(row);
}

/** Teams of exercises, in the order they were made. */
export async function listTeams(tx: Tx, exerciseIds: readonly string[]): Promise<TeamRow[]> {
  if (exerciseIds.length === 0) return [];
  return tx
    .select()
    .from(trainingTeams)
    .where(inArray(trainingTeams.exerciseId, [...exerciseIds]))
    .orderBy(asc(trainingTeams.createdAt), asc(trainingTeams.name));
}

/** The team whose sandbox a workspace is. */
export async function findTeamByWorkspace(tx: Tx, workspaceId: string): Promise<TeamRow | undefined> {
  const [row] = await tx.select().from(trainingTeams).where(eq(trainingTeams.workspaceId, workspaceId));
  return row;
}

export async function updateDelivered(tx: Tx, teamId: string, deliveredMs: number) {
  await tx
    .update(trainingTeams)
    .set({ deliveredMs: sql`greatest(${trainingTeams.deliveredMs}, ${Math.floor(deliveredMs)})` })
    .where(eq(trainingTeams.id, teamId));
}

/** Adds a participant; false when the person had joined already (a concurrent join won). */
export async function insertParticipant(
  tx: Tx,
  row: typeof trainingParticipants.$inferInsert,
): Promise<boolean> {
  const inserted = await tx
    .insert(trainingParticipants)
    .values(row)
    .onConflictDoNothing()
    .returning({ userId: trainingParticipants.userId });
  return inserted.length > 0;
}

/** Participants of exercises with their names. */
export async function listParticipants(tx: Tx, exerciseIds: readonly string[]): Promise<ParticipantRow[]> {
  if (exerciseIds.length === 0) return [];
  return tx
    .select({
      exerciseId: trainingParticipants.exerciseId,
      userId: trainingParticipants.userId,
      teamId: trainingParticipants.teamId,
      role: trainingParticipants.role,
      joinedAt: trainingParticipants.joinedAt,
      name: users.name,
      email: users.email,
    })
    .from(trainingParticipants)
    .innerJoin(users, eq(users.id, trainingParticipants.userId))
    .where(inArray(trainingParticipants.exerciseId, [...exerciseIds]))
    .orderBy(asc(trainingParticipants.joinedAt));
}

/** Ids of the exercises a person takes part in. */
export async function exerciseIdsOfUser(tx: Tx, userId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ id: trainingParticipants.exerciseId })
    .from(trainingParticipants)
    .where(eq(trainingParticipants.userId, userId));
  return new Set(rows.map((r) => r.id));
}

/** Records an event; a branch that already fired for the team is not recorded twice (returns false). */
export async function insertEvent(tx: Tx, row: typeof trainingEvents.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(trainingEvents)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: trainingEvents.id });
  return inserted.length > 0;
}

/** An exercise's events in order, optionally only those after a time. */
export async function listEvents(tx: Tx, exerciseId: string, after?: Date): Promise<EventRow[]> {
  return tx
    .select()
    .from(trainingEvents)
    .where(and(eq(trainingEvents.exerciseId, exerciseId), ...(after ? [gt(trainingEvents.at, after)] : [])))
    .orderBy(asc(trainingEvents.at), asc(trainingEvents.id));
}

export async function upsertResult(tx: Tx, row: typeof trainingResults.$inferInsert) {
  await tx
    .insert(trainingResults)
    .values(row)
    .onConflictDoUpdate({
      target: [trainingResults.exerciseId, trainingResults.teamId],
      set: { score: row.score, passed: row.passed, result: row.result, computedAt: row.computedAt },
    });
}

export async function listResults(tx: Tx, exerciseIds: readonly string[]): Promise<ResultRow[]> {
  if (exerciseIds.length === 0) return [];
  return tx
    .select()
    .from(trainingResults)
    .where(inArray(trainingResults.exerciseId, [...exerciseIds]));
}

/** Ended exercises of an organisation, for progress. */
export async function listEndedExercises(tx: Tx, orgId: string): Promise<ExerciseRow[]> {
  return tx
    .select()
    .from(trainingExercises)
    .where(and(eq(trainingExercises.orgId, orgId), eq(trainingExercises.status, "ended")))
    .orderBy(desc(trainingExercises.endedAt));
}
