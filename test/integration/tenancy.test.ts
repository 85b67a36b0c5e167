import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIncident, buildPost, buildTopic } from "../factories.ts";
import { databaseKinds, seedOrganisation, signIn, startTestApp, startTestRuntime } from "../harness.ts";

// A valid body for each write, so that a 404 can only come from the organisation scoping.
const bodies: Record<string, unknown> = {
  "PATCH /api/topics/{id}": { name: "Übernommen?" },
  "PATCH /api/users/{id}": { role: "viewer" },
  "PATCH /api/incidents/{id}": { status: "closed" },
  "PATCH /api/alerts/{id}": { state: "acknowledged" },
  "PATCH /api/alert-rules/{id}": { name: "Übernommen?" },
  "PATCH /api/alert-channels/{id}": { name: "Übernommen?" },
  "PATCH /api/stakeholders/{id}": { stance: "foe" },
  "PATCH /api/connectors/{id}": { name: "Übernommen?" },
  "PUT /api/incidents/{id}/roles": {},
  "POST /api/incidents/{id}/posts": { postIds: ["p"] },
  "POST /api/incidents/{id}/notes": { text: "Übernommen?" },
  "POST /api/incidents/{id}/status-updates": { template: "situation" },
  "POST /api/incidents/{id}/tasks": { title: "Übernommen?" },
  "PATCH /api/incidents/{id}/tasks/{itemId}": { status: "done" },
  "POST /api/incidents/{id}/clocks": { kind: "stgb_77b" },
  "PATCH /api/incidents/{id}/clocks/{itemId}": { status: "met" },
  "POST /api/incidents/{id}/notices": {
    platform: "x",
    urls: ["https://x.example/1"],
    reasons: "r",
    law: "§ 185 StGB",
    notifierName: "A",
    notifierEmail: "a@org-a.example",
    goodFaith: true,
  },
  "PATCH /api/incidents/{id}/notices/{itemId}": { law: "§ 186 StGB" },
  "POST /api/incidents/{id}/notices/{itemId}/transitions": {
    to: "submitted",
    at: "2026-01-01T00:00:00Z",
    via: "form",
  },
  "POST /api/incidents/{id}/notices/{itemId}/trusted-flagger": {
    name: "HateAid",
    at: "2026-01-01T00:00:00Z",
  },
  "POST /api/incidents/{id}/playbook-runs": { playbookId: "p" },
  "POST /api/playbooks/{id}/versions": {
    steps: [{ title: { de: "a", en: "a" }, role: "lead", offsetMinutes: 0 }],
  },
  "PATCH /api/evidence/{id}": { legalHold: true, reason: "x" },
  "PATCH /api/inbox/conversations/{id}": { status: "done" },
  "POST /api/inbox/conversations/{id}/notes": { text: "Übernommen?" },
  "POST /api/inbox/conversations/{id}/presence": { composing: true },
  "POST /api/inbox/conversations/{id}/fill-reply": { savedReplyId: "r" },
  "PATCH /api/inbox/teams/{id}": { name: "Übernommen?" },
  "PATCH /api/inbox/saved-replies/{id}": { title: "Übernommen?" },
  "PATCH /api/drafts/{id}": { version: 1, text: "Übernommen?" },
  "POST /api/drafts/{id}/submit": { version: 1 },
  "POST /api/drafts/{id}/approve": { version: 1 },
  "POST /api/drafts/{id}/reject": { version: 1, reason: "x" },
  "POST /api/drafts/{id}/send": { version: 1 },
  "POST /api/drafts/{id}/mark-sent": { version: 1 },
  "PUT /api/training/exercises/{id}/speed": { speed: 2 },
  "POST /api/training/exercises/{id}/injects": {
    teamId: null,
    persona: "sabine",
    platform: "x",
    text: "Übernommen?",
  },
};

describe.each(databaseKinds)("organisation isolation on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let a: Awaited<ReturnType<typeof signIn>>;
  const objectsOfB: Record<string, string> = {};

  beforeAll(async () => {
    runtime = await startTestRuntime(kind);
    app = await startTestApp(runtime);
    const orgA = await seedOrganisation(runtime, "org-a");
    const orgB = await seedOrganisation(runtime, "org-b");
    a = await signIn(app, orgA.email);
    const b = await signIn(app, orgB.email);
    const post = (url: string, payload: Record<string, unknown>) =>
      app.inject({ method: "POST", url, headers: b.headers, payload });
    objectsOfB.topics = (await post("/api/topics", buildTopic())).json().id;
    objectsOfB.incidents = (await post("/api/incidents", buildIncident())).json().id;
    objectsOfB.tokens = (await post("/api/tokens", { name: "b's bot" })).json().id;
    objectsOfB.users = (
      await post("/api/users", {
        email: "agent@org-b.example",
        name: "B Agent",
        role: "agent",
        password: "agent-password-1",
      })
    ).json().id;
    objectsOfB.connectors = (
      await post("/api/connectors", {
        kind: "webhook",
        name: "b's pushes",
        secrets: { signingSecret: "b-signing-secret-long" },
      })
    ).json().id;
    objectsOfB.stakeholders = (
      await post("/api/stakeholders", { platform: "x", handle: "b_press", group: "press" })
    ).json().id;
    objectsOfB["alert-channels"] = (
      await post("/api/alert-channels", {
        name: "b's hook",
        config: {
          kind: "webhook",
          url: "https://hooks.org-b.example/x",
          secret: "b-secret-of-enough-length",
        },
      })
    ).json().id;
    objectsOfB["alert-rules"] = (
      await post("/api/alert-rules", {
        name: "every post",
        condition: { kind: "priority_post", minPriority: 0 },
        channelIds: [],
      })
    ).json().id;
    await post("/api/posts", {
      posts: [buildPost({ externalId: "only-in-b", text: "Nordwind kein Netz in Kiel" })],
    });
    await runtime.ctx.bus.idle();
    objectsOfB.alerts = (
      await app.inject({ method: "GET", url: "/api/alerts", headers: b.headers })
    ).json().items[0].id;
    objectsOfB.escalation = objectsOfB.topics ?? "";
    objectsOfB.posts = (
      await app.inject({ method: "GET", url: "/api/posts", headers: b.headers })
    ).json().items[0].id;
    objectsOfB.playbooks = (
      await app.inject({ method: "GET", url: "/api/playbooks", headers: b.headers })
    ).json().items[0].id;
    objectsOfB.inbox = (await post("/api/inbox/teams", { name: "B-Team" })).json().id;
    objectsOfB.evidence = (await post("/api/evidence", { postId: objectsOfB.posts })).json().id;
    objectsOfB.drafts = (await post("/api/drafts", { kind: "post", text: "Neu bei uns: Tarif B" })).json().id;
    objectsOfB.training = (
      await post("/api/training/exercises", { scenarioId: "complaint-escalates", lang: "de" })
    ).json().id;
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("answers 404 to a member of A for every object route of B's objects", async () => {
    const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    // The scenario library is the same for everyone (files shipped with the product), not an organisation's.
    const objectRoutes = Object.entries(spec.paths).filter(
      ([path]) => /\{(id|topicId)\}/u.test(path) && !path.startsWith("/api/training/scenarios/"),
    );
    expect(objectRoutes.length).toBeGreaterThanOrEqual(5);
    const checked: string[] = [];
    for (const [path, methods] of objectRoutes) {
      const collection = path.split("/")[2] ?? "";
      const id = objectsOfB[collection];
      // A new object route must be added here, or this test cannot prove it is scoped.
      expect(id, `no object of B for ${path}; add one to objectsOfB`).toBeDefined();
      for (const method of Object.keys(methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        const res = await app.inject({
          method: method.toUpperCase() as "GET",
          url: path
            .replace(/\{(id|topicId)\}/u, String(id))
            .replace("{itemId}", "no-such-item")
            .replace("{userId}", "no-such-user")
            .replace("{name}", "snapshot.json"),
          headers: a.headers,
          ...(bodies[key] ? { payload: bodies[key] as Record<string, unknown> } : {}),
        });
        // The incoming webhook has no session: it answers 401 to anything without the connector's signature.
        const expected = path.endsWith("/webhook") ? 401 : 404;
        expect(res.statusCode, `${key} → ${res.body}`).toBe(expected);
        checked.push(key);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        "GET /api/topics/{id}",
        "DELETE /api/tokens/{id}",
        "PATCH /api/users/{id}",
        "GET /api/posts/{id}",
        "GET /api/posts/{id}/revisions",
        "PATCH /api/alerts/{id}",
        "POST /api/alert-channels/{id}/test",
        "GET /api/escalation/{topicId}",
      ]),
    );
  });

  it("never lists B's objects to a member of A", async () => {
    const spec = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const lists = Object.entries(spec.paths)
      .filter(([path, methods]) => !path.includes("{") && "get" in methods && path !== "/api/posts/stream")
      .map(([path]) => path);
    expect(lists).toEqual(
      expect.arrayContaining(["/api/posts", "/api/topics", "/api/incidents", "/api/users", "/api/audit"]),
    );
    for (const path of lists) {
      const res = await app.inject({ method: "GET", url: path, headers: a.headers });
      for (const id of Object.values(objectsOfB)) expect(res.body, `${path} leaks ${id}`).not.toContain(id);
      expect(res.body).not.toContain("only-in-b");
    }
  });

  it("does not change B's objects through A's requests", async () => {
    const b = await signIn(app, "admin@org-b.example");
    const topic = await app.inject({
      method: "GET",
      url: `/api/topics/${objectsOfB.topics}`,
      headers: b.headers,
    });
    expect(topic.json().name).toBe(buildTopic().name);
    const tokens = await app.inject({ method: "GET", url: "/api/tokens", headers: b.headers });
    expect(tokens.json().items).toHaveLength(1);
  });
});
