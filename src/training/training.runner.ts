// Plays running exercises: one scenario player per team, following the exercise clock (a control or an
// added inject raises the exercise's generation, and the team's player restarts from what it delivered with
// the new clock and posts); every pass it judges the branches on what each team did, and ends an exercise
// whose time is up. Runs where the background loops run (the worker, or `npm start`'s single process).
import { branchesToFire } from "../core/training/training.branches.ts";
import { playerStartedAt } from "../core/training/training.clock.ts";
import { assignRoles, listIncidents, listRoles } from "../incidents/incidents.service.ts";
import type { AppContext } from "../platform/context.ts";
import { type BackgroundJob, every } from "../platform/jobs.ts";
import { categoryLogger } from "../platform/logger.ts";
import { publishIngested } from "../posts/posts.service.ts";
import { type ScenarioPlayer, startScenarioPlayer } from "../scenarios/scenarios.player.ts";
import { ensureSource } from "../sources/sources.service.ts";
import { teamActivity } from "./training.debrief.ts";
import { exerciseMs, teamPlay } from "./training.exercise.ts";
import * as repo from "./training.repo.ts";
import { controlExercise, fireBranch, onExerciseChanged } from "./training.service.ts";

interface Playing {
  generation: number;
  player: ScenarioPlayer;
}

/** The exercise runner of this process. */
export interface TrainingRunner extends BackgroundJob {
  /** One pass now (tests drive it instead of the interval). */
  pass(): Promise<void>;
}

/** Starts the runner: a pass every `intervalMs` (default 1 s). */
export function startTrainingJobs(ctx: AppContext, options: { intervalMs?: number; loop?: boolean } = {}) {
  const log = categoryLogger(ctx.log, "training");
  const players = new Map<string, Playing>();
  const runnerId = ctx.ids.id();
  const leaseMs = 15_000;

  /** Stops a team's player and stores how far it got; returns that (0 when none was playing). */
  async function stopPlayer(teamId: string): Promise<number> {
    const playing = players.get(teamId);
    if (!playing) return 0;
    players.delete(teamId);
    await playing.player.stop();
    const deliveredMs = playing.player.elapsedMs();
    await repo.updateDelivered(ctx.db, teamId, deliveredMs);
    return deliveredMs;
  }

  const staffed = new Set<string>();

  /** Gives each new incident of a team its crisis team: the roles the trainees chose when they joined. */
  async function staffIncidents(exerciseId: string, team: repo.TeamRow) {
    const system = { orgId: team.workspaceId, role: "admin" as const, userId: null, tokenId: null };
    const incidents = (await listIncidents(ctx, system)).map((i) => i.id);
    const fresh = incidents.filter((id) => !staffed.has(id));
    if (fresh.length === 0) return;
    const members = (await repo.listParticipants(ctx.db, [exerciseId])).filter((p) => p.teamId === team.id);
    for (const incidentId of fresh) {
      staffed.add(incidentId);
      if ((await listRoles(ctx, system, incidentId)).length > 0 || members.length === 0) continue;
      const roles: Record<string, string> = {};
      for (const member of members) roles[member.role] ??= member.userId;
      await assignRoles(ctx, system, incidentId, roles);
    }
  }

  async function pass() {
    const active = await repo.listActiveExercises(ctx.db);
    const activeTeams = new Set<string>();
    for (const row of active) {
      const claimed = await repo.claimExercise(
        ctx.db,
        row.id,
        runnerId,
        ctx.clock.now(),
        new Date(ctx.clock.now().getTime() + leaseMs),
      );
      // Another process plays it (its players stop below, as for an exercise that is no longer active).
      if (!claimed) continue;
      const teams = await repo.listTeams(ctx.db, [row.id]);
      const events = await repo.listEvents(ctx.db, row.id);
      const now = ctx.clock.now();
      for (const team of teams) {
        activeTeams.add(team.id);
        const playing = players.get(team.id);
        if (row.status !== "running") {
          await stopPlayer(team.id);
          continue;
        }
        if (playing && playing.generation === row.generation) {
          await repo.updateDelivered(ctx.db, team.id, playing.player.elapsedMs());
        } else {
          // The stored figure only grows (updateDelivered keeps the larger), as this one does.
          const deliveredMs = Math.max(team.deliveredMs, await stopPlayer(team.id));
          const sourceId = await ensureSource(ctx, team.workspaceId, "scenario", row.scenario.id);
          const player = startScenarioPlayer({
            scenario: teamPlay(row, events, team.id, deliveredMs),
            startedAt: playerStartedAt({
              running: true,
              speed: row.speed,
              anchorAt: row.anchorAt,
              anchorMs: row.anchorMs,
            }),
            clock: ctx.clock,
            speed: row.speed,
            resumeFromMs: deliveredMs,
            // Short ticks: at 20× a second of wall time is twenty seconds of the exercise.
            tickMs: 250,
            sink: async (posts) => {
              await publishIngested(ctx, team.workspaceId, posts, sourceId);
            },
            onError: (error) =>
              log.warn({ err: error, exercise: row.id, team: team.id }, "exercise delivery failed; retrying"),
          });
          players.set(team.id, { generation: row.generation, player });
        }
        // Branches: judged on what the team has done by now.
        const state = await teamActivity(ctx, row, events, team);
        const nowMs = exerciseMs(row, now);
        const fired = new Set(state.firedBranches.map((b) => b.branchId));
        const posted = new Map(state.posts.map((p) => [p.injectId, p.postedMs]));
        const evidence = new Map<string, number>();
        for (const e of state.evidence) if (!evidence.has(e.injectId)) evidence.set(e.injectId, e.capturedMs);
        const due = branchesToFire(row.scenario, {
          nowMs,
          posted,
          replies: state.replies.map((r) => ({ injectId: r.injectId, sentMs: r.sentMs, tone: r.tone.tone })),
          incidentsOpenedMs: state.incidents.map((i) => i.openedMs),
          evidence,
          fired,
        });
        await staffIncidents(row.id, team);
        const delivered = players.get(team.id)?.player.elapsedMs() ?? team.deliveredMs;
        for (const branch of due) {
          if (await fireBranch(ctx, row, team, branch.id, Math.max(nowMs, delivered))) {
            log.info({ exercise: row.id, team: team.id, branch: branch.id }, "exercise branch fired");
          }
        }
      }
      if (row.status === "running" && exerciseMs(row, now) >= row.scenario.durationMinutes * 60_000) {
        // Time is up: the last posts are out (the players stop at the script's end).
        await controlExercise(ctx, { orgId: row.orgId, system: true }, row.id, "end").catch((error) =>
          log.warn({ err: error, exercise: row.id }, "could not end the exercise"),
        );
      }
    }
    // Players of exercises that ended or were deleted stop.
    for (const teamId of [...players.keys()]) if (!activeTeams.has(teamId)) await stopPlayer(teamId);
  }

  // One pass at a time: the interval, a control of this process and a test may all ask for one.
  let queue: Promise<void> = Promise.resolve();
  const serialPass = () => {
    const next = queue.then(pass);
    queue = next.catch(() => {});
    return next;
  };
  const job =
    options.loop === false ? null : every(options.intervalMs ?? 1000, serialPass, log, "exercise pass");
  // A control in this process (pause, speed, inject) is followed at once instead of at the next interval.
  const unsubscribe =
    options.loop === false
      ? () => {}
      : onExerciseChanged(() => {
          serialPass().catch((error) => log.warn({ err: error }, "exercise pass after a control failed"));
        });
  return {
    pass: serialPass,
    async stop() {
      unsubscribe();
      await job?.stop();
      await queue;
      for (const teamId of [...players.keys()]) await stopPlayer(teamId);
    },
  } satisfies TrainingRunner;
}
