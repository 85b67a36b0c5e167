// Joining an exercise by its link, with a team and an incident role, and the exercise of the current workspace.

import { recordAudit } from "../audit/audit.service.ts";
import type { TrainingRole } from "../core/training/training.schema.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { Role } from "../orgs/orgs.schema.ts";
import {
  deleteExerciseWorkspaces,
  grantMembership,
  isMember,
  memberNames,
  workspaceKind,
} from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, notFound } from "../platform/http/errors.ts";
import { exerciseMs, present } from "./training.exercise.ts";
import * as repo from "./training.repo.ts";
import type { ExerciseRead } from "./training.schema.ts";
import { createTeam } from "./training.workspace.ts";

// ------------------------------------------------------------------------------------------------ joining

/** What the join page shows. */
export async function joinInfo(ctx: AppContext, actor: Actor, code: string) {
  const row = await exerciseByCode(ctx, actor, code);
  const [exercise] = await present(ctx, actor, [row]);
  const mine = exercise?.teams.find((t) => t.members.some((m) => m.userId === actor.userId));
  return {
    exerciseId: row.id,
    title: row.scenario.title,
    summary: row.scenario.summary,
    lang: row.lang as "de" | "en",
    mode: row.mode as "team" | "individual",
    status: row.status as ExerciseRead["status"],
    roles: row.scenario.roles,
    teams: (exercise?.teams ?? []).map((t) => ({ id: t.id, name: t.name, members: t.members })),
    joined: mine ? { teamId: mine.id, workspaceId: mine.workspaceId } : null,
  };
}

async function exerciseByCode(ctx: AppContext, actor: Actor, code: string) {
  const row = await repo.findExerciseByCode(ctx.db, code);
  if (!row || !actor.userId) throw notFound("Exercise for this join link");
  // Only people of the organisation can join its exercises.
  if (!(await isMember(ctx.db, row.orgId, actor.userId))) throw notFound("Exercise for this join link");
  return row;
}

/** Joins an exercise: a team (or, in individual mode, one of one's own) and an incident role. */
export async function joinExercise(
  ctx: AppContext,
  actor: Actor,
  input: { code: string; teamId?: string | undefined; role: TrainingRole },
) {
  const row = await exerciseByCode(ctx, actor, input.code);
  const userId = actor.userId as string;
  if (row.status === "ended")
    throw new AppError("conflict", "The exercise has ended; open its debrief instead");
  if (!row.scenario.roles.includes(input.role)) {
    throw new AppError("validation_failed", `The role ${input.role} is not part of this exercise`, [
      { field: "role", message: `choose one of ${row.scenario.roles.join(", ")}` },
    ]);
  }
  const existing = (await repo.listParticipants(ctx.db, [row.id])).find((p) => p.userId === userId);
  let teams = await repo.listTeams(ctx.db, [row.id]);
  let team: repo.TeamRow | undefined;
  /** The workspace made for this join in individual mode; dropped again when a concurrent join won. */
  let made: { id: string; workspaceId: string } | undefined;
  if (existing) {
    team = teams.find((t) => t.id === existing.teamId);
  } else if (row.mode === "individual") {
    const names = await memberNames(ctx.db, row.orgId, [userId]);
    made = await createTeam(ctx, row, names.get(userId) ?? "Trainee", row.createdBy);
    teams = await repo.listTeams(ctx.db, [row.id]);
    team = teams.find((t) => t.id === made?.id);
  } else {
    team = teams.find((t) => t.id === input.teamId);
    if (!team) {
      throw new AppError("validation_failed", "Choose a team of this exercise", [
        { field: "teamId", message: "not a team of this exercise" },
      ]);
    }
  }
  if (!team) throw notFound("Team");
  let joinedTeam = team;
  // The lead approves replies (four-eyes), so the lead works as a manager; the others as agents.
  const role: Role = input.role === "lead" ? "manager" : "agent";
  await ctx.db.transaction(async (tx) => {
    if (!existing) {
      const joined = await repo.insertParticipant(tx, {
        exerciseId: row.id,
        userId,
        teamId: joinedTeam.id,
        role: input.role,
        joinedAt: ctx.clock.now(),
      });
      if (!joined) {
        // The same person joined at the same moment in another request: keep that join, drop what this
        // one made (individual mode's own workspace) and join the team the other request chose.
        if (made) await deleteExerciseWorkspaces(tx, [made.workspaceId]);
        const winner = (await repo.listParticipants(tx, [row.id])).find((p) => p.userId === userId);
        const winnerTeam = (await repo.listTeams(tx, [row.id])).find((t) => t.id === winner?.teamId);
        if (!winnerTeam) throw notFound("Team");
        joinedTeam = winnerTeam;
      }
    }
    await grantMembership(tx, ctx, { orgId: joinedTeam.workspaceId, userId, role });
    await recordAudit(
      tx,
      ctx,
      { ...actor, orgId: row.orgId },
      {
        action: "training.join",
        entityType: "exercise",
        entityId: row.id,
        detail: { teamId: joinedTeam.id, role: input.role },
      },
    );
  });
  return { exerciseId: row.id, teamId: joinedTeam.id, workspaceId: joinedTeam.workspaceId };
}

/** The exercise of the workspace the caller is in (the training banner), or 404 in a real workspace. */
export async function currentExercise(ctx: AppContext, actor: Actor) {
  const team = await repo.findTeamByWorkspace(ctx.db, actor.orgId);
  if (!team) throw notFound("Exercise of this workspace");
  const kind = await workspaceKind(ctx, actor.orgId);
  const row = kind.parentId ? await repo.findExercise(ctx.db, kind.parentId, team.exerciseId) : undefined;
  if (!row) throw notFound("Exercise of this workspace");
  const me = (await repo.listParticipants(ctx.db, [row.id])).find((p) => p.userId === actor.userId);
  const now = ctx.clock.now();
  return {
    exerciseId: row.id,
    title: row.scenario.title,
    summary: row.scenario.summary,
    objectives: row.scenario.objectives,
    status: row.status as ExerciseRead["status"],
    clock: {
      scenarioMs: exerciseMs(row, now),
      speed: row.speed,
      now: now.toISOString(),
      durationMinutes: row.scenario.durationMinutes,
    },
    team: { id: team.id, name: team.name },
    role: (me?.role as TrainingRole | undefined) ?? null,
    liveWorkspaceId: row.orgId,
  };
}
