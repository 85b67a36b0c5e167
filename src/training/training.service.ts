// Exercises: a trainer starts a scenario of the library for one or more teams; each team plays in its own
// exercise workspace (an organisation of kind `exercise`, owned by the real one), joins by link, and is
// scored in the debrief. The runner (training.runner.ts) plays the posts and fires the branches.

import { recordAudit } from "../audit/audit.service.ts";
import { moveClock } from "../core/training/training.clock.ts";
import { type AddedInject, branchInjects } from "../core/training/training.scenario.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { deleteExerciseWorkspaces, memberNames } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { markPostsDeleted } from "../posts/posts.service.ts";
import { eventItem, saveResults } from "./training.debrief.ts";
import {
  clockOf,
  durationMs,
  exerciseMs,
  presentOne,
  requireRunner,
  teamInjectIds,
} from "./training.exercise.ts";
import { type LibraryOptions, scenarioOrThrow } from "./training.library.ts";
import * as repo from "./training.repo.ts";
import type { ExerciseCreate, ExerciseRead, FeedItem, HandInject } from "./training.schema.ts";
import { createTeam } from "./training.workspace.ts";

export async function createExercise(
  ctx: AppContext,
  actor: Actor,
  input: ExerciseCreate,
  library: LibraryOptions = {},
): Promise<ExerciseRead> {
  await requireRunner(ctx, actor);
  const scenario = await scenarioOrThrow(ctx, input.scenarioId, library);
  const now = ctx.clock.now();
  const row: repo.ExerciseRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    scenarioId: scenario.id,
    scenarioVersion: scenario.version,
    scenario,
    lang: input.lang,
    mode: input.mode,
    status: "lobby",
    speed: input.speed,
    anchorAt: null,
    anchorMs: 0,
    generation: 0,
    joinCode: ctx.ids.secret(12),
    runnerId: null,
    runnerUntil: null,
    createdBy: actor.userId,
    createdAt: now,
    startedAt: null,
    endedAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertExercise(tx, row);
    await recordAudit(tx, ctx, actor, {
      action: "training.create",
      entityType: "exercise",
      entityId: row.id,
      detail: { scenario: scenario.id, version: scenario.version, lang: input.lang, mode: input.mode },
    });
  });
  if (input.mode === "team") {
    const names = input.teams?.length ? input.teams : [input.lang === "de" ? "Team 1" : "Team 1"];
    const unique = [...new Set(names)];
    for (const name of unique) await createTeam(ctx, row, name, actor.userId);
  }
  return presentOne(ctx, actor, row);
}

/** Deletes an exercise with its workspaces (trainers). */
export async function deleteExercise(ctx: AppContext, actor: Actor, id: string) {
  await requireRunner(ctx, actor);
  const row = await repo.findExercise(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Exercise");
  const teams = await repo.listTeams(ctx.db, [id]);
  await ctx.db.transaction(async (tx) => {
    await repo.deleteExercise(tx, actor.orgId, id);
    await deleteExerciseWorkspaces(
      tx,
      teams.map((t) => t.workspaceId),
    );
    await recordAudit(tx, ctx, actor, { action: "training.delete", entityType: "exercise", entityId: id });
  });
}

const changeListeners = new Set<() => void>();

/** Tells the runner of this process about a control or an added inject (other processes see it within a pass). */
export function onExerciseChanged(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

function exerciseChanged() {
  for (const listener of changeListeners) listener();
}

type Control = "start" | "pause" | "resume" | "end" | "speed";

const allowedFrom: Record<Control, string[]> = {
  start: ["lobby"],
  pause: ["running"],
  resume: ["paused"],
  end: ["lobby", "running", "paused"],
  speed: ["lobby", "running", "paused"],
};

/** Start, pause, resume, end or change speed; each moves the clock's anchor and is an event of the exercise. */
export async function controlExercise(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  id: string,
  control: Control,
  speed?: number,
): Promise<repo.ExerciseRow> {
  if (!("system" in actor)) await requireRunner(ctx, actor);
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await repo.lockExercise(tx, actor.orgId, id);
    if (!row) throw notFound("Exercise");
    if (!allowedFrom[control].includes(row.status)) {
      throw new AppError("conflict", `The exercise is ${row.status}; it cannot ${control} now`);
    }
    const running =
      control === "start" || control === "resume"
        ? true
        : control === "speed"
          ? row.status === "running"
          : false;
    const clock = moveClock(
      clockOf(row),
      now,
      { running, ...(speed !== undefined ? { speed } : {}) },
      durationMs(row),
    );
    const status =
      control === "start" || control === "resume"
        ? "running"
        : control === "pause"
          ? "paused"
          : control === "end"
            ? "ended"
            : row.status;
    const next = await repo.updateExercise(tx, id, {
      status,
      speed: clock.speed,
      anchorAt: clock.anchorAt,
      anchorMs: clock.anchorMs,
      generation: row.generation + 1,
      ...(control === "start" ? { startedAt: now } : {}),
      ...(control === "end" ? { endedAt: now } : {}),
    });
    await repo.insertEvent(tx, {
      id: ctx.ids.id(),
      exerciseId: id,
      teamId: null,
      kind: control,
      at: now,
      scenarioMs: clock.anchorMs,
      actorUserId: "system" in actor ? null : actor.userId,
      detail: { running: clock.running, speed: clock.speed },
    });
    await recordAudit(tx, ctx, actor, {
      action: `training.${control}`,
      entityType: "exercise",
      entityId: id,
      detail: { scenarioMs: clock.anchorMs, speed: clock.speed },
    });
    return next;
  });
  if (control === "end") await saveResults(ctx, updated);
  exerciseChanged();
  return updated;
}

/** The console's controls for the API: the updated exercise. */
export async function control(ctx: AppContext, actor: Actor, id: string, what: Control, speed?: number) {
  return presentOne(ctx, actor, await controlExercise(ctx, actor, id, what, speed));
}

/** Every inject the exercise's teams were given while it ran (fired branches and hand-sent posts). */

export async function sendHandInject(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: HandInject,
): Promise<FeedItem> {
  await requireRunner(ctx, actor);
  const now = ctx.clock.now();
  return ctx.db
    .transaction(async (tx) => {
      const row = await repo.lockExercise(tx, actor.orgId, id);
      if (!row) throw notFound("Exercise");
      if (row.status === "ended") throw new AppError("conflict", "The exercise has ended");
      const teams = await repo.listTeams(tx, [id]);
      if (input.teamId !== null && !teams.some((t) => t.id === input.teamId)) {
        throw new AppError("validation_failed", "No such team in this exercise", [
          { field: "teamId", message: "not a team of this exercise" },
        ]);
      }
      if (!row.scenario.personas.some((p) => p.id === input.persona)) {
        throw new AppError("validation_failed", `No persona "${input.persona}" in the scenario`, [
          { field: "persona", message: `use one of ${row.scenario.personas.map((p) => p.id).join(", ")}` },
        ]);
      }
      const events = await repo.listEvents(tx, id);
      if (input.replyTo !== undefined) {
        if (!teamInjectIds(row, events, input.teamId).has(input.replyTo)) {
          throw new AppError("validation_failed", `No inject "${input.replyTo}" to reply to`, [
            { field: "replyTo", message: "not an inject of this exercise" },
          ]);
        }
      }
      const atMs = Math.max(exerciseMs(row, now), ...teams.map((t) => t.deliveredMs));
      const inject: AddedInject = {
        id: `manual-${ctx.ids
          .secret(6)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, "x")}`,
        atMs,
        persona: input.persona,
        platform: input.platform,
        text: input.text,
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
      };
      const event = {
        id: ctx.ids.id(),
        exerciseId: id,
        teamId: input.teamId,
        kind: "inject",
        at: now,
        scenarioMs: atMs,
        actorUserId: actor.userId,
        detail: { injects: [inject] },
      };
      await repo.insertEvent(tx, event);
      await repo.bumpGeneration(tx, id);
      await recordAudit(tx, ctx, actor, {
        action: "training.inject",
        entityType: "exercise",
        entityId: id,
        detail: { teamId: input.teamId, persona: input.persona, platform: input.platform },
      });
      const names = actor.userId ? await memberNames(tx, actor.orgId, [actor.userId]) : new Map();
      return eventItem({ ...event, branchId: null }, row, names);
    })
    .finally(exerciseChanged);
}

/** Records a branch that fired for a team, with its posts placed from `atMs` and its deletions applied. */
export async function fireBranch(
  ctx: AppContext,
  row: repo.ExerciseRow,
  team: repo.TeamRow,
  branchId: string,
  atMs: number,
): Promise<boolean> {
  const branch = row.scenario.branches.find((b) => b.id === branchId);
  if (!branch) return false;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const fired = await repo.insertEvent(tx, {
      id: ctx.ids.id(),
      exerciseId: row.id,
      teamId: team.id,
      kind: "branch",
      branchId,
      at: now,
      scenarioMs: atMs,
      actorUserId: null,
      detail: {
        note: branch.note,
        injects: branchInjects(branch.id, branch.injects, atMs),
        deletes: branch.deletes,
      },
    });
    if (!fired) return false;
    const externalIds = branch.deletes.map((injectId) => `${row.scenario.id}:${injectId}:0`);
    await markPostsDeleted(tx, team.workspaceId, externalIds, now);
    await repo.bumpGeneration(tx, row.id);
    return true;
  });
}
