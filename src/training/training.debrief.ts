// What the teams did, in scenario time: the live feed, the scores kept when an exercise ends, the debrief,
// certificates and each person's progress.

import { scenarioMsAtWall } from "../core/training/training.clock.ts";
import type { AddedInject } from "../core/training/training.scenario.ts";
import type { TrainingRole } from "../core/training/training.schema.ts";
import { type ScoreInput, type ScoreResult, scoreExercise } from "../core/training/training.score.ts";
import { judgeTone } from "../core/training/training.tone.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { memberNames, organisationName } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { readWorkspaceActivity, type WorkspaceActivity } from "./training.activity.ts";
import { renderCertificate } from "./training.certificate.ts";
import {
  addedInjects,
  clockMarks,
  durationMs,
  exerciseMs,
  presentOne,
  teamInjectIds,
  trainingScope,
  visibleExercise,
} from "./training.exercise.ts";
import * as repo from "./training.repo.ts";
import type { DebriefRead, FeedItem } from "./training.schema.ts";

type Text = { de: string; en: string };

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

export function eventItem(event: repo.EventRow, row: repo.ExerciseRow, names: Map<string, string>): FeedItem {
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

/** The state the branches are judged on, for the runner (without the audited actions it does not need). */
export async function teamActivity(
  ctx: AppContext,
  row: repo.ExerciseRow,
  events: repo.EventRow[],
  team: repo.TeamRow,
) {
  const injectIds = teamInjectIds(row, events, team.id);
  const activity = await readWorkspaceActivity(ctx.db, team.workspaceId, row.scenario.id, injectIds, {
    actions: false,
  });
  const view: TeamView = { team, activity, injects: [], actions: [] };
  return scoreInput(row, events, view, ctx.clock.now());
}

/** Computes and keeps every team's score when an exercise ends. */
export async function saveResults(ctx: AppContext, row: repo.ExerciseRow) {
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
  const { runner } = await trainingScope(ctx, actor);
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
  const { liveOrgId, runner: all } = await trainingScope(ctx, actor);
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
