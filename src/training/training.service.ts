// Exercises: a trainer starts a scenario of the library for one or more teams; each team plays in its own
// exercise workspace (an organisation of kind `exercise`, owned by the real one), joins by link, and is
// scored in the debrief. The runner (training.runner.ts) plays the posts and fires the branches.

import { AlertRuleCreate } from "../alerts/alerts.schema.ts";
import { createRule } from "../alerts/alerts.service.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { isPenaltyBranch } from "../core/training/training.branches.ts";
import {
  type ClockMark,
  type ExerciseClock,
  moveClock,
  scenarioMsAt,
  scenarioMsAtWall,
} from "../core/training/training.clock.ts";
import {
  type AddedInject,
  allInjectIds,
  branchInjects,
  playerScenario,
} from "../core/training/training.scenario.ts";
import type { TrainingRole, TrainingScenario } from "../core/training/training.schema.ts";
import { type ScoreInput, type ScoreResult, scoreExercise } from "../core/training/training.score.ts";
import { judgeTone } from "../core/training/training.tone.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { actorLabel } from "../orgs/orgs.policy.ts";
import type { Role } from "../orgs/orgs.schema.ts";
import {
  createOrganisation,
  deleteExerciseWorkspaces,
  grantMembership,
  isMember,
  memberNames,
  organisationName,
  workspaceKind,
} from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { markPostsDeleted } from "../posts/posts.service.ts";
import { getPublishingRules, savePublishingRules } from "../publishing/publishing.rules.ts";
import { saveRiskProfile } from "../risk/risk.service.ts";
import { seedStakeholders } from "../scenarios/scenarios.service.ts";
import { createTopic } from "../topics/topics.service.ts";
import { readWorkspaceActivity, type WorkspaceActivity } from "./training.activity.ts";
import { renderCertificate } from "./training.certificate.ts";
import { type LibraryOptions, trainingLibrary } from "./training.library.ts";
import { canRunTraining } from "./training.policy.ts";
import * as repo from "./training.repo.ts";
import type {
  DebriefRead,
  ExerciseCreate,
  ExerciseRead,
  FeedItem,
  HandInject,
  ScenarioDetail,
  ScenarioSummary,
} from "./training.schema.ts";

type Text = { de: string; en: string };

// ---------------------------------------------------------------------------------------------- library

function summarise(s: TrainingScenario): ScenarioSummary {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    summary: s.summary,
    risks: s.risks,
    languages: ["de", "en"],
    level: s.level,
    durationMinutes: s.durationMinutes,
    roles: s.roles,
    objectives: s.objectives,
  };
}

/** The library, sorted by title. */
export async function listScenarios(
  ctx: AppContext,
  library: LibraryOptions = {},
): Promise<ScenarioSummary[]> {
  const scenarios = await trainingLibrary(library, ctx.log);
  return [...scenarios.values()].map(summarise).sort((a, b) => a.title.en.localeCompare(b.title.en));
}

async function scenarioOrThrow(
  ctx: AppContext,
  id: string,
  library: LibraryOptions,
): Promise<TrainingScenario> {
  const scenario = (await trainingLibrary(library, ctx.log)).get(id);
  if (!scenario) {
    throw new AppError("not_found", `No training scenario "${id}"`, [
      { field: "scenarioId", message: "not a scenario of the library" },
    ]);
  }
  return scenario;
}

/** One scenario with what a trainer needs to run it. */
export async function getScenario(
  ctx: AppContext,
  id: string,
  library: LibraryOptions = {},
): Promise<ScenarioDetail> {
  return detailOf(await scenarioOrThrow(ctx, id, library));
}

function detailOf(s: TrainingScenario): ScenarioDetail {
  return {
    ...summarise(s),
    organisation: { name: s.organisation.name, handles: s.organisation.handles },
    personas: s.personas.map((p) => ({
      id: p.id,
      handle: p.handle,
      displayName: p.displayName,
      group: p.group,
    })),
    injects: s.injects.map((i) => ({
      id: i.id,
      atMinutes: i.at / 60_000,
      persona: i.persona,
      platform: i.platform,
      text: i.text,
      expectReply: i.expectReply,
    })),
    branches: s.branches.map((b) => ({ id: b.id, when: { ...b.when }, note: b.note })),
    rubric: { ...s.rubric },
    debrief: s.debrief,
  };
}

// -------------------------------------------------------------------------------------------- exercises

const durationMs = (row: repo.ExerciseRow) => row.scenario.durationMinutes * 60_000;

function clockOf(row: repo.ExerciseRow): ExerciseClock {
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
function clockMarks(events: repo.EventRow[]): ClockMark[] {
  return events
    .filter((e) => ["start", "pause", "resume", "speed", "end"].includes(e.kind))
    .map((e) => ({
      at: e.at,
      scenarioMs: e.scenarioMs,
      running: Boolean(e.detail.running),
      speed: Number(e.detail.speed ?? 1),
    }));
}

async function requireRunner(ctx: AppContext, actor: Actor) {
  if (!canRunTraining(actor)) throw forbidden("run training exercises");
  if ((await workspaceKind(ctx, actor.orgId)).kind !== "live") {
    throw new AppError("forbidden", "Exercises are run from the real workspace, not from inside an exercise");
  }
}

/** The exercise and the live organisation it belongs to, for an actor in the live org or a team workspace. */
async function visibleExercise(ctx: AppContext, actor: Actor, id: string) {
  const kind = await workspaceKind(ctx, actor.orgId);
  const liveOrgId = kind.kind === "exercise" && kind.parentId ? kind.parentId : actor.orgId;
  const row = await repo.findExercise(ctx.db, liveOrgId, id);
  if (!row) throw notFound("Exercise");
  if (kind.kind === "live" && canRunTraining(actor)) return row;
  // Everyone else sees exercises they take part in.
  const mine = actor.userId ? await repo.exerciseIdsOfUser(ctx.db, actor.userId) : new Set<string>();
  if (!mine.has(row.id)) throw notFound("Exercise");
  return row;
}

async function present(ctx: AppContext, actor: Actor, rows: repo.ExerciseRow[]): Promise<ExerciseRead[]> {
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
  const runner = canRunTraining(actor) && (await workspaceKind(ctx, actor.orgId)).kind === "live";
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

async function presentOne(ctx: AppContext, actor: Actor, row: repo.ExerciseRow): Promise<ExerciseRead> {
  const [read] = await present(ctx, actor, [row]);
  if (!read) throw notFound("Exercise");
  return read;
}

/** Exercises of the organisation (trainers) or the ones the caller takes part in. */
export async function listExercises(ctx: AppContext, actor: Actor): Promise<ExerciseRead[]> {
  const kind = await workspaceKind(ctx, actor.orgId);
  const liveOrgId = kind.kind === "exercise" && kind.parentId ? kind.parentId : actor.orgId;
  let rows = await repo.listExercises(ctx.db, liveOrgId);
  if (!(kind.kind === "live" && canRunTraining(actor))) {
    const mine = actor.userId ? await repo.exerciseIdsOfUser(ctx.db, actor.userId) : new Set<string>();
    rows = rows.filter((r) => mine.has(r.id));
  }
  return present(ctx, actor, rows);
}

/** One exercise. */
export async function getExercise(ctx: AppContext, actor: Actor, id: string): Promise<ExerciseRead> {
  return presentOne(ctx, actor, await visibleExercise(ctx, actor, id));
}

const slugPart = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 24) || "team";

/** Makes a team and its exercise workspace, set up like the scenario's company: profile, topic, alert rules. */
async function createTeam(
  ctx: AppContext,
  exercise: repo.ExerciseRow,
  name: string,
  trainerId: string | null,
) {
  const s = exercise.scenario;
  const lang = exercise.lang as "de" | "en";
  const prefix = lang === "de" ? "Übung" : "Exercise";
  const workspace = await createOrganisation(ctx, {
    name: `${prefix}: ${s.organisation.name} (${name})`.slice(0, 200),
    slug: `uebung-${slugPart(s.id)}-${slugPart(name)}-${ctx.ids
      .secret(4)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`,
    kind: "exercise",
    parentId: exercise.orgId,
  });
  const system = { orgId: workspace.id, system: true } as const;
  await saveRiskProfile(ctx, system, {
    brandNames: [s.organisation.name, ...s.organisation.handles.slice(0, 1)],
    domains: s.organisation.domains,
    officialAccounts: s.organisation.handles.map((handle) => ({ handle })),
    executives: s.organisation.executives,
    watchlist: s.organisation.watchlist,
  });
  const terms = [
    `"${s.organisation.name.replace(/"/g, "")}"`,
    ...s.organisation.handles.map((h) => `@${h}`),
    ...s.organisation.hashtags,
  ];
  const topic = await createTopic(ctx, system, {
    name: s.organisation.name.slice(0, 120),
    query: terms.join(" OR "),
    description:
      lang === "de" ? "Alles über das Unternehmen der Übung" : "Everything about the exercise's company",
  });
  const rules = [
    {
      name: lang === "de" ? "Shitstorm-Frühwarnung" : "Storm warning",
      condition: { kind: "level_reached", minLevel: 3 },
      severity: "critical",
    },
    {
      name: lang === "de" ? "Drohungen und Angriffe" : "Threats and attacks",
      condition: { kind: "priority_post", minPriority: 0.7 },
      severity: "critical",
    },
  ];
  for (const rule of rules) {
    await createRule(ctx, system, AlertRuleCreate.parse({ ...rule, topicId: topic.id, cooldownMinutes: 30 }));
  }
  await seedStakeholders(ctx, system, playerScenario(s, lang));
  // A team speaks with one voice: every reply goes through the four-eyes approval. Alone, only risky ones
  // do (by the usual score threshold). Exercises run at any hour, so staffed hours do not ask for approval.
  await savePublishingRules(
    ctx,
    { orgId: workspace.id, role: "admin", userId: null, tokenId: null },
    {
      ...(await getPublishingRules(ctx, workspace.id)),
      everyDraftNeedsApproval: exercise.mode === "team",
      outsideHoursNeedsApproval: false,
    },
  );
  const team = {
    id: ctx.ids.id(),
    exerciseId: exercise.id,
    name,
    workspaceId: workspace.id,
    createdAt: ctx.clock.now(),
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertTeam(tx, team);
    // The trainer can look into every team's workspace.
    if (trainerId) await grantMembership(tx, ctx, { orgId: workspace.id, userId: trainerId, role: "admin" });
  });
  return team;
}

/** Creates an exercise in the lobby with its teams (team mode); trainees join by its link. */
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
function addedInjects(events: repo.EventRow[], teamId: string): AddedInject[] {
  return events
    .filter((e) => (e.kind === "branch" || e.kind === "inject") && (e.teamId === null || e.teamId === teamId))
    .flatMap((e) => (e.detail.injects as AddedInject[] | undefined) ?? []);
}

/** The injects a team's play has: the scenario's, every branch's and those added for the team. */
export function teamInjectIds(row: repo.ExerciseRow, events: repo.EventRow[], teamId: string): Set<string> {
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
        const known = input.teamId
          ? teamInjectIds(row, events, input.teamId)
          : new Set([
              ...allInjectIds(row.scenario),
              ...events.flatMap((e) =>
                ((e.detail.injects as AddedInject[] | undefined) ?? []).map((i) => i.id),
              ),
            ]);
        if (!known.has(input.replyTo)) {
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
  if (existing) {
    team = teams.find((t) => t.id === existing.teamId);
  } else if (row.mode === "individual") {
    const names = await memberNames(ctx.db, row.orgId, [userId]);
    const made = await createTeam(ctx, row, names.get(userId) ?? "Trainee", row.createdBy);
    teams = await repo.listTeams(ctx.db, [row.id]);
    team = teams.find((t) => t.id === made.id);
  } else {
    team = teams.find((t) => t.id === input.teamId);
    if (!team) {
      throw new AppError("validation_failed", "Choose a team of this exercise", [
        { field: "teamId", message: "not a team of this exercise" },
      ]);
    }
  }
  if (!team) throw notFound("Team");
  const joinedTeam = team;
  // The lead approves replies (four-eyes), so the lead works as a manager; the others as agents.
  const role: Role = input.role === "lead" ? "manager" : "agent";
  await ctx.db.transaction(async (tx) => {
    if (!existing) {
      await repo.insertParticipant(tx, {
        exerciseId: row.id,
        userId,
        teamId: joinedTeam.id,
        role: input.role,
        joinedAt: ctx.clock.now(),
      });
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

// ------------------------------------------------------------------------------------ feed and debrief

const actionTitles: Record<string, Text> = {
  "draft.create": { de: "Entwurf angelegt", en: "Draft written" },
  "draft.update": { de: "Entwurf geändert", en: "Draft changed" },
  "draft.submit": { de: "Zur Freigabe vorgelegt", en: "Submitted for approval" },
  "draft.approve": { de: "Freigegeben (Vier-Augen-Prinzip)", en: "Approved (four-eyes check)" },
  "draft.reject": { de: "Abgelehnt", en: "Rejected" },
  "draft.send": { de: "Gesendet (simuliert)", en: "Sent (simulated)" },
  "conversation.update": { de: "Konversation bearbeitet", en: "Conversation updated" },
  "conversation.note": { de: "Interne Notiz", en: "Internal note" },
  "conversation.reply_sent": { de: "Antwort vermerkt", en: "Reply recorded" },
  "incident.open": { de: "Vorfall eröffnet", en: "Incident opened" },
  "incident.update": { de: "Vorfall geändert", en: "Incident updated" },
  "incident.note": { de: "Notiz zum Vorfall", en: "Incident note" },
  "incident.status_update": { de: "Lagebericht", en: "Status update" },
  "incident.attach_posts": { de: "Beiträge zum Vorfall", en: "Posts attached" },
  "incident.assign_roles": { de: "Rollen verteilt", en: "Roles assigned" },
  "incident_task.update": { de: "Aufgabe bearbeitet", en: "Task updated" },
  "incident_task.create": { de: "Aufgabe angelegt", en: "Task created" },
  "playbook.run": { de: "Playbook gestartet", en: "Playbook started" },
  "evidence.capture": { de: "Beweis gesichert", en: "Evidence captured" },
  "evidence.hold": { de: "Beweis gesperrt (Legal Hold)", en: "Evidence on legal hold" },
  "alert.acknowledge": { de: "Alarm bestätigt", en: "Alert acknowledged" },
  "alert.resolve": { de: "Alarm erledigt", en: "Alert resolved" },
  "stakeholder.add": { de: "Stakeholder erfasst", en: "Stakeholder added" },
  "stakeholder.update": { de: "Stakeholder eingeschätzt", en: "Stakeholder rated" },
  "dsa_notice.create": { de: "DSA-Meldung angelegt", en: "DSA notice created" },
};

const controlTitles: Record<string, Text> = {
  start: { de: "Übung gestartet", en: "Exercise started" },
  pause: { de: "Übung pausiert", en: "Exercise paused" },
  resume: { de: "Übung fortgesetzt", en: "Exercise resumed" },
  speed: { de: "Tempo geändert", en: "Speed changed" },
  end: { de: "Übung beendet", en: "Exercise ended" },
};

function eventItem(event: repo.EventRow, row: repo.ExerciseRow, names: Map<string, string>): FeedItem {
  const actor = event.actorUserId
    ? { userId: event.actorUserId, name: names.get(event.actorUserId) ?? "—" }
    : null;
  const base = {
    id: `event:${event.id}`,
    at: event.at.toISOString(),
    scenarioMs: event.scenarioMs,
    teamId: event.teamId,
    actor,
  };
  if (event.kind === "branch") {
    const note = (event.detail.note as Text | undefined) ?? {
      de: event.branchId ?? "",
      en: event.branchId ?? "",
    };
    return { ...base, kind: "branch", title: note, action: `branch:${event.branchId}`, text: null };
  }
  if (event.kind === "inject") {
    const inject = ((event.detail.injects as AddedInject[] | undefined) ?? [])[0];
    const text = inject
      ? typeof inject.text === "string"
        ? inject.text
        : inject.text[row.lang as "de" | "en"]
      : null;
    return {
      ...base,
      kind: "inject",
      title: { de: "Inject von Hand gesendet", en: "Inject sent by hand" },
      action: "inject",
      text,
    };
  }
  const title = controlTitles[event.kind] ?? { de: event.kind, en: event.kind };
  const speed = event.kind === "speed" ? ` (${event.detail.speed}×)` : "";
  return {
    ...base,
    kind: "control",
    title: { de: title.de + speed, en: title.en + speed },
    action: event.kind,
    text: null,
  };
}

/** Who posted an inject, as the feed names it: "Sabine Krause (@sabine_krause) · facebook". */
function voiceOf(
  row: repo.ExerciseRow,
  events: repo.EventRow[],
  teamId: string,
  injectId: string,
  platform: string,
) {
  const personaId =
    row.scenario.injects.find((i) => i.id === injectId)?.persona ??
    row.scenario.branches.flatMap((b) => b.injects).find((i) => i.id === injectId)?.persona ??
    addedInjects(events, teamId).find((i) => i.id === injectId)?.persona;
  const persona = row.scenario.personas.find((p) => p.id === personaId);
  return persona ? `${persona.displayName} (@${persona.handle}) · ${platform}` : `${injectId} · ${platform}`;
}

interface TeamView {
  team: repo.TeamRow;
  activity: WorkspaceActivity;
  injects: FeedItem[];
  actions: FeedItem[];
}

/** Reads every team's activity and turns it into feed items in scenario time. */
async function teamViews(
  ctx: AppContext,
  row: repo.ExerciseRow,
  events: repo.EventRow[],
): Promise<TeamView[]> {
  const teams = await repo.listTeams(ctx.db, [row.id]);
  const marks = clockMarks(events);
  const endMs = durationMs(row);
  const msAt = (at: Date) => scenarioMsAtWall(marks, at, endMs);
  const participants = await repo.listParticipants(ctx.db, [row.id]);
  const names = new Map(participants.map((p) => [p.userId, p.name]));
  const views: TeamView[] = [];
  for (const team of teams) {
    const injectIds = teamInjectIds(row, events, team.id);
    const activity = await readWorkspaceActivity(ctx.db, team.workspaceId, row.scenario.id, injectIds);
    const injects: FeedItem[] = activity.injectPosts.map((p) => {
      const who = voiceOf(row, events, team.id, p.injectId, p.platform);
      return {
        id: `post:${p.postId}`,
        at: p.ingestedAt.toISOString(),
        scenarioMs: msAt(p.ingestedAt),
        teamId: team.id,
        kind: "inject",
        actor: null,
        title: p.deletedAt
          ? { de: `${who} (später gelöscht)`, en: `${who} (deleted later)` }
          : { de: who, en: who },
        action: `inject:${p.injectId}`,
        text: p.text,
      };
    });
    const actions: FeedItem[] = activity.actions.map((a) => ({
      id: `audit:${a.seq}`,
      at: a.at.toISOString(),
      scenarioMs: msAt(a.at),
      teamId: team.id,
      kind: "action",
      actor: { userId: a.userId, name: names.get(a.userId) ?? "—" },
      title: actionTitles[a.action] ?? { de: a.action, en: a.action },
      action: a.action,
      text:
        a.action === "draft.send"
          ? (activity.replies.find((r) => r.draftId === a.entityId)?.text ?? null)
          : null,
    }));
    views.push({ team, activity, injects, actions });
  }
  return views;
}

/** The live feed of an exercise: controls, branches, posts and everyone's actions, oldest first. */
export async function exerciseFeed(ctx: AppContext, actor: Actor, id: string, after?: string) {
  const row = await visibleExercise(ctx, actor, id);
  const events = await repo.listEvents(ctx.db, id);
  const participants = await repo.listParticipants(ctx.db, [id]);
  const names = new Map(participants.map((p) => [p.userId, p.name]));
  const trainerIds = events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : []));
  for (const [k, v] of await memberNames(ctx.db, row.orgId, trainerIds)) names.set(k, v);
  const views = await teamViews(ctx, row, events);
  const items = [
    ...events.map((e) => eventItem(e, row, names)),
    ...views.flatMap((v) => [...v.injects, ...v.actions]),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const afterTime = after ? Date.parse(after) : Number.NaN;
  const fresh = Number.isNaN(afterTime) ? items : items.filter((i) => Date.parse(i.at) > afterTime);
  return { items: fresh.slice(-1000), cursor: items.at(-1)?.at ?? after ?? new Date(0).toISOString() };
}

/** The scoring input of one team, in scenario time. */
function scoreInput(row: repo.ExerciseRow, events: repo.EventRow[], view: TeamView, now: Date): ScoreInput {
  const marks = clockMarks(events);
  const endMs = durationMs(row);
  const msAt = (at: Date) => scenarioMsAtWall(marks, at, endMs);
  const lang = row.lang as "de" | "en";
  const expect = new Set([
    ...row.scenario.injects.filter((i) => i.expectReply).map((i) => i.id),
    ...row.scenario.branches.flatMap((b) => b.injects.filter((i) => i.expectReply).map((i) => i.id)),
  ]);
  const added = new Map(addedInjects(events, view.team.id).map((i) => [i.id, i.atMs]));
  const scriptedAt = new Map(row.scenario.injects.map((i) => [i.id, i.at]));
  return {
    scenario: row.scenario,
    endMs: row.status === "ended" ? row.anchorMs : exerciseMs(row, now),
    posts: view.activity.injectPosts.map((p) => ({
      injectId: p.injectId,
      postedMs: scriptedAt.get(p.injectId) ?? added.get(p.injectId) ?? msAt(p.ingestedAt),
      deletedMs: p.deletedAt ? msAt(p.deletedAt) : null,
      expectReply: expect.has(p.injectId),
    })),
    replies: view.activity.replies.map((r) => ({
      injectId: r.injectId,
      sentMs: msAt(r.sentAt),
      text: r.text,
      authorUserId: r.authorUserId,
      approvedByUserId: r.approvedByUserId,
      tone: judgeTone(r.text, r.lang === "en" ? "en" : r.lang === "de" ? "de" : lang, r.findings),
      checkScore: r.checkScore,
      findings: r.findings,
    })),
    incidents: view.activity.incidents.map((i) => ({
      openedMs: msAt(i.createdAt),
      openedByUserId: i.createdBy,
      severity: i.severity,
    })),
    playbookRuns: view.activity.playbookRuns.map((p) => ({
      key: p.key,
      startedMs: msAt(p.runAt),
      tasksTotal: p.tasksTotal,
      tasksDone: p.tasksDone,
    })),
    evidence: view.activity.evidence.map((e) => ({
      injectId: e.injectId,
      capturedMs: msAt(e.capturedAt),
      byUserId: e.byUserId,
    })),
    firedBranches: events
      .filter((e) => e.kind === "branch" && e.teamId === view.team.id && e.branchId)
      .map((e) => ({ branchId: e.branchId as string, firedMs: e.scenarioMs })),
  };
}

/** The state the branches are judged on, for the runner. */
export async function teamActivity(
  ctx: AppContext,
  row: repo.ExerciseRow,
  events: repo.EventRow[],
  team: repo.TeamRow,
) {
  const injectIds = teamInjectIds(row, events, team.id);
  const activity = await readWorkspaceActivity(ctx.db, team.workspaceId, row.scenario.id, injectIds);
  const view: TeamView = { team, activity, injects: [], actions: [] };
  return scoreInput(row, events, view, ctx.clock.now());
}

/** Computes and keeps every team's score when an exercise ends. */
async function saveResults(ctx: AppContext, row: repo.ExerciseRow) {
  const events = await repo.listEvents(ctx.db, row.id);
  const views = await teamViews(ctx, row, events);
  const now = ctx.clock.now();
  for (const view of views) {
    const result = scoreExercise(scoreInput(row, events, view, now));
    await repo.upsertResult(ctx.db, {
      exerciseId: row.id,
      teamId: view.team.id,
      score: result.score,
      passed: result.passed,
      result: result as unknown as Record<string, unknown>,
      computedAt: now,
    });
  }
}

/** The debrief: per team the score, the timeline of posts and actions side by side and each person's share. */
export async function debrief(ctx: AppContext, actor: Actor, id: string): Promise<DebriefRead> {
  const row = await visibleExercise(ctx, actor, id);
  const events = await repo.listEvents(ctx.db, id);
  const views = await teamViews(ctx, row, events);
  const results = new Map(
    (await repo.listResults(ctx.db, [id])).map((r) => [r.teamId, r.result as unknown as ScoreResult]),
  );
  const participants = await repo.listParticipants(ctx.db, [id]);
  const names = new Map(participants.map((p) => [p.userId, p.name]));
  const now = ctx.clock.now();
  const teams = views.map((view) => {
    const score = results.get(view.team.id) ?? scoreExercise(scoreInput(row, events, view, now));
    const eventsOfTeam = events
      .filter((e) => e.kind === "branch" || e.kind === "inject")
      .filter((e) => e.teamId === null || e.teamId === view.team.id)
      .map((e) => eventItem(e, row, names));
    return {
      team: { id: view.team.id, name: view.team.name },
      score,
      injects: [...view.injects, ...eventsOfTeam].sort((a, b) => a.scenarioMs - b.scenarioMs),
      actions: view.actions,
      participants: participants
        .filter((p) => p.teamId === view.team.id)
        .map((p) => ({
          userId: p.userId,
          name: p.name,
          role: p.role as TrainingRole,
          actions: view.activity.actions.filter((a) => a.userId === p.userId).length,
        })),
    };
  });
  return {
    exercise: await presentOne(ctx, actor, row),
    teams,
    lessons: row.scenario.debrief,
  };
}

/** A participant's certificate (PDF): the trainee themselves or a trainer. */
export async function certificate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  userId: string,
  lang?: "de" | "en",
) {
  const row = await visibleExercise(ctx, actor, id);
  const runner = canRunTraining(actor) && (await workspaceKind(ctx, actor.orgId)).kind === "live";
  if (!runner && actor.userId !== userId) throw forbidden("download other people's certificates");
  if (row.status !== "ended")
    throw new AppError("conflict", "Certificates are issued when the exercise has ended");
  const participant = (await repo.listParticipants(ctx.db, [id])).find((p) => p.userId === userId);
  if (!participant) throw notFound("Participant");
  const teams = await repo.listTeams(ctx.db, [id]);
  const team = teams.find((t) => t.id === participant.teamId);
  const result = (await repo.listResults(ctx.db, [id])).find((r) => r.teamId === participant.teamId);
  if (!team || !result) throw notFound("Result of the team");
  const events = await repo.listEvents(ctx.db, id);
  const activity = await readWorkspaceActivity(
    ctx.db,
    team.workspaceId,
    row.scenario.id,
    teamInjectIds(row, events, team.id),
  );
  const trainer = row.createdBy
    ? (await memberNames(ctx.db, row.orgId, [row.createdBy])).get(row.createdBy)
    : undefined;
  const chosen = lang ?? (row.lang as "de" | "en");
  return renderCertificate({
    lang: chosen,
    person: { name: participant.name, email: participant.email },
    organisation: (await organisationName(ctx, row.orgId)) ?? "",
    exercise: {
      id: row.id,
      title: row.scenario.title[chosen],
      scenarioId: row.scenarioId,
      scenarioVersion: row.scenarioVersion,
      startedAt: row.startedAt ?? row.createdAt,
      endedAt: row.endedAt ?? ctx.clock.now(),
      trainer: trainer ?? "—",
    },
    team: { name: team.name, role: participant.role },
    result: result.result as unknown as ScoreResult,
    actions: activity.actions.filter((a) => a.userId === userId).length,
  });
}

/** Each person's results across ended exercises: everyone for trainers, oneself for the others. */
export async function progress(ctx: AppContext, actor: Actor) {
  const kind = await workspaceKind(ctx, actor.orgId);
  const liveOrgId = kind.kind === "exercise" && kind.parentId ? kind.parentId : actor.orgId;
  const all = kind.kind === "live" && canRunTraining(actor);
  const rows = await repo.listEndedExercises(ctx.db, liveOrgId);
  const ids = rows.map((r) => r.id);
  const [participants, results, teams] = await Promise.all([
    repo.listParticipants(ctx.db, ids),
    repo.listResults(ctx.db, ids),
    repo.listTeams(ctx.db, ids),
  ]);
  const people = new Map<string, { userId: string; name: string; exercises: ProgressEntry[] }>();
  for (const p of participants) {
    if (!all && p.userId !== actor.userId) continue;
    const row = rows.find((r) => r.id === p.exerciseId);
    const result = results.find((r) => r.exerciseId === p.exerciseId && r.teamId === p.teamId);
    if (!row || !result) continue;
    const person = people.get(p.userId) ?? { userId: p.userId, name: p.name, exercises: [] };
    person.exercises.push({
      exerciseId: row.id,
      scenarioId: row.scenarioId,
      title: row.scenario.title,
      endedAt: (row.endedAt ?? row.createdAt).toISOString(),
      teamName: teams.find((t) => t.id === p.teamId)?.name ?? "—",
      role: p.role as TrainingRole,
      score: result.score,
      passed: result.passed,
    });
    people.set(p.userId, person);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

interface ProgressEntry {
  exerciseId: string;
  scenarioId: string;
  title: Text;
  endedAt: string;
  teamName: string;
  role: TrainingRole;
  score: number;
  passed: boolean;
}

export { actorLabel, isPenaltyBranch };
