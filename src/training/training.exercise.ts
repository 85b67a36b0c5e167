// Reading exercises: the clock of an exercise, who may see and run it, and the API shape of it and its teams.

import { type ClockMark, type ExerciseClock, scenarioMsAt } from "../core/training/training.clock.ts";
import { type AddedInject, allInjectIds, playerScenario } from "../core/training/training.scenario.ts";
import type { TrainingRole } from "../core/training/training.schema.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { memberNames, workspaceKind } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { canRunTraining } from "./training.policy.ts";
import * as repo from "./training.repo.ts";
import type { ExerciseRead } from "./training.schema.ts";

// -------------------------------------------------------------------------------------------- exercises

export const durationMs = (row: repo.ExerciseRow) => row.scenario.durationMinutes * 60_000;

export function clockOf(row: repo.ExerciseRow): ExerciseClock {
  return {
    running: row.status === "running",
    speed: row.speed,
    anchorAt: row.anchorAt,
    anchorMs: row.anchorMs,
  };
}

/** Scenario ms of an exercise at `now`. */
export function exerciseMs(row: repo.ExerciseRow, now: Date): number {
  return scenarioMsAt(clockOf(row), now, durationMs(row));
}

/** The exercise clock's history (every control), for placing past actions in scenario time. */
export function clockMarks(events: repo.EventRow[]): ClockMark[] {
  return events
    .filter((e) => ["start", "pause", "resume", "speed", "end"].includes(e.kind))
    .map((e) => ({
      at: e.at,
      scenarioMs: e.scenarioMs,
      running: Boolean(e.detail.running),
      speed: Number(e.detail.speed ?? 1),
    }));
}

export async function requireRunner(ctx: AppContext, actor: Actor) {
  if (!canRunTraining(actor)) throw forbidden("run training exercises");
  if ((await workspaceKind(ctx, actor.orgId)).kind !== "live") {
    throw new AppError("forbidden", "Exercises are run from the real workspace, not from inside an exercise");
  }
}

/**
 * Where the caller stands in training: the real organisation whose exercises they see (their own, or the
 * owner of the exercise workspace they are in), and whether they run exercises (a trainer, manager or admin
 * working in the real workspace); everyone else sees only the exercises they take part in.
 */
export async function trainingScope(ctx: AppContext, actor: Actor) {
  const kind = await workspaceKind(ctx, actor.orgId);
  const liveOrgId = kind.kind === "exercise" && kind.parentId ? kind.parentId : actor.orgId;
  return { liveOrgId, runner: kind.kind === "live" && canRunTraining(actor) };
}

/** The exercise and the live organisation it belongs to, for an actor in the live org or a team workspace. */
export async function visibleExercise(ctx: AppContext, actor: Actor, id: string) {
  const { liveOrgId, runner } = await trainingScope(ctx, actor);
  const row = await repo.findExercise(ctx.db, liveOrgId, id);
  if (!row) throw notFound("Exercise");
  if (runner) return row;
  // Everyone else sees exercises they take part in.
  const mine = actor.userId ? await repo.exerciseIdsOfUser(ctx.db, actor.userId) : new Set<string>();
  if (!mine.has(row.id)) throw notFound("Exercise");
  return row;
}

export async function present(
  ctx: AppContext,
  actor: Actor,
  rows: repo.ExerciseRow[],
): Promise<ExerciseRead[]> {
  const ids = rows.map((r) => r.id);
  const [teams, participants] = await Promise.all([
    repo.listTeams(ctx.db, ids),
    repo.listParticipants(ctx.db, ids),
  ]);
  const creators = await memberNames(
    ctx.db,
    rows[0]?.orgId ?? actor.orgId,
    rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])),
  );
  const now = ctx.clock.now();
  const { runner } = await trainingScope(ctx, actor);
  return rows.map((row) => ({
    id: row.id,
    scenarioId: row.scenarioId,
    scenarioVersion: row.scenarioVersion,
    title: row.scenario.title,
    summary: row.scenario.summary,
    lang: row.lang as "de" | "en",
    mode: row.mode as "team" | "individual",
    status: row.status as ExerciseRead["status"],
    clock: {
      scenarioMs: exerciseMs(row, now),
      speed: row.speed,
      now: now.toISOString(),
      durationMinutes: row.scenario.durationMinutes,
    },
    teams: teams
      .filter((t) => t.exerciseId === row.id)
      .map((t) => ({
        id: t.id,
        name: t.name,
        workspaceId: t.workspaceId,
        members: participants
          .filter((p) => p.teamId === t.id)
          .map((p) => ({
            userId: p.userId,
            name: p.name,
            teamId: p.teamId,
            role: p.role as TrainingRole,
            joinedAt: p.joinedAt.toISOString(),
          })),
      })),
    joinCode: runner ? row.joinCode : null,
    createdBy: {
      id: row.createdBy,
      name: (row.createdBy && creators.get(row.createdBy)) || "—",
    },
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    canRun: runner,
  }));
}

export async function presentOne(
  ctx: AppContext,
  actor: Actor,
  row: repo.ExerciseRow,
): Promise<ExerciseRead> {
  const [read] = await present(ctx, actor, [row]);
  if (!read) throw notFound("Exercise");
  return read;
}

/** Exercises of the organisation (trainers) or the ones the caller takes part in. */
export async function listExercises(ctx: AppContext, actor: Actor): Promise<ExerciseRead[]> {
  const { liveOrgId, runner } = await trainingScope(ctx, actor);
  let rows = await repo.listExercises(ctx.db, liveOrgId);
  if (!runner) {
    const mine = actor.userId ? await repo.exerciseIdsOfUser(ctx.db, actor.userId) : new Set<string>();
    rows = rows.filter((r) => mine.has(r.id));
  }
  return present(ctx, actor, rows);
}

/** One exercise. */
export async function getExercise(ctx: AppContext, actor: Actor, id: string): Promise<ExerciseRead> {
  return presentOne(ctx, actor, await visibleExercise(ctx, actor, id));
}

/** Every inject added while the exercise ran (fired branches, hand-sent posts) for a team; null: for any team. */
export function addedInjects(events: repo.EventRow[], teamId: string | null): AddedInject[] {
  return events
    .filter(
      (e) =>
        (e.kind === "branch" || e.kind === "inject") &&
        (teamId === null || e.teamId === null || e.teamId === teamId),
    )
    .flatMap((e) => (e.detail.injects as AddedInject[] | undefined) ?? []);
}

/** The injects a team's play has (null: any team's): the scenario's, every branch's and those added. */
export function teamInjectIds(
  row: repo.ExerciseRow,
  events: repo.EventRow[],
  teamId: string | null,
): Set<string> {
  return new Set([...allInjectIds(row.scenario), ...addedInjects(events, teamId).map((i) => i.id)]);
}

/**
 * The player's scenario for a team now: the scenario in the exercise's language plus its added posts. An
 * added post due before `resumeFromMs` (the player had already gone past it when it was added) is played
 * at `resumeFromMs`; one that was delivered before is dropped again by ingest (same external id).
 */
export function teamPlay(row: repo.ExerciseRow, events: repo.EventRow[], teamId: string, resumeFromMs = 0) {
  const added = addedInjects(events, teamId).map((inject) => ({
    ...inject,
    atMs: Math.max(inject.atMs, resumeFromMs),
  }));
  return playerScenario(row.scenario, row.lang as "de" | "en", added);
}

/** Sends a post by hand into one team's workspace or every team's (trainers). */
