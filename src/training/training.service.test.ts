import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";
import { addMember } from "../orgs/orgs.service.ts";
import { ManualClock } from "../platform/clock.ts";
import { markPostsDeleted } from "../posts/posts.service.ts";
import { claimExercise } from "./training.repo.ts";
import { startTrainingJobs, type TrainingRunner } from "./training.runner.ts";
import type { DebriefRead, ExerciseRead, FeedList, JoinInfo, ScenarioSummary } from "./training.schema.ts";

type Session = Awaited<ReturnType<typeof signIn>>;

describe.each(databaseKinds)("training exercises on %s", (kind) => {
  const clock = new ManualClock("2026-11-25T10:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let runner: TrainingRunner;
  let trainer: Session;
  let lead: Session;
  let comms: Session;
  let outsider: Session;
  let orgId = "";
  let exercise: ExerciseRead;
  const ids = { lead: "", comms: "" };

  const call = (
    who: { headers: Record<string, string> },
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: who.headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });

  /** Moves the wall clock on, lets the runner play, and waits until the pipeline has stored what it sent. */
  const play = async (ms: number) => {
    await clock.advance(ms);
    await runner.pass();
    await clock.advance(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await runner.pass();
  };

  const waitFor = async <T>(read: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const value = await read();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const postsOf = async (who: Session) => {
    const res = await call(who, "GET", "/api/posts?limit=200");
    expect(res.statusCode).toBe(200);
    return (
      res.json() as { items: { id: string; externalId: string; text: string; author: { handle: string } }[] }
    ).items;
  };

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { clock, alertLoops: false });
    app = await startTestApp(runtime);
    runner = startTrainingJobs(runtime.ctx, { loop: false });
    const seeded = await seedOrganisation(runtime, "lindenau");
    orgId = seeded.org.id;
    const system = { orgId, system: true as const };
    for (const [email, name, role] of [
      ["lead@lindenau.example", "Lea Lead", "agent"],
      ["comms@lindenau.example", "Cem Comms", "trainee"],
    ] as const) {
      const m = await addMember(runtime.ctx, system, { email, name, role, password: "trainee-password-1" });
      ids[email.startsWith("lead") ? "lead" : "comms"] = m.id;
    }
    await seedOrganisation(runtime, "elsewhere");
    trainer = await signIn(app, seeded.email);
    lead = await signIn(app, "lead@lindenau.example", "trainee-password-1");
    comms = await signIn(app, "comms@lindenau.example", "trainee-password-1");
    outsider = await signIn(app, "admin@elsewhere.example");
  });

  afterAll(async () => {
    await runner?.stop();
    await app?.close();
    await runtime?.dispose();
  });

  it("lists the library, each scenario in German and English", async () => {
    const res = await call(trainer, "GET", "/api/training/scenarios");
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: ScenarioSummary[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(10);
    const complaint = items.find((s) => s.id === "complaint-escalates");
    expect(complaint?.languages).toEqual(["de", "en"]);
    expect(complaint?.risks).toContain("escalating_complaint");
    const detail = await call(trainer, "GET", "/api/training/scenarios/complaint-escalates");
    expect(detail.json().branches.map((b: { id: string }) => b.id)).toEqual(["goes-public", "more-voices"]);
    expect((await call(trainer, "GET", "/api/training/scenarios/nope")).statusCode).toBe(404);
  });

  it("lets only trainers, managers and admins create exercises, with a workspace per team", async () => {
    const refused = await call(lead, "POST", "/api/training/exercises", {
      scenarioId: "complaint-escalates",
      lang: "de",
    });
    expect(refused.statusCode).toBe(403);
    const unknown = await call(trainer, "POST", "/api/training/exercises", {
      scenarioId: "nope",
      lang: "de",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors?.[0]?.field ?? unknown.json().fields?.[0]?.field).toBe("scenarioId");

    const res = await call(trainer, "POST", "/api/training/exercises", {
      scenarioId: "complaint-escalates",
      lang: "de",
      mode: "team",
      teams: ["Blau", "Rot"],
      speed: 10,
    });
    expect(res.statusCode).toBe(201);
    exercise = res.json() as ExerciseRead;
    expect(exercise.status).toBe("lobby");
    expect(exercise.teams.map((t) => t.name)).toEqual(["Blau", "Rot"]);
    expect(new Set(exercise.teams.map((t) => t.workspaceId)).size).toBe(2);
    expect(exercise.joinCode).toBeTruthy();
    expect(exercise.canRun).toBe(true);
  });

  it("lets members of the organisation join by link with a team and an incident role", async () => {
    const code = exercise.joinCode as string;
    const info = await call(lead, "GET", `/api/training/join/${code}`);
    expect(info.statusCode).toBe(200);
    expect((info.json() as JoinInfo).roles).toEqual(["lead", "communications"]);
    // People of another organisation do not even learn that the exercise exists.
    expect((await call(outsider, "GET", `/api/training/join/${code}`)).statusCode).toBe(404);
    expect((await call(lead, "GET", "/api/training/join/wrong-code-123")).statusCode).toBe(404);

    const badRole = await call(lead, "POST", "/api/training/join", {
      code,
      teamId: exercise.teams[0]?.id,
      role: "legal",
    });
    expect(badRole.statusCode).toBe(400);
    expect(JSON.stringify(badRole.json())).toContain("role");
    const noTeam = await call(lead, "POST", "/api/training/join", { code, teamId: "nope", role: "lead" });
    expect(noTeam.statusCode).toBe(400);
    expect(JSON.stringify(noTeam.json())).toContain("teamId");

    const blau = exercise.teams[0]?.id;
    expect(
      (await call(lead, "POST", "/api/training/join", { code, teamId: blau, role: "lead" })).statusCode,
    ).toBe(200);
    expect(
      (await call(comms, "POST", "/api/training/join", { code, teamId: blau, role: "communications" }))
        .statusCode,
    ).toBe(200);
    // The session now works in the exercise workspace, marked as such.
    const me = (await call(comms, "GET", "/api/auth/me")).json();
    expect(me.org.kind).toBe("exercise");
    expect(me.org.id).toBe(exercise.teams[0]?.workspaceId);
    expect(me.workspaces.map((w: { kind: string }) => w.kind).sort()).toEqual(["exercise", "live"]);
    const current = (await call(comms, "GET", "/api/training/current")).json();
    expect(current).toMatchObject({
      exerciseId: exercise.id,
      role: "communications",
      team: { name: "Blau" },
    });
    expect((await call(trainer, "GET", "/api/training/current")).statusCode).toBe(404);
    // Signing in again lands in the real workspace.
    const again = await signIn(app, "lead@lindenau.example", "trainee-password-1");
    expect(again.session.org.id).toBe(orgId);
  });

  it("keeps the simulation inside: no connectors, no alert channels in an exercise workspace", async () => {
    const look = await call(trainer, "POST", "/api/auth/workspace", {
      orgId: exercise.teams[1]?.workspaceId,
    });
    expect(look.statusCode).toBe(200);
    const connector = await call(trainer, "POST", "/api/connectors", {
      kind: "rss",
      name: "Feed",
      config: { url: "https://example.com/feed.xml" },
      secrets: {},
    });
    expect(connector.statusCode).toBe(403);
    expect(connector.json().detail ?? connector.json().title).toMatch(/Exercise workspaces cannot/);
    const channel = await call(trainer, "POST", "/api/alert-channels", {
      name: "Mail",
      config: { kind: "email", to: ["a@example.com"] },
    });
    expect(channel.statusCode).toBe(403);
    expect((await call(trainer, "POST", "/api/auth/workspace", { orgId })).statusCode).toBe(200);
    // Another organisation's workspace is not one to switch to.
    expect((await call(outsider, "POST", "/api/auth/workspace", { orgId })).statusCode).toBe(404);
  });

  it("plays the scenario into each team's workspace on the exercise clock", async () => {
    expect((await call(lead, "POST", `/api/training/exercises/${exercise.id}/start`, {})).statusCode).toBe(
      403,
    );
    const started = await call(trainer, "POST", `/api/training/exercises/${exercise.id}/start`, {});
    expect(started.statusCode).toBe(200);
    expect((await call(trainer, "POST", `/api/training/exercises/${exercise.id}/start`, {})).statusCode).toBe(
      409,
    );
    // 6 s at 10× is one scenario minute: the complaint (at 30 s) is out.
    await play(6_000);
    const complaint = await waitFor(
      async () => (await postsOf(comms)).find((p) => p.externalId === "complaint-escalates:complaint:0"),
      "the complaint",
    );
    expect(complaint.text).toContain("ZWEIMAL");
    // Team Rot has the same post in its own workspace; the trainee of Blau sees only Blau's.
    expect((await postsOf(comms)).every((p) => p.externalId.startsWith("complaint-escalates:"))).toBe(true);
  });

  it("is played by one runner at a time: the lease passes on only when it runs out", async () => {
    const db = runtime.ctx.db;
    const now = clock.now();
    const later = (ms: number) => new Date(now.getTime() + ms);
    // The test's runner holds the lease from its last pass.
    expect(await claimExercise(db, exercise.id, "other-process", now, later(15_000))).toBe(false);
    expect(await claimExercise(db, exercise.id, "other-process", later(16_000), later(31_000))).toBe(true);
    expect(await claimExercise(db, exercise.id, "third-process", later(17_000), later(32_000))).toBe(false);
    // Handing it back: the lease of "other-process" runs out before the test's runner passes again.
    expect(await claimExercise(db, exercise.id, "other-process", now, now)).toBe(true);
  });

  it("sends a reply through the four-eyes approval into the simulation, never to a platform", async () => {
    const complaint = (await postsOf(comms)).find((p) => p.externalId === "complaint-escalates:complaint:0");
    const draft = await call(comms, "POST", "/api/drafts", {
      kind: "reply",
      inReplyToPostId: complaint?.id,
      text: "Liebe Frau Krause, das tut uns sehr leid! Wir kümmern uns sofort und erstatten den doppelten Betrag. Bitte schicken Sie uns Ihre Kundennummer per Direktnachricht.",
      lang: "de",
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const submitted = await call(comms, "POST", `/api/drafts/${draft.json().id}/submit`, {
      version: draft.json().version,
    });
    expect(submitted.json(), submitted.body).toMatchObject({ state: "pending_approval" });
    const approved = await call(lead, "POST", `/api/drafts/${draft.json().id}/approve`, {
      version: submitted.json().version,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().state).toBe("sent");
    const reply = await waitFor(
      async () => (await postsOf(comms)).find((p) => p.author.handle === "stadtwerke_lindenau"),
      "the simulated reply",
    );
    expect(reply.text).toContain("Frau Krause");
  });

  it("captures evidence without asking a time-stamping authority; a post its author deleted cannot be captured", async () => {
    const posts = await postsOf(comms);
    const complaint = posts.find((p) => p.externalId === "complaint-escalates:complaint:0");
    const stamped = await call(comms, "POST", "/api/evidence", { postId: complaint?.id, timestamp: true });
    expect(stamped.statusCode).toBe(400);
    expect(stamped.json().errors[0]).toMatchObject({ field: "timestamp" });
    const captured = await call(comms, "POST", "/api/evidence", { postId: complaint?.id });
    expect(captured.statusCode, captured.body).toBe(201);
    const other = posts.find((p) => p.id !== complaint?.id);
    expect(other).toBeDefined();
    const workspaceId = exercise.teams[0]?.workspaceId ?? "";
    await markPostsDeleted(runtime.ctx.db, workspaceId, [other?.externalId ?? ""], clock.now());
    const gone = await call(comms, "POST", "/api/evidence", { postId: other?.id });
    expect(gone.statusCode).toBe(409);
    expect(gone.json().errors[0]).toMatchObject({ field: "postId" });
    const listed = (await postsOf(comms)).find((p) => p.id === other?.id) as
      | { deletedAt?: string }
      | undefined;
    expect(listed?.deletedAt).toBe(clock.now().toISOString());
  });

  it("fires a branch for the team that did not answer, and only for it", async () => {
    // Ten scenario minutes after the complaint: Rot never answered, Blau did.
    await play(60_000);
    const feed = (
      await call(trainer, "GET", `/api/training/exercises/${exercise.id}/feed`)
    ).json() as FeedList;
    const branches = feed.items.filter((i) => i.kind === "branch");
    expect(branches.map((b) => b.teamId)).toEqual([exercise.teams[1]?.id]);
    expect(branches[0]?.title.de).toContain("Keine Antwort");
    await play(2_000);
    const rotPosts = await waitFor(async () => {
      await call(trainer, "POST", "/api/auth/workspace", { orgId: exercise.teams[1]?.workspaceId });
      const found = (await postsOf(trainer)).find(
        (p) => p.externalId === "complaint-escalates:public-post:0",
      );
      return found;
    }, "the branch's post in Rot's workspace");
    expect(rotPosts.text).toContain("Screenshot");
    await call(trainer, "POST", "/api/auth/workspace", { orgId });
    // The trainees' actions are in the feed, with their names.
    const actions = feed.items.filter((i) => i.kind === "action").map((i) => `${i.actor?.name}:${i.action}`);
    expect(actions).toEqual(expect.arrayContaining(["Cem Comms:draft.create", "Lea Lead:draft.approve"]));
  });

  it("gives an incident the team opens its crisis team: the roles chosen on joining", async () => {
    const opened = await call(lead, "POST", "/api/incidents", {
      title: "Doppelte Abbuchungen",
      severity: "sev3",
      description: "Presse fragt nach",
    });
    expect(opened.statusCode, opened.body).toBe(201);
    await runner.pass();
    const roles = (await call(lead, "GET", `/api/incidents/${opened.json().id}/roles`)).json().items;
    expect(roles.map((r: { role: string; name: string }) => `${r.role}:${r.name}`).sort()).toEqual([
      "communications:Cem Comms",
      "lead:Lea Lead",
    ]);
  });

  it("pauses, changes speed and takes injects sent by hand, checking what it is given", async () => {
    const paused = await call(trainer, "POST", `/api/training/exercises/${exercise.id}/pause`, {});
    expect(paused.json().status).toBe("paused");
    // The runner follows within a pass (at once in the same process): the players stop.
    await runner.pass();
    const at = paused.json().clock.scenarioMs;
    await clock.advance(30_000);
    expect(
      (await call(trainer, "GET", `/api/training/exercises/${exercise.id}`)).json().clock.scenarioMs,
    ).toBe(at);
    const faster = await call(trainer, "PUT", `/api/training/exercises/${exercise.id}/speed`, { speed: 20 });
    expect(faster.json().clock.speed).toBe(20);
    expect(
      (await call(trainer, "PUT", `/api/training/exercises/${exercise.id}/speed`, { speed: 0 })).statusCode,
    ).toBe(400);
    const badPersona = await call(trainer, "POST", `/api/training/exercises/${exercise.id}/injects`, {
      teamId: null,
      persona: "nobody",
      platform: "x",
      text: "Hallo?",
    });
    expect(badPersona.statusCode).toBe(400);
    expect(JSON.stringify(badPersona.json())).toContain("persona");
    const inject = await call(trainer, "POST", `/api/training/exercises/${exercise.id}/injects`, {
      teamId: exercise.teams[0]?.id,
      persona: "lokalzeitung",
      platform: "x",
      text: "@stadtwerke_lindenau Wie viele Haushalte sind betroffen?",
      replyTo: "complaint",
    });
    expect(inject.statusCode).toBe(201);
    expect(
      (await call(trainer, "POST", `/api/training/exercises/${exercise.id}/resume`, {})).statusCode,
    ).toBe(200);
    await play(1_000);
    await waitFor(
      async () => (await postsOf(comms)).find((p) => p.text.includes("Wie viele Haushalte")),
      "the hand-sent inject",
    );
  });

  it("ends with a debrief per team, certificates and each person's progress", async () => {
    const ended = await call(trainer, "POST", `/api/training/exercises/${exercise.id}/end`, {});
    expect(ended.json().status).toBe("ended");
    const debrief = (
      await call(comms, "GET", `/api/training/exercises/${exercise.id}/debrief`)
    ).json() as DebriefRead;
    const [blau, rot] = debrief.teams;
    expect(blau?.team.name).toBe("Blau");
    expect(blau?.participants.map((p) => p.name).sort()).toEqual(["Cem Comms", "Lea Lead"]);
    const response = (t: typeof blau) => t?.score.criteria.find((c) => c.key === "response")?.score ?? -1;
    expect(response(blau)).toBeGreaterThan(response(rot));
    expect(blau?.score.score).toBeGreaterThan(rot?.score.score ?? 100);
    expect(blau?.actions.length).toBeGreaterThan(0);
    expect(blau?.injects.some((i) => i.action === "inject:complaint")).toBe(true);
    expect(rot?.injects.some((i) => i.kind === "branch")).toBe(true);
    expect(debrief.lessons.length).toBeGreaterThan(0);

    const pdf = await call(
      comms,
      "GET",
      `/api/training/exercises/${exercise.id}/certificates/${ids.comms}?lang=de`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // A trainee gets their own certificate, not a colleague's; the trainer gets everyone's.
    expect(
      (await call(comms, "GET", `/api/training/exercises/${exercise.id}/certificates/${ids.lead}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(trainer, "GET", `/api/training/exercises/${exercise.id}/certificates/${ids.lead}`))
        .statusCode,
    ).toBe(200);

    const mine = (await call(comms, "GET", "/api/training/progress")).json().items;
    expect(mine.map((p: { name: string }) => p.name)).toEqual(["Cem Comms"]);
    const all = (await call(trainer, "GET", "/api/training/progress")).json().items;
    expect(all.map((p: { name: string }) => p.name)).toEqual(["Cem Comms", "Lea Lead"]);
    expect(all[0].exercises[0]).toMatchObject({
      scenarioId: "complaint-escalates",
      teamName: "Blau",
      role: "communications",
    });
    // Joining an ended exercise is refused.
    expect(
      (
        await call(lead, "POST", "/api/training/join", {
          code: exercise.joinCode,
          teamId: exercise.teams[1]?.id,
          role: "lead",
        })
      ).statusCode,
    ).toBe(409);
  });

  it("deletes an exercise with its workspaces", async () => {
    expect((await call(lead, "DELETE", `/api/training/exercises/${exercise.id}`)).statusCode).toBe(403);
    expect((await call(trainer, "DELETE", `/api/training/exercises/${exercise.id}`)).statusCode).toBe(204);
    expect((await call(trainer, "GET", `/api/training/exercises/${exercise.id}`)).statusCode).toBe(404);
    // The trainee's session worked in a deleted workspace: it moves back to the real one.
    const me = await call(comms, "GET", "/api/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().org).toMatchObject({ id: orgId, kind: "live" });
  });

  it("gives each trainee a workspace of their own in individual mode", async () => {
    const created = await call(trainer, "POST", "/api/training/exercises", {
      scenarioId: "complaint-escalates",
      lang: "en",
      mode: "individual",
    });
    expect(created.statusCode).toBe(201);
    const solo = created.json() as ExerciseRead;
    expect(solo.teams).toEqual([]);
    for (const [who, role] of [
      [lead, "lead"],
      [comms, "communications"],
    ] as const) {
      const joined = await call(who, "POST", "/api/training/join", { code: solo.joinCode, role });
      expect(joined.statusCode, joined.body).toBe(200);
    }
    const teams = (await call(trainer, "GET", `/api/training/exercises/${solo.id}`)).json()
      .teams as ExerciseRead["teams"];
    expect(teams.map((t) => t.name).sort()).toEqual(["Cem Comms", "Lea Lead"]);
    expect(new Set(teams.map((t) => t.workspaceId)).size).toBe(2);
    expect(teams.every((t) => t.members.length === 1)).toBe(true);
    // Joining twice keeps the person where they are.
    const again = await call(comms, "POST", "/api/training/join", {
      code: solo.joinCode,
      role: "communications",
    });
    expect(again.json().teamId).toBe(teams.find((t) => t.name === "Cem Comms")?.id);
  });

  it("keeps one workspace when the same person joins twice at the same moment", async () => {
    const created = await call(trainer, "POST", "/api/training/exercises", {
      scenarioId: "complaint-escalates",
      lang: "de",
      mode: "individual",
    });
    const solo = created.json() as ExerciseRead;
    const teamsBefore = (
      (await call(trainer, "GET", "/api/auth/me")).json().workspaces as { id: string }[]
    ).map((w) => w.id);
    const joins = await Promise.all(
      [1, 2, 3].map(() => call(lead, "POST", "/api/training/join", { code: solo.joinCode, role: "lead" })),
    );
    for (const joined of joins) expect(joined.statusCode, joined.body).toBe(200);
    expect(new Set(joins.map((j) => j.json().teamId)).size).toBe(1);
    const teams = (await call(trainer, "GET", `/api/training/exercises/${solo.id}`)).json()
      .teams as ExerciseRead["teams"];
    expect(teams).toHaveLength(1);
    expect(teams[0]?.members).toHaveLength(1);
    expect(joins.every((j) => j.json().workspaceId === teams[0]?.workspaceId)).toBe(true);
    // The workspaces the losing requests made are gone again (the trainer is admin of every one made).
    const before = new Set(teamsBefore);
    const made = ((await call(trainer, "GET", "/api/auth/me")).json().workspaces as { id: string }[])
      .map((w) => w.id)
      .filter((id) => !before.has(id));
    expect(made).toEqual([teams[0]?.workspaceId]);
  });
});
