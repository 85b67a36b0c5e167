import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIncident, buildPost, buildTopic } from "../factories.ts";
import { databaseKinds, seedOrganisation, signIn, startTestApp, startTestRuntime } from "../harness.ts";

describe.each(databaseKinds)("HTTP API on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    runtime = await startTestRuntime(kind);
    app = await startTestApp(runtime);
    const { email } = await seedOrganisation(runtime, "acme");
    admin = await signIn(app, email);
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("answers 401 problem+json without a session", async () => {
    const res = await app.inject({ method: "GET", url: "/api/topics" });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("refuses a wrong password with the same error as an unknown e-mail", async () => {
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "admin@acme.example", password: "nope" },
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "who@acme.example", password: "nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it("sets an HTTP-only, secure, same-site session cookie", async () => {
    const { cookie } = await signIn(app, "admin@acme.example");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/topics",
      headers: { cookie: admin.headers.cookie },
      payload: buildTopic(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("csrf_failed");
  });

  it("creates, changes and deletes a topic, and writes each change to the audit log", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/topics",
      headers: admin.headers,
      payload: buildTopic(),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/topics/${id}`,
      headers: admin.headers,
      payload: { name: "Störung" },
    });
    expect(patched.json().name).toBe("Störung");
    const deleted = await app.inject({ method: "DELETE", url: `/api/topics/${id}`, headers: admin.headers });
    expect(deleted.statusCode).toBe(204);
    const audit = await app.inject({ method: "GET", url: "/api/audit", headers: admin.headers });
    const actions = audit
      .json()
      .items.filter((e: { entityId: string }) => e.entityId === id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(["topic.delete", "topic.update", "topic.create"]);
  });

  it("rejects a topic whose query does not parse, naming the field and position", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/topics",
      headers: admin.headers,
      payload: { name: "kaputt", query: "(nordwind OR ausfall" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("query");
    expect(res.json().detail).toMatch(/character \d+/);
  });

  it("validates a query live and reports the error position", async () => {
    const ok = await app.inject({
      method: "POST",
      url: "/api/topics/validate",
      headers: admin.headers,
      payload: { query: "a OR b" },
    });
    expect(ok.json()).toEqual({ ok: true, canonical: "a OR b" });
    const bad = await app.inject({
      method: "POST",
      url: "/api/topics/validate",
      headers: admin.headers,
      payload: { query: 'a AND "b' },
    });
    expect(bad.json()).toMatchObject({ ok: false, error: { code: "unclosed_quote", position: 6 } });
  });

  it("names the field of a body that fails validation", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/incidents",
      headers: admin.headers,
      payload: { title: "", severity: "sev9" },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "severity"]));
  });

  it("ingests a batch, keeps the valid posts, reports the invalid ones by index and field", async () => {
    const topic = await app.inject({
      method: "POST",
      url: "/api/topics",
      headers: admin.headers,
      payload: buildTopic({ name: "Ausfall" }),
    });
    const good = buildPost({ externalId: "batch-1" });
    const alsoGood = buildPost({
      externalId: "batch-2",
      text: "Great service from Nordwind today, thanks!",
      lang: "en",
    });
    const bad = buildPost({ externalId: "batch-3", postedAt: "01.05.2024", author: { handle: "" } });
    const res = await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: admin.headers,
      payload: { posts: [good, bad, alsoGood] },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.json().problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual(
      expect.arrayContaining([
        [1, "postedAt"],
        [1, "author.handle"],
      ]),
    );
    await runtime.ctx.bus.idle();
    const list = await app.inject({ method: "GET", url: "/api/posts?limit=50", headers: admin.headers });
    const stored = list.json().items.filter((p: { externalId: string }) => p.externalId.startsWith("batch-"));
    expect(stored.map((p: { externalId: string }) => p.externalId).sort()).toEqual(["batch-1", "batch-2"]);
    const german = stored.find((p: { externalId: string }) => p.externalId === "batch-1");
    expect(german.lang).toBe("de");
    expect(german.topicIds).toEqual([topic.json().id]);
    const topicId = topic.json().id;
    const byTopic = (
      await app.inject({ method: "GET", url: `/api/posts?topicId=${topicId}`, headers: admin.headers })
    ).json();
    expect(byTopic.items.map((p: { externalId: string }) => p.externalId)).toEqual(["batch-1"]);
    const stats = (
      await app.inject({ method: "GET", url: `/api/posts/stats?topicId=${topicId}`, headers: admin.headers })
    ).json();
    expect(stats.total).toBe(1);
    const audit = (await app.inject({ method: "GET", url: "/api/audit", headers: admin.headers })).json();
    expect(audit.items.find((e: { action: string }) => e.action === "posts.ingest").detail).toEqual({
      accepted: 2,
      rejected: 1,
    });
    const sources = (await app.inject({ method: "GET", url: "/api/sources", headers: admin.headers })).json();
    expect(sources.items.find((s: { kind: string }) => s.kind === "api").posts).toBeGreaterThanOrEqual(2);
  });

  it("ingesting the same posts twice stores them once", async () => {
    const posts = [buildPost({ externalId: "twice-1" }), buildPost({ externalId: "twice-2" })];
    await app.inject({ method: "POST", url: "/api/posts", headers: admin.headers, payload: { posts } });
    await app.inject({ method: "POST", url: "/api/posts", headers: admin.headers, payload: { posts } });
    await runtime.ctx.bus.idle();
    const list = await app.inject({
      method: "GET",
      url: "/api/posts?q=twice&limit=200",
      headers: admin.headers,
    });
    const all = await app.inject({ method: "GET", url: "/api/posts?limit=200", headers: admin.headers });
    const ids = all
      .json()
      .items.map((p: { externalId: string }) => p.externalId)
      .filter((id: string) => id.startsWith("twice-"));
    expect(ids.sort()).toEqual(["twice-1", "twice-2"]);
    expect(list.statusCode).toBe(200);
  });

  it("finds German posts by stemmed full-text search and filters by language and platform", async () => {
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: admin.headers,
      payload: {
        posts: [
          buildPost({
            externalId: "fts-de",
            text: "Ich habe meinen Vertrag heute gekündigt, die Kündigungen häufen sich.",
            platform: "bluesky",
          }),
          buildPost({
            externalId: "fts-en",
            text: "Cancelled my contracts with them yesterday.",
            lang: "en",
            platform: "x",
          }),
        ],
      },
    });
    await runtime.ctx.bus.idle();
    const de = await app.inject({ method: "GET", url: "/api/posts?q=Kündigung", headers: admin.headers });
    expect(de.json().items.map((p: { externalId: string }) => p.externalId)).toContain("fts-de");
    const en = await app.inject({ method: "GET", url: "/api/posts?q=contract", headers: admin.headers });
    expect(en.json().items.map((p: { externalId: string }) => p.externalId)).toEqual(["fts-en"]);
    const onlyX = await app.inject({
      method: "GET",
      url: "/api/posts?platform=x&lang=en",
      headers: admin.headers,
    });
    expect(
      onlyX
        .json()
        .items.every((p: { platform: string; lang: string }) => p.platform === "x" && p.lang === "en"),
    ).toBe(true);
  });

  it("filters by author, a leading @ and the case ignored, and names a malformed handle", async () => {
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: admin.headers,
      payload: {
        posts: [
          buildPost({ externalId: "by-hilfe-1", author: { handle: "Nordwind_Hilfe" } }),
          buildPost({ externalId: "by-hilfe-2", platform: "x", author: { handle: "nordwind_hilfe" } }),
          buildPost({ externalId: "by-fake", author: { handle: "nordwind_hilfe_service" } }),
        ],
      },
    });
    await runtime.ctx.bus.idle();
    const list = async (query: string) =>
      app.inject({ method: "GET", url: `/api/posts?${query}`, headers: admin.headers });
    const ids = async (query: string) =>
      (await list(query))
        .json()
        .items.map((p: { externalId: string }) => p.externalId)
        .sort();
    expect(await ids("author=%40NORDWIND_HILFE")).toEqual(["by-hilfe-1", "by-hilfe-2"]);
    expect(await ids("author=nordwind_hilfe&platform=x")).toEqual(["by-hilfe-2"]);
    expect(await ids("author=nobody_here")).toEqual([]);
    const bad = await list("author=a%20b");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("querystring.author");
  });

  it("pages through posts with a cursor without gaps or repeats", async () => {
    const posts = Array.from({ length: 25 }, (_, i) =>
      buildPost({ externalId: `page-${i}`, platform: "reddit" }),
    );
    await app.inject({ method: "POST", url: "/api/posts", headers: admin.headers, payload: { posts } });
    await runtime.ctx.bus.idle();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/posts?platform=reddit&limit=7${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await app.inject({ method: "GET", url, headers: admin.headers })).json();
      seen.push(...page.items.map((p: { externalId: string }) => p.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it("rejects a forged cursor with a clear error", async () => {
    const res = await app.inject({ method: "GET", url: "/api/posts?cursor=bm9wZQ", headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("cursor");
  });

  it("counts mentions by platform, language and topic", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/posts/stats?bucket=hour",
      headers: admin.headers,
    });
    const stats = res.json();
    expect(stats.total).toBeGreaterThan(0);
    expect(stats.byPlatform.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(stats.total);
    expect(stats.series.length).toBeGreaterThan(0);
  });

  it("opens and closes an incident", async () => {
    const opened = await app.inject({
      method: "POST",
      url: "/api/incidents",
      headers: admin.headers,
      payload: buildIncident(),
    });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().status).toBe("active");
    const closed = await app.inject({
      method: "PATCH",
      url: `/api/incidents/${opened.json().id}`,
      headers: admin.headers,
      payload: { status: "closed" },
    });
    expect(closed.json().status).toBe("closed");
  });

  it("lets an admin add members and forbids a viewer to", async () => {
    const added = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: {
        email: "viewer@acme.example",
        name: "Vera Viewer",
        role: "viewer",
        password: "viewer-password-1",
      },
    });
    expect(added.statusCode).toBe(201);
    const viewer = await signIn(app, "viewer@acme.example", "viewer-password-1");
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: viewer.headers,
      payload: { email: "x@acme.example", name: "X", role: "admin", password: "x-password-12345" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("forbidden");
  });

  it("keeps the last admin from being demoted", async () => {
    const me = admin.session as unknown as { user: { id: string } };
    const res = await app.inject({
      method: "PATCH",
      url: `/api/users/${me.user.id}`,
      headers: admin.headers,
      payload: { role: "viewer" },
    });
    expect(res.statusCode).toBe(409);
  });

  it("accepts an API token instead of a session, and stops accepting it once revoked", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: admin.headers,
      payload: { name: "import bot" },
    });
    const { token, id } = created.json();
    expect(token).toMatch(/^bw_/);
    const auth = { authorization: `Bearer ${token}` };
    const ingest = await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: auth,
      payload: { posts: [buildPost()] },
    });
    expect(ingest.statusCode).toBe(202);
    const listed = await app.inject({ method: "GET", url: "/api/tokens", headers: admin.headers });
    expect(JSON.stringify(listed.json())).not.toContain(token);
    await app.inject({ method: "DELETE", url: `/api/tokens/${id}`, headers: admin.headers });
    const after = await app.inject({ method: "GET", url: "/api/posts", headers: auth });
    expect(after.statusCode).toBe(401);
  });

  it("signs out and forgets the session", async () => {
    const s = await signIn(app, "admin@acme.example");
    const out = await app.inject({ method: "POST", url: "/api/auth/logout", headers: s.headers });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ method: "GET", url: "/api/auth/me", headers: s.headers });
    expect(me.statusCode).toBe(401);
  });

  it("reports health and metrics", async () => {
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toMatchObject({ status: "ok" });
    const metrics = await app.inject({ method: "GET", url: "/metrics" });
    expect(metrics.body).toContain("brandwache_posts_stored_total");
  });
});

describe("login rate limit", () => {
  it("answers 429 problem+json after too many attempts from one address", async () => {
    const runtime = await startTestRuntime("pglite");
    const app = await startTestApp(runtime, { loginRate: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: "a@b.example", password: "x" },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await app.close();
      await runtime.dispose();
    }
  });
});
