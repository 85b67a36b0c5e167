import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pollDueConnectors } from "../../src/connectors/connectors.service.ts";
import { signWebhook } from "../../src/core/alerts/render.ts";
import { ManualClock } from "../../src/platform/clock.ts";
import { buildPost } from "../factories.ts";
import { type FakeResponse, startFakePlatform } from "../fake-platform.ts";
import { databaseKinds, seedOrganisation, signIn, startTestApp, startTestRuntime } from "../harness.ts";

const rss = (
  items: { guid: string; title: string; date: string }[],
) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hanse-Kurier</title><link>https://hansekurier.example</link><language>de</language>
${items
  .map(
    (
      i,
    ) => `<item><title>${i.title}</title><link>https://hansekurier.example/${i.guid}</link><guid>${i.guid}</guid>
<pubDate>${i.date}</pubDate><description>&lt;p&gt;Nordwind: ${i.title}&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>`,
  )
  .join("\n")}
</channel></rss>`;

describe.each(databaseKinds)("connectors on %s", (kind) => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let platform: Awaited<ReturnType<typeof startFakePlatform>>;
  let feed: () => FakeResponse;
  const policy = { allow: ["127.0.0.1"] };

  const api = async (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: admin.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const connector = async (id: string) =>
    (await api("GET", "/api/connectors")).json().items.find((c: { id: string }) => c.id === id);
  const poll = async () => {
    const outcomes = await pollDueConnectors(runtime.ctx, { policy });
    await runtime.ctx.bus.idle();
    return outcomes;
  };

  beforeAll(async () => {
    platform = await startFakePlatform({
      "GET /feed.xml": () => feed(),
      "GET /moved": () => ({ status: 301, headers: { location: "/feed.xml" } }),
      "GET /inward": () => ({
        status: 302,
        headers: { location: "http://169.254.169.254/latest/meta-data/" },
      }),
    });
    runtime = await startTestRuntime(kind, {
      clock,
      alertLoops: false,
      alerting: { BRANDWACHE_OUTBOUND_ALLOW: "127.0.0.1" },
    });
    app = await startTestApp(runtime);
    admin = await signIn(app, (await seedOrganisation(runtime, "nordwind")).email);
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
    await platform.close();
  });
  beforeEach(() => {
    feed = () => ({
      body: rss([{ guid: "a1", title: "Netzausfall in Hamburg", date: "Wed, 25 Nov 2026 10:00:00 GMT" }]),
      headers: { "content-type": "application/rss+xml", etag: '"v1"' },
    });
  });

  describe("a feed", () => {
    let id: string;

    it("is added with its settings checked, each problem naming its field", async () => {
      const bad = await api("POST", "/api/connectors", {
        kind: "rss",
        name: "x",
        config: { feedUrl: "ftp://a" },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe("config.feedUrl");
      const unknown = await api("POST", "/api/connectors", { kind: "myspace", name: "x" });
      expect(unknown.json().errors[0].field).toBe("kind");
      const res = await api("POST", "/api/connectors", {
        kind: "rss",
        name: "Hanse-Kurier",
        config: { feedUrl: `${platform.origin}/moved` },
      });
      expect(res.statusCode).toBe(201);
      id = res.json().id;
      expect(res.json()).toMatchObject({
        kind: "rss",
        name: "Hanse-Kurier",
        enabled: true,
        health: { state: "new" },
      });
      expect(
        (await api("GET", "/api/connector-kinds")).json().items.map((k: { kind: string }) => k.kind),
      ).toContain("rss");
    });

    it("brings the feed's items in as posts, following a redirect, as text", async () => {
      expect(await poll()).toMatchObject([{ posts: 1, state: "ok" }]);
      const posts = (await api("GET", "/api/posts?platform=rss")).json().items;
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({
        text: "Netzausfall in Hamburg\n\nNordwind: Netzausfall in Hamburg",
        url: "https://hansekurier.example/a1",
        lang: "de",
        author: { handle: `127.0.0.1:${new URL(platform.origin).port}`, displayName: "Hanse-Kurier" },
        postedAt: "2026-11-25T10:00:00.000Z",
      });
      const health = (await connector(id)).health;
      expect(health).toMatchObject({ state: "ok", postsTotal: 1, consecutiveErrors: 0 });
      expect(Date.parse(health.nextRunAt) - clock.now().getTime()).toBe(300_000);
      expect(
        (await api("GET", "/api/sources")).json().items.find((s: { id: string }) => s.id === id),
      ).toMatchObject({
        kind: "rss",
        posts: 1,
      });
    });

    it("asks with the ETag next time and delivers only new items", async () => {
      expect(await poll()).toEqual([]); // not due yet
      await clock.advance(300_000);
      feed = () => ({ status: 304 });
      expect(await poll()).toMatchObject([{ posts: 0, state: "ok" }]);
      expect(platform.requests.at(-1)?.headers["if-none-match"]).toBe('"v1"');
      await clock.advance(300_000);
      feed = () => ({
        body: rss([
          { guid: "a2", title: "Störung behoben", date: "Wed, 25 Nov 2026 12:05:00 GMT" },
          { guid: "a1", title: "Netzausfall in Hamburg", date: "Wed, 25 Nov 2026 10:00:00 GMT" },
        ]),
      });
      expect(await poll()).toMatchObject([{ posts: 1 }]);
      expect((await api("GET", "/api/posts?platform=rss")).json().items).toHaveLength(2);
    });

    it("backs off on errors, honours Retry-After, waits for a person on refused credentials, and recovers", async () => {
      await clock.advance(300_000);
      feed = () => ({ status: 503, body: "busy" });
      expect(await poll()).toMatchObject([{ state: "transient" }]);
      let health = (await connector(id)).health;
      expect(health).toMatchObject({ state: "transient", consecutiveErrors: 1 });
      expect(health.lastError).toMatch(/HTTP 503/);
      expect(Date.parse(health.nextRunAt) - clock.now().getTime()).toBe(30_000);

      await clock.advance(30_000);
      feed = () => ({ status: 429, headers: { "retry-after": "120" } });
      expect(await poll()).toMatchObject([{ state: "rate_limited" }]);
      health = (await connector(id)).health;
      expect(Date.parse(health.nextRunAt) - clock.now().getTime()).toBe(120_000);

      await clock.advance(120_000);
      feed = () => ({ status: 401 });
      await poll();
      health = (await connector(id)).health;
      expect(health).toMatchObject({ state: "auth", consecutiveErrors: 3 });
      expect(Date.parse(health.nextRunAt) - clock.now().getTime()).toBe(3_600_000);

      const now = await api("POST", `/api/connectors/${id}/poll`);
      expect(now.json().health).toMatchObject({ state: "auth" });
      feed = () => ({ body: rss([]) });
      expect((await api("POST", `/api/connectors/${id}/poll`)).json()).toMatchObject({
        posts: 0,
        health: { state: "ok", consecutiveErrors: 0 },
      });
    });

    it("refuses a redirect into the internal network and a private feed address without the allowlist", async () => {
      const inward = await api("PATCH", `/api/connectors/${id}`, {
        config: { feedUrl: `${platform.origin}/inward` },
      });
      expect(inward.json().health.state).toBe("new");
      expect(await poll()).toMatchObject([{ state: "config" }]);
      expect((await connector(id)).health.lastError).toMatch(/blocked: 169\.254\.169\.254/);
      await api("PATCH", `/api/connectors/${id}`, { config: { feedUrl: `${platform.origin}/feed.xml` } });
      const outcomes = await pollDueConnectors(runtime.ctx, { policy: { allow: [] } });
      expect(outcomes[0]?.error).toMatch(/blocked: 127\.0\.0\.1 is a loopback address/);
    });

    it("is polled by one runner at a time", async () => {
      await api("PATCH", `/api/connectors/${id}`, { enabled: true });
      const requestsBefore = platform.requests.length;
      const [a, b] = await Promise.all([
        pollDueConnectors(runtime.ctx, { policy }),
        pollDueConnectors(runtime.ctx, { policy }),
      ]);
      expect((a?.length ?? 0) + (b?.length ?? 0)).toBe(1);
      expect(platform.requests.length - requestsBefore).toBe(1);
    });

    it("can be paused, renamed and deleted; its posts stay", async () => {
      const paused = await api("PATCH", `/api/connectors/${id}`, { enabled: false, name: "HK" });
      expect(paused.json()).toMatchObject({ enabled: false, name: "HK" });
      await clock.advance(3_600_000);
      expect(await poll()).toEqual([]);
      expect((await api("DELETE", `/api/connectors/${id}`)).statusCode).toBe(204);
      expect((await api("GET", "/api/posts?platform=rss")).json().items).toHaveLength(2);
    });
  });

  describe("the incoming webhook", () => {
    const secret = "a-shared-secret-for-pushes";
    let id: string;
    const push = async (
      body: string,
      at = Math.floor(clock.now().getTime() / 1000),
      key = secret,
      target = id,
    ) =>
      app.inject({
        method: "POST",
        url: `/api/connectors/${target}/webhook`,
        headers: {
          "content-type": "application/json",
          "x-brandwache-timestamp": String(at),
          "x-brandwache-signature": signWebhook(key, at, body),
        },
        payload: body,
      });

    it("keeps its secret sealed and never returns it", async () => {
      const res = await api("POST", "/api/connectors", {
        kind: "webhook",
        name: "CRM",
        secrets: { signingSecret: secret },
      });
      expect(res.statusCode).toBe(201);
      id = res.json().id;
      expect(res.json().secretsSet).toEqual(["signingSecret"]);
      expect(JSON.stringify((await api("GET", "/api/connectors")).json())).not.toContain(secret);
      const stored = await runtime.ctx.db.execute(
        sql`select secrets_sealed from connectors where id = ${id}`,
      );
      expect(JSON.stringify(stored)).not.toContain(secret);
      const audit = (await api("GET", "/api/audit")).json();
      expect(JSON.stringify(audit)).not.toContain(secret);
      expect(await poll()).toEqual([]); // pushed, never polled
    });

    it("takes signed posts, reports bad ones by line and field, and keeps the good ones", async () => {
      const body = JSON.stringify({
        posts: [
          buildPost({
            platform: "webhook",
            externalId: "crm-1",
            text: "Beschwerde aus dem CRM: Nordwind Rechnung falsch",
          }),
          buildPost({ platform: "webhook", externalId: "", text: "kaputt" }),
        ],
      });
      const res = await push(body);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({
        accepted: 1,
        rejected: 1,
        problems: [{ line: 1, field: "externalId" }],
      });
      await runtime.ctx.bus.idle();
      expect((await api("GET", "/api/posts?platform=webhook")).json().items).toHaveLength(1);
      expect((await connector(id)).health).toMatchObject({ state: "ok", postsTotal: 1 });
    });

    it("answers 401 alike to a wrong signature, an old timestamp and an unknown connector", async () => {
      const body = JSON.stringify({ posts: [buildPost({ platform: "webhook" })] });
      expect((await push(body, undefined, "another-secret-of-length")).statusCode).toBe(401);
      expect((await push(body, Math.floor(clock.now().getTime() / 1000) - 600)).statusCode).toBe(401);
      expect((await push(body, undefined, secret, "no-such-connector")).statusCode).toBe(401);
      const tampered = await app.inject({
        method: "POST",
        url: `/api/connectors/${id}/webhook`,
        headers: {
          "content-type": "application/json",
          "x-brandwache-timestamp": String(Math.floor(clock.now().getTime() / 1000)),
          "x-brandwache-signature": signWebhook(secret, Math.floor(clock.now().getTime() / 1000), body),
        },
        payload: body.replace('"webhook"', '"mastodon"'),
      });
      expect(tampered.statusCode).toBe(401);
      expect((await push("{not json")).statusCode).toBe(400);
    });
  });
});
