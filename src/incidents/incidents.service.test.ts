import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost, buildTopic } from "../../test/factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";
import { raiseOperationalAlert } from "../alerts/alerts.operational.ts";
import { listConversations, updateInboxSettings } from "../inbox/inbox.service.ts";
import { syncOrganisation } from "../inbox/inbox.sync.ts";
import { addMember } from "../orgs/orgs.service.ts";
import { ManualClock } from "../platform/clock.ts";
import { checkLegalClocks, type RaiseDeadlineAlert } from "./incidents.clocks.ts";
import { checkIncidentLevels, noteAlertOnIncidents } from "./incidents.jobs.ts";
import { mayTakeAlert } from "./incidents.repo.ts";
import { suggestIncident } from "./incidents.service.ts";
import { incidentIdsForConversation, listIncidentTimeline } from "./incidents.timeline.ts";

const hour = 3_600_000;

describe.each(databaseKinds)("incidents on %s", (kind) => {
  const clock = new ManualClock("2026-11-25T10:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let agent: Awaited<ReturnType<typeof signIn>>;
  let viewer: Awaited<ReturnType<typeof signIn>>;
  let orgId = "";
  let agentUserId = "";
  let alertId = "";

  const call = (
    who: { headers: Record<string, string> },
    method: "GET" | "POST" | "PATCH" | "PUT",
    url: string,
    payload?: Record<string, unknown>,
  ) => app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  // Sessions last 12 hours of the manual clock: moving it on signs everyone in again.
  const advance = async (ms: number) => {
    clock.advance(ms);
    admin = await signIn(app, "admin@nordwind.example");
    agent = await signIn(app, "agent@nordwind.example", "agent-password-1");
    viewer = await signIn(app, "viewer@nordwind.example", "viewer-password-1");
  };

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { clock, alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    orgId = seeded.org.id;
    admin = await signIn(app, seeded.email);
    const system = { orgId, system: true as const };
    const member = await addMember(runtime.ctx, system, {
      email: "agent@nordwind.example",
      name: "Ada Agent",
      role: "agent",
      password: "agent-password-1",
    });
    agentUserId = member.id;
    await addMember(runtime.ctx, system, {
      email: "viewer@nordwind.example",
      name: "Vera Viewer",
      role: "viewer",
      password: "viewer-password-1",
    });
    agent = await signIn(app, "agent@nordwind.example", "agent-password-1");
    viewer = await signIn(app, "viewer@nordwind.example", "viewer-password-1");
    await call(admin, "POST", "/api/topics", buildTopic());
    await call(admin, "POST", "/api/alert-rules", {
      name: "every post",
      condition: { kind: "priority_post", minPriority: 0 },
      channelIds: [],
    });
    await call(admin, "POST", "/api/posts", {
      posts: [
        buildPost({
          text: "Nordwind kein Netz seit Stunden, Störung überall in Kiel! Ich kündige!",
          postedAt: "2026-11-25T09:30:00Z",
        }),
      ],
    });
    await runtime.ctx.bus.idle();
    const alerts = (await call(admin, "GET", "/api/alerts")).json().items as { id: string }[];
    alertId = alerts[0]?.id ?? "";
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("suggests the severity from the topic's escalation level", async () => {
    const actor = { orgId, role: "agent" as const, userId: agentUserId, tokenId: null };
    const at = (level: number) => ({
      escalation: {
        topicLevel: async () => ({ level, explanation: { de: "", en: "" }, anomalyScore: 0 }),
      },
    });
    const source = { kind: "alert" as const, id: alertId };
    expect((await suggestIncident(runtime.ctx, at(5), actor, source, "en")).severity).toBe("sev1");
    expect((await suggestIncident(runtime.ctx, at(4), actor, source, "en")).severity).toBe("sev2");
    expect((await suggestIncident(runtime.ctx, at(2), actor, source, "en")).severity).toBe("sev3");
    const suggestion = await suggestIncident(runtime.ctx, at(1), actor, source, "en");
    expect(suggestion).toMatchObject({ severity: "sev4", level: 1 });
    expect(suggestion.title.length).toBeGreaterThan(0);
    expect(suggestion.topicId).not.toBeNull();
  });

  it("settles in one look-up that no incident takes an alert while none is open", async () => {
    expect(await mayTakeAlert(runtime.ctx.db, orgId, alertId)).toBe(false);
    await noteAlertOnIncidents(runtime.ctx, { orgId, alertId, outcome: "folded", deliveries: 0 });
    expect((await call(agent, "GET", "/api/incidents")).json().items).toEqual([]);
  });

  it("opens an incident from an alert with its topic, title and posts, and notes it on the timeline", async () => {
    expect(alertId).not.toBe("");
    const res = await call(agent, "POST", "/api/incidents", {
      source: { kind: "alert", id: alertId },
      lang: "en",
    });
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json();
    expect(incident).toMatchObject({ status: "active", source: { kind: "alert", id: alertId }, lang: "en" });
    expect(incident.topicId).not.toBeNull();
    expect(incident.severity).toMatch(/^sev[1-4]$/);
    const posts = (await call(agent, "GET", `/api/incidents/${incident.id}/posts`)).json().items;
    expect(posts).toHaveLength(1);
    expect(posts[0].text).toContain("kein Netz");
    const kinds = (await call(agent, "GET", `/api/incidents/${incident.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(["opened", "alert", "post_attached"]);
  });

  it("puts a folded alert on the timeline once and updates its count", async () => {
    const opened = (
      await call(agent, "POST", "/api/incidents", { source: { kind: "alert", id: alertId } })
    ).json();
    await runtime.ctx.db.transaction(async () => {});
    const { alerts } = await import("../alerts/alerts.table.ts");
    const { eq } = await import("drizzle-orm");
    await runtime.ctx.db.update(alerts).set({ occurrences: 3 }).where(eq(alerts.id, alertId));
    await noteAlertOnIncidents(runtime.ctx, { orgId, alertId, outcome: "folded", deliveries: 0 });
    await noteAlertOnIncidents(runtime.ctx, { orgId, alertId, outcome: "folded", deliveries: 0 });
    const entries = (await listIncidentTimeline(runtime.ctx.db, orgId, opened.id)).filter(
      (e) => e.kind === "alert",
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]?.detail.occurrences).toBe(3);
    expect(entries[0]?.title.en).toContain("(3×)");
  });

  it("puts an alert raised or folded later on the timeline of an incident watching its topic", async () => {
    const postId = ((await call(admin, "GET", "/api/posts")).json().items as { id: string }[])[0]?.id;
    const opened = (
      await call(agent, "POST", "/api/incidents", { source: { kind: "post", id: postId } })
    ).json();
    expect(opened.topicId).not.toBeNull();
    const alertEntries = async () =>
      (await listIncidentTimeline(runtime.ctx.db, orgId, opened.id)).filter((e) => e.kind === "alert");
    expect(await alertEntries()).toEqual([]);
    await call(admin, "POST", "/api/posts", {
      posts: [
        buildPost({
          text: "Nordwind Störung in Lübeck, kein Netz seit dem Morgen",
          postedAt: "2026-11-25T09:45:00Z",
        }),
      ],
    });
    await runtime.ctx.bus.idle();
    await expect.poll(async () => (await alertEntries()).length).toBe(1);
  });

  it("records level changes of the watched topic once per change", async () => {
    const opened = (
      await call(agent, "POST", "/api/incidents", { source: { kind: "alert", id: alertId } })
    ).json();
    let level = 1;
    const escalation = {
      topicLevel: async () => ({ level, explanation: { de: "x", en: "x" }, anomalyScore: 0 }),
    };
    await checkIncidentLevels(runtime.ctx, escalation);
    level = 4;
    await checkIncidentLevels(runtime.ctx, escalation);
    await checkIncidentLevels(runtime.ctx, escalation);
    const changes = (await listIncidentTimeline(runtime.ctx.db, orgId, opened.id)).filter(
      (e) => e.kind === "level_change",
    );
    expect(changes.map((c) => c.detail)).toEqual([expect.objectContaining({ from: 1, to: 4 })]);
  });

  it("opens an incident from an inbox conversation and keeps the link for its replies", async () => {
    const actor = { orgId, role: "admin" as const, userId: null, tokenId: null };
    // Every post needs attention, so the complaint opens a conversation whatever its assessment.
    await updateInboxSettings(runtime.ctx, actor, { attentionThreshold: 0 });
    await advance(10 * 60_000); // the inbox files posts once their assessment settled
    await syncOrganisation(runtime.ctx, orgId);
    const conversations = (await listConversations(runtime.ctx, actor, { limit: 10 })).items;
    const conversationId = conversations[0]?.id;
    expect(conversationId, "the complaint should open a conversation").toBeDefined();
    const res = await call(agent, "POST", "/api/incidents", {
      source: { kind: "conversation", id: conversationId },
    });
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json();
    expect(incident.title).toMatch(/^@/);
    expect(await incidentIdsForConversation(runtime.ctx.db, orgId, conversationId ?? "")).toEqual([
      incident.id,
    ]);
    expect(
      (await call(agent, "GET", `/api/incidents/${incident.id}/posts`)).json().items.length,
    ).toBeGreaterThan(0);
  });

  it("names the field when the source is unknown or a manual incident has no title", async () => {
    const unknown = await call(agent, "POST", "/api/incidents", { source: { kind: "alert", id: "nope" } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: "source.id" })]);
    const untitled = await call(agent, "POST", "/api/incidents", { severity: "sev3" });
    expect(untitled.statusCode).toBe(400);
    expect(untitled.json().errors).toEqual([expect.objectContaining({ field: "title" })]);
    const badSeverity = await call(agent, "POST", "/api/incidents", { title: "x", severity: "sev9" });
    expect(badSeverity.statusCode).toBe(400);
    expect(JSON.stringify(badSeverity.json().errors)).toContain("severity");
  });

  it("lets viewers read but not open or work on incidents", async () => {
    expect((await call(viewer, "POST", "/api/incidents", { title: "x", severity: "sev4" })).statusCode).toBe(
      403,
    );
    const opened = (
      await call(agent, "POST", "/api/incidents", { title: "Lesen erlaubt", severity: "sev4" })
    ).json();
    expect((await call(viewer, "GET", `/api/incidents/${opened.id}/timeline`)).statusCode).toBe(200);
    expect(
      (await call(viewer, "POST", `/api/incidents/${opened.id}/notes`, { text: "nein" })).statusCode,
    ).toBe(403);
    const playbooks = (await call(viewer, "GET", "/api/playbooks")).json().items as { id: string }[];
    expect(
      (
        await call(viewer, "POST", `/api/incidents/${opened.id}/playbook-runs`, {
          playbookId: playbooks[0]?.id,
        })
      ).statusCode,
    ).toBe(403);
  });

  it("runs a playbook: tasks due from the incident start, clocks started, notice drafted; a second run is refused", async () => {
    const opened = (
      await call(agent, "POST", "/api/incidents", { title: "Verleumdung durch @troll", severity: "sev3" })
    ).json();
    const playbooks = (await call(agent, "GET", "/api/playbooks")).json().items as {
      id: string;
      key: string;
      latest: { steps: { offsetMinutes: number; clock?: string; notice?: unknown }[] };
    }[];
    expect(playbooks.map((p) => p.key)).toHaveLength(9);
    const playbook = playbooks.find((p) => p.key === "insult_defamation");
    if (!playbook) throw new Error("no insult_defamation playbook");
    await advance(10 * 60_000);
    const run = await call(agent, "POST", `/api/incidents/${opened.id}/playbook-runs`, {
      playbookId: playbook.id,
    });
    expect(run.statusCode, run.body).toBe(201);
    expect(run.json()).toMatchObject({ version: 1, tasks: playbook.latest.steps.length, notices: 1 });
    expect(run.json().clocks).toEqual([{ kind: "stgb_77b", outcome: "started" }]);

    const tasks = (await call(agent, "GET", `/api/incidents/${opened.id}/tasks`)).json().items as {
      dueAt: string;
    }[];
    const expectedDue = playbook.latest.steps
      .map((s) => new Date(Date.parse(opened.createdAt) + s.offsetMinutes * 60_000).toISOString())
      .sort();
    expect(tasks.map((t) => t.dueAt).sort()).toEqual(expectedDue);

    const clocks = (await call(agent, "GET", `/api/incidents/${opened.id}/clocks`)).json().items;
    expect(clocks).toEqual([
      expect.objectContaining({
        kind: "stgb_77b",
        status: "running",
        startedAt: opened.createdAt,
        dueAt: opened.createdAt.replace("2026-11-25", "2027-02-25"),
      }),
    ]);
    const notices = (await call(agent, "GET", `/api/incidents/${opened.id}/notices`)).json().items;
    expect(notices).toEqual([
      expect.objectContaining({ state: "draft", law: "§§ 185–187 StGB", goodFaith: false }),
    ]);

    const again = await call(agent, "POST", `/api/incidents/${opened.id}/playbook-runs`, {
      playbookId: playbook.id,
    });
    expect(again.statusCode).toBe(409);
    const timeline = (await call(agent, "GET", `/api/incidents/${opened.id}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === "playbook_run")).toHaveLength(1);
    expect(timeline.filter((e: { kind: string }) => e.kind === "task_created")).toHaveLength(tasks.length);
  });

  it("runs an edited playbook as a new version, keeping the old one", async () => {
    const playbooks = (await call(admin, "GET", "/api/playbooks")).json().items as {
      id: string;
      key: string;
      latest: { steps: unknown[] };
    }[];
    const shitstorm = playbooks.find((p) => p.key === "shitstorm");
    if (!shitstorm) throw new Error("no shitstorm playbook");
    const step = {
      title: { de: "Pressestelle anrufen", en: "Call the press office" },
      role: "communications",
      offsetMinutes: 5,
    };
    expect(
      (await call(agent, "POST", `/api/playbooks/${shitstorm.id}/versions`, { steps: [step] })).statusCode,
    ).toBe(403);
    const missingEnglish = await call(admin, "POST", `/api/playbooks/${shitstorm.id}/versions`, {
      steps: [{ ...step, title: { de: "Nur Deutsch" } }],
    });
    expect(missingEnglish.statusCode).toBe(400);
    expect(JSON.stringify(missingEnglish.json().errors)).toContain("steps.0.title.en");
    const saved = await call(admin, "POST", `/api/playbooks/${shitstorm.id}/versions`, { steps: [step] });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().latest.version).toBe(2);
    const versions = (await call(admin, "GET", `/api/playbooks/${shitstorm.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1].steps).toHaveLength(shitstorm.latest.steps.length);
  });

  it("alerts each legal-clock threshold exactly once, the most urgent when several came due", async () => {
    const opened = (
      await call(agent, "POST", "/api/incidents", { title: "Datenleck", severity: "sev2" })
    ).json();
    const started = await call(agent, "POST", `/api/incidents/${opened.id}/clocks`, { kind: "gdpr_33" });
    expect(started.statusCode, started.body).toBe(201);
    const clockId = started.json().id as string;
    const raised: string[] = [];
    const raise: RaiseDeadlineAlert = async (ctx, org, input) => {
      raised.push(input.dedupKey);
      return raiseOperationalAlert(ctx, org, input);
    };
    const mine = () => raised.filter((k) => k.startsWith(`clock:${clockId}:`));
    await checkLegalClocks(runtime.ctx, raise);
    expect(mine()).toEqual([]);
    await advance(49 * hour);
    await checkLegalClocks(runtime.ctx, raise);
    await checkLegalClocks(runtime.ctx, raise);
    expect(mine()).toEqual([`clock:${clockId}:24h_left`]);
    await advance(30 * hour);
    await checkLegalClocks(runtime.ctx, raise);
    await checkLegalClocks(runtime.ctx, raise);
    expect(mine()).toEqual([`clock:${clockId}:24h_left`, `clock:${clockId}:expired`]);
    const clocks = (await call(agent, "GET", `/api/incidents/${opened.id}/clocks`)).json().items;
    expect(clocks[0]).toMatchObject({ status: "expired" });
    const alerts = (await call(admin, "GET", "/api/alerts")).json().items as { title: { en: string } }[];
    expect(
      alerts.some((a) => a.title.en.startsWith("Clock expired") && a.title.en.includes("Datenleck")),
    ).toBe(true);
  });

  it("refuses NIS2 clocks where the organisation is not in scope, and starts them once it is", async () => {
    const opened = (
      await call(agent, "POST", "/api/incidents", { title: "Ausfall", severity: "sev2" })
    ).json();
    const refused = await call(agent, "POST", `/api/incidents/${opened.id}/clocks`, {
      kind: "nis2_early_warning",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: "kind" })]);
    expect((await call(agent, "PUT", "/api/incident-settings", { nis2InScope: true })).statusCode).toBe(403);
    expect((await call(admin, "PUT", "/api/incident-settings", { nis2InScope: true })).statusCode).toBe(200);
    const started = await call(agent, "POST", `/api/incidents/${opened.id}/clocks`, {
      kind: "nis2_early_warning",
    });
    expect(started.statusCode).toBe(201);
    expect(Date.parse(started.json().dueAt) - Date.parse(started.json().startedAt)).toBe(24 * hour);
    const twice = await call(agent, "POST", `/api/incidents/${opened.id}/clocks`, {
      kind: "nis2_early_warning",
    });
    expect(twice.statusCode).toBe(409);
  });

  it("moves a DSA notice only along its path and puts every step on the timeline", async () => {
    const opened = (
      await call(agent, "POST", "/api/incidents", { title: "Fake-Profil", severity: "sev3" })
    ).json();
    const base = `/api/incidents/${opened.id}/notices`;
    const notice = {
      platform: "Mastodon (social.example)",
      urls: ["https://social.example/@fake_nordwind"],
      reasons: "Das Konto gibt sich als Nordwind Mobil aus.",
      law: "§ 12 BGB",
      notifierName: "Lena Hoffmann",
      notifierEmail: "lena@nordwind.example",
    };
    const noFaith = await call(agent, "POST", base, notice);
    expect(noFaith.statusCode).toBe(400);
    expect(noFaith.json().errors).toEqual([expect.objectContaining({ field: "goodFaith" })]);
    const badUrl = await call(agent, "POST", base, {
      ...notice,
      goodFaith: true,
      urls: ["javascript:alert(1)"],
    });
    expect(badUrl.statusCode).toBe(400);
    expect(JSON.stringify(badUrl.json().errors)).toContain("urls.0");
    const created = await call(agent, "POST", base, { ...notice, goodFaith: true });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json().text.de).toContain("https://social.example/@fake_nordwind");
    const move = (payload: Record<string, unknown>) =>
      call(agent, "POST", `${base}/${id}/transitions`, payload);
    const at = "2026-11-28T10:00:00Z";
    expect((await move({ to: "decided", at, decision: "removed" })).statusCode).toBe(409);
    expect((await move({ to: "submitted", at, via: "Meldeformular" })).statusCode).toBe(200);
    expect((await call(agent, "PATCH", `${base}/${id}`, { law: "x" })).statusCode).toBe(409);
    expect((await move({ to: "confirmed", at, reference: "MST-1234" })).statusCode).toBe(200);
    expect((await move({ to: "submitted", at, via: "again" })).statusCode).toBe(409);
    const decided = await move({ to: "decided", at, decision: "no_action", statement: "Kein Verstoß" });
    expect(decided.json()).toMatchObject({ state: "decided", nextStates: ["redress"] });
    expect((await move({ to: "redress", at, path: "out_of_court" })).statusCode).toBe(200);
    const flagged = await call(agent, "POST", `${base}/${id}/trusted-flagger`, { name: "HateAid", at });
    expect(flagged.json().trustedFlagger).toEqual({ name: "HateAid", handedAt: at });
    const kinds = (await call(agent, "GET", `/api/incidents/${opened.id}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      "opened",
      "notice_drafted",
      "notice_submitted",
      "notice_confirmed",
      "notice_decided",
      "notice_redress",
      "notice_trusted_flagger",
    ]);
  });

  it("lets only the incidents opened from an alert take it once every incident is closed", async () => {
    expect(await mayTakeAlert(runtime.ctx.db, orgId, alertId)).toBe(true);
    expect(await mayTakeAlert(runtime.ctx.db, orgId, "some-other-alert")).toBe(true);
    const { incidents } = await import("./incidents.table.ts");
    const { eq } = await import("drizzle-orm");
    const before = await runtime.ctx.db
      .select({ id: incidents.id, status: incidents.status })
      .from(incidents)
      .where(eq(incidents.orgId, orgId));
    await runtime.ctx.db.update(incidents).set({ status: "closed" }).where(eq(incidents.orgId, orgId));
    try {
      expect(await mayTakeAlert(runtime.ctx.db, orgId, "some-other-alert")).toBe(false);
      expect(await mayTakeAlert(runtime.ctx.db, orgId, alertId)).toBe(true);
      expect(await mayTakeAlert(runtime.ctx.db, "another-org", alertId)).toBe(false);
    } finally {
      for (const row of before) {
        await runtime.ctx.db.update(incidents).set({ status: row.status }).where(eq(incidents.id, row.id));
      }
    }
  });

  it("works tasks, roles, notes and status updates, and drafts the review on close", async () => {
    const opened = (
      await call(agent, "POST", "/api/incidents", { title: "Shitstorm Tarif", severity: "sev2", lang: "en" })
    ).json();
    const base = `/api/incidents/${opened.id}`;
    const badRole = await call(agent, "PUT", `${base}/roles`, { lead: "someone-else" });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors).toEqual([expect.objectContaining({ field: "lead" })]);
    const roles = await call(agent, "PUT", `${base}/roles`, { lead: agentUserId });
    expect(roles.json().items).toEqual([{ role: "lead", userId: agentUserId, name: "Ada Agent" }]);
    expect((await call(agent, "GET", base)).json().leadUserId).toBe(agentUserId);

    const task = await call(agent, "POST", `${base}/tasks`, {
      title: "Stellungnahme abstimmen",
      dueAt: new Date(clock.now().getTime() + hour).toISOString(),
      checklist: ["Entwurf", "Freigabe"],
    });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = task.json().id as string;
    const outOfRange = await call(agent, "PATCH", `${base}/tasks/${taskId}`, {
      check: { index: 5, done: true },
    });
    expect(outOfRange.json().errors).toEqual([expect.objectContaining({ field: "check.index" })]);
    const ticked = await call(agent, "PATCH", `${base}/tasks/${taskId}`, { check: { index: 1, done: true } });
    expect(ticked.json().checklist.map((c: { done: boolean }) => c.done)).toEqual([false, true]);
    await advance(2 * hour);
    expect((await call(agent, "GET", `${base}/tasks`)).json().items[0].overdue).toBe(true);
    const figures = (await call(agent, "GET", "/api/incident-figures")).json();
    expect(figures.tasksOverdue).toBeGreaterThanOrEqual(1);
    expect(figures.open.some((o: { severity: string }) => o.severity === "sev2")).toBe(true);
    await call(agent, "PATCH", `${base}/tasks/${taskId}`, { status: "done" });

    expect((await call(agent, "POST", `${base}/notes`, { text: "Presse ruft an" })).statusCode).toBe(201);
    const update = await call(agent, "POST", `${base}/status-updates`, {
      template: "situation",
      nextUpdate: "15:00",
    });
    expect(update.json().en).toBe(
      "Situation report on “Shitstorm Tarif”: severity SEV2, status active. Incident lead: Ada Agent. Next update: 15:00.",
    );
    const unknownTemplate = await call(agent, "POST", `${base}/status-updates`, { template: "nope" });
    expect(unknownTemplate.json().errors).toEqual([expect.objectContaining({ field: "template" })]);

    const closed = await call(agent, "PATCH", base, { status: "closed" });
    expect(closed.statusCode).toBe(200);
    const review = closed.json().review as string;
    expect(review).toContain("# Post-incident review: Shitstorm Tarif");
    expect(review).toContain("Presse ruft an");
    expect(review).toContain("Tasks done: 1 / 1");
    expect(review).toContain("Tasks done late or left open past due: 1");
    expect(closed.json().closedAt).toBe(clock.now().toISOString());
    const edited = await call(agent, "PATCH", base, { review: `${review}\n\nEdited.` });
    expect(edited.json().review).toContain("Edited.");
    expect((await call(agent, "PATCH", base, { status: "active" })).statusCode).toBe(403);
    expect((await call(admin, "PATCH", base, { status: "active" })).json().closedAt).toBeNull();
    const kinds = (await call(agent, "GET", `${base}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "role_assigned",
        "task_created",
        "task_done",
        "note",
        "status_update",
        "status_change",
      ]),
    );
  });
});
